// The provider on the real FileMaker Cloud strategy, signing in to the mock's Cognito (SRP for real).
import { type MockServer, mockControl, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fileMakerCloud } from '../../strategy-filemaker-cloud/dist/index.js';
import { type AuthStrategy, createAuthorizationHeaderProvider } from '../src/index.js';

let server: MockServer;
const control = () => mockControl(server.endpoints.control as string);
const cognitoStats = async () => (await control().stats()).cognito as Record<string, number>;

beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(() => control().reset());

function cloud(clock?: () => number) {
  return fileMakerCloud({
    clarisId: 'dev@example.com',
    password: 'ClarisID-pass-1',
    pool: server.readiness.cognito as { userPoolId: string; clientId: string; region: string },
    cognito: { endpoint: server.endpoints.cognito as string, maxAttempts: 1 },
    ...(clock ? { clock } : {}),
  });
}

describe('authorization header provider on FileMaker Cloud', () => {
  it('1000 concurrent cold callers share one Claris ID sign-in and get the same FMID header', async () => {
    await using strategy = cloud();
    await using provider = createAuthorizationHeaderProvider(strategy as unknown as AuthStrategy, {
      baseUrl: server.endpoints.filemakerCloud as string,
      database: 'Contacts',
    });
    const headers = await Promise.all(Array.from({ length: 1000 }, () => provider.getAuthorizationHeader()));
    expect(new Set(headers).size).toBe(1);
    expect(headers[0]).toMatch(/^FMID [\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await cognitoStats()).toMatchObject({ srpSignIns: 1 });
  });

  it('refreshes the ID token before it expires (mock clock), with no second SRP sign-in', async () => {
    let now = Date.now();
    const clock = () => now;
    await using strategy = cloud(clock);
    await using provider = createAuthorizationHeaderProvider(strategy as unknown as AuthStrategy, {
      baseUrl: server.endpoints.filemakerCloud as string,
      clock,
    });
    const first = await provider.getAuthorizationHeader();
    await control().advanceClock({ minutes: 50 });
    now += 50 * 60_000;
    expect(await provider.getAuthorizationHeader()).toBe(first);
    await control().advanceClock({ minutes: 8 });
    now += 8 * 60_000;
    const renewed = await provider.getAuthorizationHeader();
    expect(renewed).not.toBe(first);
    expect(await cognitoStats()).toMatchObject({ srpSignIns: 1, refreshes: 1 });
  });

  it('after invalidate(), the strategy drops its token and the next header is a fresh one', async () => {
    await using strategy = cloud();
    await using provider = createAuthorizationHeaderProvider(strategy as unknown as AuthStrategy, {
      baseUrl: server.endpoints.filemakerCloud as string,
    });
    const refused = await provider.getAuthorizationHeader();
    await provider.invalidate(refused);
    const fresh = await provider.getAuthorizationHeader();
    expect(fresh).not.toBe(refused);
    const stats = await cognitoStats();
    expect((stats.srpSignIns ?? 0) + (stats.refreshes ?? 0)).toBe(2);
  });
});
