import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import type { TokenStoreCallContext } from '@fmauth/core';
import { createClient } from '@redis/client';

/** A key prefix no other test uses, so tests sharing one server never see each other's keys. */
export function freshPrefix(): string {
  return `t${randomBytes(5).toString('hex')}:`;
}

/** What core passes to every call: a signal that fires after a generous bound. */
export function ctx(ms = 5000): TokenStoreCallContext {
  return { signal: AbortSignal.timeout(ms) };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A plain node-redis client for looking at what the store wrote (TTLs, raw bytes, key names). */
export async function rawClient(url: string) {
  const client = createClient({ url, RESP: 2 });
  client.on('error', () => {});
  await client.connect();
  return client;
}

/** How long `promise` took to settle, and how: never lets a rejection escape unobserved. */
export async function timed<T>(
  promise: Promise<T>,
): Promise<{ ms: number; value?: T; error?: unknown; rejected: boolean }> {
  const start = performance.now();
  try {
    const value = await promise;
    return { ms: performance.now() - start, value, rejected: false };
  } catch (error) {
    return { ms: performance.now() - start, error, rejected: true };
  }
}

/** Retries `attempt` until it resolves or `withinMs` passes; resolves how long that took. */
export async function eventually<T>(
  attempt: () => Promise<T>,
  withinMs: number,
): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  let last: unknown;
  while (performance.now() - start < withinMs) {
    try {
      return { value: await attempt(), ms: performance.now() - start };
    } catch (error) {
      last = error;
      await sleep(50);
    }
  }
  throw new Error(`still failing after ${withinMs} ms: ${String(last)}`);
}

/**
 * A TCP server that accepts connections and never answers: a Redis that hangs in the handshake.
 * Counts connections, so a test can also prove that nothing connected.
 */
export async function silentServer(): Promise<{
  port: number;
  connections: () => number;
  close: () => Promise<void>;
}> {
  const sockets = new Set<net.Socket>();
  let count = 0;
  const server = net.createServer((socket) => {
    count++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    connections: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port where nothing listens (bound, read, released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
