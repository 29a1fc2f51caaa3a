import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import { type MockControl, type MockServer, mockControl, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AuthStrategy,
  basicAuthorization,
  createAdminApiSession,
  InvalidCredentialsError,
  Secret,
  type SessionEvent,
} from '../src/index.js';

// The Cloud strategy is another package (which depends on core). This stand-in signs in to the mock's
// Cognito with SRP, through the SRP client the mock itself depends on, and sends `FMID <ID token>`.
interface SrpModule {
  startSrpClient(): {
    readonly srpA: string;
    computeClaim(input: Record<string, string>): { readonly timestamp: string; readonly signature: string };
  };
  formatSrpTimestamp(): string;
}
const fromMock = createRequire(createRequire(import.meta.url).resolve('@fmauth/mock/package.json'));
const srp: SrpModule = await import(fromMock.resolve('@fmauth/cognito-srp'));

const DEV = { email: 'dev@example.com', password: 'ClarisID-pass-1', extendedPassword: 'Extended-pass-1' };

let server: MockServer;
let control: MockControl;
const open: Array<{ close(): Promise<void> }> = [];

beforeAll(async () => {
  server = await startMockServer();
  control = mockControl(server.endpoints.control as string);
});
afterAll(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
  await server.close();
});
beforeEach(() => control.reset());

