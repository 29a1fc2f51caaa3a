// fm-odata-client 3.2.5's Connection, unchanged, authenticated by @fmauth/core's
// createAuthorizationHeaderProvider against the mock's three flavors. Core and the strategies are not
// dependencies of the mock (core depends on the mock), so their built dist is imported by path.
import { Connection } from 'fm-odata-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuthorizationHeaderProvider,
  type AuthStrategy,
  createAuthorizationHeaderProvider,
  toSecret,
} from '../../core/dist/index.js';
import { clarisServer } from '../../strategy-claris-server/dist/index.js';
import { fileMakerCloud } from '../../strategy-filemaker-cloud/dist/index.js';
import { basic, useMock } from './helpers.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const stats = (flavor: string) => mock.server.mock.stats()[flavor] as Record<string, number>;
const host = (prefix = '') => `${new URL(mock.server.url).host}${prefix}`;
const providers: AuthorizationHeaderProvider[] = [];
function provider(strategy: unknown, prefix = ''): AuthorizationHeaderProvider {
  const made = createAuthorizationHeaderProvider(strategy as AuthStrategy, {
    baseUrl: `${mock.server.url}${prefix}`,
    database: 'Contacts',
  });
  providers.push(made);
  return made;
}
afterAll(async () => {
  await Promise.all(providers.splice(0).map((p) => p.close()));
});

/** A FileMaker Server strategy in a few lines: fixed Basic credentials for an fmodata account. */
const fileMakerServerBasic = (user: string, password: string): AuthStrategy => ({
  id: 'interop-basic',
  flavors: ['filemaker-server'],
  authenticate: () => ({ authorization: toSecret(basic(user, password)) }),
});

describe('fm-odata-client with the fmauth authorization header provider', () => {
  it('FileMaker Server (Basic): queries, writes and runs a script; the strategy is asked once', async () => {
    let asked = 0;
    const strategy = fileMakerServerBasic('admin', 'admin-pass');
    const counting: AuthStrategy = {
      ...strategy,
      authenticate: (ctx) => {
        asked++;
        return strategy.authenticate(ctx);
      },
    };
    const connection = new Connection(host(), provider(counting), { disableSsl: true });
    const table = connection.database('Contacts').table('Contacts');
    const rows = await table.query({ filter: "city eq 'London'", select: ['name'] });
    expect(rows).toEqual([expect.objectContaining({ name: 'Ada Lovelace' })]);
    const created = (await table.create({ name: 'Mary Jackson' })) as unknown as { name: string };
    expect(created.name).toBe('Mary Jackson');
    expect(await table.count()).toBe(7);
    expect(await connection.database('Contacts').runScript('Echo', 'via provider')).toEqual({
      code: 0,
      resultParameter: 'via provider',
    });
    expect(asked).toBe(1);
    expect(stats('filemakerServer')).toMatchObject({ odataFailedAuth: 0, successfulLogins: 0 });
  });

  it('Claris Server: the extended account password works; the plain Claris ID password gets 401', async () => {
    const good = new Connection(
      host('/claris-server'),
      provider(
        clarisServer({ clarisId: 'dev@example.com', extendedPassword: 'Extended-pass-1' }),
        '/claris-server',
      ),
      { disableSsl: true },
    );
    expect(await good.database('Contacts').table('Contacts').fetchById(1)).toMatchObject({
      name: 'Ada Lovelace',
    });
    const bad = new Connection(
      host('/claris-server'),
      provider(
        clarisServer({ clarisId: 'dev@example.com', extendedPassword: 'ClarisID-pass-1' }),
        '/claris-server',
      ),
      { disableSsl: true },
    );
    const failure = await bad
      .database('Contacts')
      .table('Contacts')
      .query()
      .catch((error: unknown) => error);
    expect((failure as { statusCode?: number }).statusCode).toBe(401);
    expect(stats('clarisServer')).toMatchObject({ rejectedClarisIdPasswords: 1, odataFailedAuth: 1 });
  });

  it('FileMaker Cloud: the Cloud strategy signs in once (SRP to the mock Cognito) for 100 concurrent queries', async () => {
    await using strategy = fileMakerCloud({
      clarisId: 'dev@example.com',
      password: 'ClarisID-pass-1',
      pool: mock.server.readiness.cognito as { userPoolId: string; clientId: string; region: string },
      cognito: { endpoint: mock.server.endpoints.cognito as string, maxAttempts: 1 },
    });
    const connection = new Connection(host('/filemaker-cloud'), provider(strategy, '/filemaker-cloud'), {
      disableSsl: true,
    });
    const table = connection.database('Contacts').table('Contacts');
    const results = await Promise.all(Array.from({ length: 100 }, () => table.query({ top: 1 })));
    expect(results.every((rows) => rows.length === 1)).toBe(true);
    expect(mock.server.mock.stats().cognito).toMatchObject({ srpSignIns: 1 });
    expect(stats('filemakerCloud')).toMatchObject({ odataRequests: 100, odataFailedAuth: 0 });
  });
});
