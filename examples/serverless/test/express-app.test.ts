import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { type MockServer, startMockServer } from '@fmauth/mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RedisServerHandle } from '../../../scripts/redis-server.mjs';
import type * as ExpressApp from '../src/express-app.js';
import type * as Fmauth from '../src/fmauth.js';
import {
  examplePath,
  fileMakerServerEnv,
  LineProcess,
  redisSkipReason,
  runNode,
  startRedisServer,
  stats,
  type Variant,
} from './support/backends.js';

const skip = redisSkipReason();

/** The example's modules of one variant, typed by the TypeScript sources (the twins export the same). */
async function load(variant: Variant) {
  // A variable specifier: the JS twin has no type declarations of its own.
  const app: typeof ExpressApp = await import(examplePath(variant, 'express-app'));
  const fmauth: typeof Fmauth = await import(examplePath(variant, 'fmauth'));
  return { ...app, ...fmauth };
}

describe.skipIf(skip !== undefined)(`Express app${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let mock: MockServer;
  let redis: RedisServerHandle;

  beforeAll(async () => {
    [mock, redis] = await Promise.all([startMockServer(), startRedisServer()]);
  });
  afterAll(async () => {
    await Promise.all([mock?.close(), redis?.stop()]);
  });
  beforeEach(() => mock.mock.reset());
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  function stubEnv(env: Record<string, string | undefined>) {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  }

  describe.each(['ts', 'js'] as const)('in this process (%s)', (variant) => {
    it('answers GET /contacts with records, logging in once for many requests', async () => {
      stubEnv(fileMakerServerEnv(mock, redis));
      const { createApp, shutdownFmauth } = await load(variant);
      const server = createApp().listen(0, '127.0.0.1');
      try {
        await once(server, 'listening');
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/contacts`;
        const responses = await Promise.all(Array.from({ length: 10 }, () => fetch(url)));
        for (const response of responses) {
          expect(response.status).toBe(200);
          const { contacts } = (await response.json()) as { contacts: Array<Record<string, string>> };
          expect(contacts).toHaveLength(6);
          expect(contacts[0]).toEqual({
            id: '1',
            name: expect.any(String),
            email: expect.stringContaining('@'),
            city: expect.any(String),
          });
        }
        expect(stats(mock, 'filemakerServer').successfulLogins).toBe(1);
      } finally {
        server.close();
        await shutdownFmauth();
      }
    });

    it('turns an fmauth error into a 502 with its code', async () => {
      stubEnv(fileMakerServerEnv(mock, redis, { FM_USERNAME: 'no-api', FM_PASSWORD: 'no-api-pass' }));
      const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
      const { createApp, shutdownFmauth } = await load(variant);
      const server = createApp().listen(0, '127.0.0.1');
      try {
        await once(server, 'listening');
        const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/contacts`);
        expect(response.status).toBe(502);
        expect(await response.json()).toEqual({ error: 'FMAUTH_INVALID_CREDENTIALS' });
        expect(logged).toHaveBeenCalledWith(expect.objectContaining({ code: 'FMAUTH_INVALID_CREDENTIALS' }));
      } finally {
        server.close();
        await shutdownFmauth();
      }
    });

    it('passes other errors on to Express (a 500), e.g. a missing setting', async () => {
      stubEnv(fileMakerServerEnv(mock, redis, { FM_SERVER_URL: undefined }));
      vi.spyOn(console, 'error').mockImplementation(() => {});
      const { createApp, shutdownFmauth } = await load(variant);
      const server = createApp().listen(0, '127.0.0.1');
      try {
        await once(server, 'listening');
        const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/contacts`);
        expect(response.status).toBe(500);
        expect(await response.text()).not.toContain('FMAUTH_');
      } finally {
        server.close();
        await shutdownFmauth();
      }
    });
  });

  describe.each(['ts', 'js'] as const)('as a pod (node %s server), shut down by SIGTERM', (variant) => {
    it('finishes, exits 0, and leaves the shared session to the other pods', async () => {
      const env = fileMakerServerEnv(mock, redis, { PORT: '0' });
      const pod = new LineProcess([examplePath(variant, 'server')], env);
      try {
        const listening = /^listening on http:\/\/localhost:(\d+)$/.exec(await pod.nextLine());
        expect(listening).not.toBeNull();
        const response = await fetch(`http://127.0.0.1:${listening?.[1]}/contacts`);
        expect(response.status).toBe(200);
        expect(stats(mock, 'filemakerServer')).toMatchObject({ successfulLogins: 1, activeSessions: 1 });

        pod.child.kill('SIGTERM');
        const exit = await pod.exited;
        expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null, stderr: '' });
        // Not logged out: the Data API session is still open on the server...
        expect(stats(mock, 'filemakerServer')).toMatchObject({ logouts: 0, activeSessions: 1 });
        // ...and the next process takes it from Redis instead of logging in.
        const job = await runNode([examplePath(variant, 'one-off-script')], env);
        expect(job, job.stderr).toMatchObject({ code: 0, stdout: 'Contacts: 6 records\n' });
        expect(stats(mock, 'filemakerServer')).toMatchObject({ successfulLogins: 1, logouts: 0 });
      } finally {
        pod.kill();
      }
    });
  });
});
