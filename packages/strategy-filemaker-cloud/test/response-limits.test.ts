import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UnexpectedResponseError } from '@fmauth/core';
import { afterEach, describe, expect, it } from 'vitest';
import { CLARIS_USER_POOL, type FileMakerCloudEvent, fileMakerCloud } from '../src/index.js';
import { authContext } from './support/cloud-mock.js';

const MiB = 1024 * 1024;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** A loopback server that answers every request with `total` bytes, chunked, counting what it sent. */
async function flood(total: number, contentType = 'application/x-amz-json-1.1') {
  const sent = { bytes: 0 };
  const server = createServer((req, res: ServerResponse) => {
    req.resume();
    res.on('error', () => undefined);
    res.writeHead(200, { 'content-type': contentType });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (sent.bytes < total && !res.destroyed) {
        sent.bytes += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent };
}

describe('response size limits of the Cloud strategy', () => {
  it('a 50 MB Cognito answer fails at cognito.maxResponseBytes without being read further', async () => {
    const cognito = await flood(50 * MiB);
    const strategy = fileMakerCloud({
      clarisId: 'dev@example.com',
      password: 'Secret-pass-1',
      cognito: { endpoint: cognito.url, maxAttempts: 1, maxResponseBytes: 256 * 1024 },
    });
    try {
      const error = await Promise.resolve(strategy.authenticate(authContext())).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnexpectedResponseError);
      expect((error as Error).message).toContain('262144 bytes (cognito.maxResponseBytes)');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(cognito.sent.bytes).toBeLessThan(12 * MiB);
    } finally {
      await strategy.close();
    }
  });

  it('a pool document over discovery.maxResponseBytes (default 64 KiB) falls back to the defaults', async () => {
    const discovery = await flood(50 * MiB, 'application/json');
    const events: FileMakerCloudEvent[] = [];
    const cognito = await flood(10); // never reached meaningfully: only discovery is under test
    const strategy = fileMakerCloud({
      clarisId: 'dev@example.com',
      password: 'Secret-pass-1',
      discovery: { url: `${discovery.url}/pool.json` },
      cognito: { endpoint: cognito.url, maxAttempts: 1 },
      onEvent: (event) => events.push(event),
    });
    try {
      await Promise.resolve(strategy.authenticate(authContext())).catch(() => undefined);
      expect(events[0]).toEqual({
        type: 'pool-discovery-failed',
        url: `${discovery.url}/pool.json`,
        reason: expect.stringContaining('larger than 65536 bytes (discovery.maxResponseBytes)'),
        fallback: CLARIS_USER_POOL,
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(discovery.sent.bytes).toBeLessThan(12 * MiB);
    } finally {
      await strategy.close();
    }
  });

  it('rejects limits that are not positive whole numbers of bytes', () => {
    for (const options of [{ cognito: { maxResponseBytes: 0 } }, { discovery: { maxResponseBytes: 1.5 } }]) {
      expect(() => fileMakerCloud({ clarisId: 'dev@example.com', password: 'x', ...options })).toThrow(
        TypeError,
      );
    }
  });
});