async function cognito(operation: string, input: unknown, signal: AbortSignal): Promise<any> {
  const res = await fetch(`${server.endpoints.cognito}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
    },
    body: JSON.stringify(input),
    signal,
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`${operation} failed: ${res.status}`);
  return body;
}

function clarisIdStrategy(): AuthStrategy & { calls: string[] } {
  const calls: string[] = [];
  return {
    id: 'test-fmid',
    flavors: ['filemaker-cloud'],
    identity: DEV.email,
    calls,
    async authenticate(ctx) {
      calls.push(`${ctx.api}:${ctx.reason}`);
      const { userPoolId, clientId } = server.mock.options.cognito;
      const client = srp.startSrpClient();
      const challenge = await cognito(
        'InitiateAuth',
        {
          AuthFlow: 'USER_SRP_AUTH',
          ClientId: clientId,
          AuthParameters: { USERNAME: DEV.email, SRP_A: client.srpA },
        },
        ctx.signal,
      );
      const p = challenge.ChallengeParameters;
      const claim = client.computeClaim({
        userPoolId,
        userIdForSrp: p.USER_ID_FOR_SRP,
        password: DEV.password,
        srpB: p.SRP_B,
        salt: p.SALT,
        secretBlock: p.SECRET_BLOCK,
        timestamp: srp.formatSrpTimestamp(),
      });
      const result = await cognito(
        'RespondToAuthChallenge',
        {
          ChallengeName: 'PASSWORD_VERIFIER',
          ClientId: clientId,
          ChallengeResponses: {
            USERNAME: p.USER_ID_FOR_SRP,
            PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK,
            TIMESTAMP: claim.timestamp,
            PASSWORD_CLAIM_SIGNATURE: claim.signature,
          },
        },
        ctx.signal,
      );
      const { IdToken, ExpiresIn } = result.AuthenticationResult;
      return {
        authorization: new Secret(`FMID ${IdToken}`),
        validUntil: server.mock.clock.now() + (ExpiresIn - 60) * 1000,
      };
    },
  };
}

function basicStrategy(username: string, password: string): AuthStrategy {
  const credentials = { authorization: basicAuthorization(username, password) };
  return {
    id: 'filemaker-server',
    flavors: ['filemaker-server'],
    identity: username,
    authenticate: () => credentials,
  };
}

function session(url: string, strategy: AuthStrategy) {
  const events: SessionEvent[] = [];
  const admin = createAdminApiSession({
    baseUrl: url,
    strategy,
    clock: () => server.mock.clock.now(),
    onEvent: (event) => events.push(event),
  });
  open.push(admin);
  return Object.assign(admin, { events });
}

describe('Admin API session on FileMaker Cloud (FMID)', () => {
  const stats = () => server.mock.stats().filemakerCloud as Record<string, number>;
  const url = () => server.endpoints.filemakerCloud as string;

  it('logs in with the FMID token and serves the typed calls', async () => {
    const strategy = clarisIdStrategy();
    const admin = session(url(), strategy);
    await Promise.all([admin.serverStatus(), admin.databases()]);
    expect((await admin.databases()).map((file) => file.filename)).toEqual(['Contacts.fmp12']);
    expect(await admin.schedules()).toEqual([]);
    expect(strategy.calls).toEqual(['admin-api:initial']);
    expect(stats()).toMatchObject({ adminLogins: 1 });
  });

  it('logs in again and replays once when the server ends the token', async () => {
    const strategy = clarisIdStrategy();
    const admin = session(url(), strategy);
    await admin.serverStatus();
    await control.expireSessions();
    await admin.serverStatus();
    expect(strategy.calls).toEqual(['admin-api:initial', 'admin-api:expired']);
    expect(admin.events).toContainEqual({ type: 'session-rejected', status: 401, fmCode: '9' });
  });

  it('renews before the Claris ID token expires, not after a failed call', async () => {
    const strategy = clarisIdStrategy();
    const admin = session(url(), strategy);
    await admin.serverStatus();
    for (let minute = 0; minute < 60; minute += 10) {
      server.mock.clock.advance(10 * 60_000);
      await admin.serverStatus();
    }
    expect(strategy.calls).toEqual(['admin-api:initial', 'admin-api:expired']);
    expect(admin.events.some((event) => event.type === 'session-rejected')).toBe(false);
  });

  it('refuses a Claris ID without Admin API access with InvalidCredentialsError', async () => {
    await control.setOptions({ filemakerCloud: { adminAccess: ['someone-else@example.com'] } });
    const error = await session(url(), clarisIdStrategy())
      .serverStatus()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error).toMatchObject({ fmCode: '9' });
    expect(inspect(error)).not.toMatch(/FMID \S{20,}/);
  });

  it('logs out on close()', async () => {
    const admin = session(url(), clarisIdStrategy());
    await admin.serverStatus();
    await admin.close();
    expect(stats()).toMatchObject({ adminLogouts: 1, adminActiveSessions: 0 });
  });
});

describe('Admin API session on Claris Server (console account over Basic, an assumption)', () => {
  const stats = () => server.mock.stats().clarisServer as Record<string, number>;
  const url = () => server.endpoints.clarisServer as string;

  it('logs in with the console account, runs a schedule and logs out on close()', async () => {
    const admin = session(url(), basicStrategy('admin', 'admin-pass'));
    expect((await admin.serverStatus()).status).toBe('RUNNING');
    const { id } = await admin.request<{ id: string }>({
      method: 'POST',
      path: '/schedules/filemakerscript',
      body: {
        name: 'Sync',
        filemakerScriptType: {
          resource: 'file:Contacts',
          fmScriptName: 'Sync',
          fmScriptAccount: DEV.email,
          fmScriptPassword: DEV.extendedPassword,
        },
        dailyType: { startTimeStamp: '2026-01-01T02:00:00' },
      },
    });
    expect((await admin.runSchedule(id)).lastResult).toEqual({ code: '0', text: 'OK' });
    await control.expireSessions();
    expect(await admin.schedules()).toHaveLength(1);
    await admin.close();
    expect(stats()).toMatchObject({ adminLogins: 2, adminLogouts: 1, scheduleRuns: 1 });
  });

  it('fails a Claris ID with its extended password (not a console account) with advice', async () => {
    const admin = session(url(), basicStrategy(DEV.email, DEV.extendedPassword));
    const error = await admin.serverStatus().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect((error as Error).message).toMatch(/Admin Console account/);
    expect(`${inspect(error)}${JSON.stringify(error)}`).not.toContain(DEV.extendedPassword);
  });
});
