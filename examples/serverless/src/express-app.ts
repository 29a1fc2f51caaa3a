// examples/serverless/src/express-app.ts
// An Express 5 app on the process's fmauth session, with a graceful shutdown for rolling deploys.
import { once } from 'node:events';
import type { AddressInfo, Server } from 'node:net';
import { isFmAuthError } from '@fmauth/core';
import express, { type ErrorRequestHandler } from 'express';
import { getFmauth, shutdownFmauth } from './fmauth.js';

export function createApp(): express.Express {
  const app = express();
  app.get('/contacts', async (_request, response) => {
    const { data } = await getFmauth().session.getRecords('Contacts', { limit: 10 });
    response.json({ contacts: data.map((record) => ({ id: record.recordId, ...record.fieldData })) });
  });
  // Express 5 passes a rejected handler's error here.
  const onError: ErrorRequestHandler = (error, _request, response, next) => {
    if (!isFmAuthError(error)) return next(error);
    console.error(error); // fmauth errors never contain a password or token
    response.status(502).json({ error: error.code });
  };
  app.use(onError);
  return app;
}

/** Listens on `port`; on SIGTERM (sent by Kubernetes, ECS, systemd) or Ctrl-C, shuts down cleanly. */
export async function startServer(port: number): Promise<Server> {
  const server = createApp().listen(port);
  await once(server, 'listening');
  console.log(`listening on http://localhost:${(server.address() as AddressInfo).port}`);
  let stopping = false;
  const stop = async () => {
    // Requests in flight finish first: they still need the session.
    await new Promise((resolve) => server.close(resolve));
    // Leaves the shared Data API session to the other pods, then closes the Redis connection.
    await shutdownFmauth();
    // Nothing keeps the process alive now: it exits with code 0.
  };
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    // A request that never ends must not block the exit; unref'd, so it never delays a clean one.
    setTimeout(() => process.exit(1), 10_000).unref();
    stop().catch((error) => {
      console.error(error);
      process.exitCode = 1;
    });
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return server;
}
