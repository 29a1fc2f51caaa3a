import { inspect } from 'node:util';
import { type MockControl, type MockServer, mockControl, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type AdminApiSessionOptions,
  type AuthStrategy,
  basicAuthorization,
  createAdminApiSession,
  InvalidCredentialsError,
  memoryTokenStore,
  type SessionEvent,
  SessionLimitError,
  UnsupportedError,
} from '../src/index.js';

// The FileMaker Server strategy lives in another package (which depends on core); this one sends the
// same thing, Basic with the Admin Console account, and records why core asked.
function consoleAccount(username = 'admin', password = 'admin-pass'): AuthStrategy & { calls: string[] } {
  const calls: string[] = [];
  const credentials = { authorization: basicAuthorization(username, password) };
  return {
    id: 'filemaker-server',
    flavors: ['filemaker-server'],
    identity: username,
    calls,
    authenticate(ctx) {
      calls.push(`${ctx.api}:${ctx.reason}`);
      return credentials;
    },
  };
}

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

const stats = () => server.mock.stats().filemakerServer as Record<string, number>;

function session(options: Partial<AdminApiSessionOptions> = {}) {
  const events: SessionEvent[] = [];
  const strategy = consoleAccount();
  const admin = createAdminApiSession({
    baseUrl: server.url,
    strategy,
    clock: () => server.mock.clock.now(),
    onEvent: (event) => events.push(event),
    ...options,
  });
  open.push(admin);
  return Object.assign(admin, { events, calls: strategy.calls });
}

async function createSchedule(admin: ReturnType<typeof session>, password = 'admin-pass'): Promise<string> {
  const created = await admin.request<{ id: string }>({
    path: 'schedules/filemakerscript',
    body: {
      name: 'Nightly',
      filemakerScriptType: {
        resource: 'file:Contacts',
        fmScriptName: 'Export',
        fmScriptAccount: 'admin',
        fmScriptPassword: password,
      },
      dailyType: { startTimeStamp: '2026-01-01T02:00:00' },
    },
  });
  return created.id;
}

describe('Admin API session on FileMaker Server', () => {
  it('logs in lazily with the Admin Console account and serves the typed calls', async () => {
    const admin = session();
    expect(stats().adminLogins).toBe(0);
    expect(await admin.serverStatus()).toMatchObject({ status: 'RUNNING' });
    const files = await admin.databases();
    expect(files.map((file) => file.filename)).toEqual(['Contacts.fmp12']);
    expect(await admin.schedules()).toEqual([]);
    const id = await createSchedule(admin);
    const [listed] = await admin.schedules();
    expect(listed).toMatchObject({ id, name: 'Nightly' });
    const ran = await admin.runSchedule(id);
    expect(ran.lastResult).toEqual({ code: '0', text: 'OK' });
    expect(admin.calls).toEqual(['admin-api:initial']);
    expect(stats()).toMatchObject({ adminLogins: 1, scheduleRuns: 1 });
  });

  it('shows a failed schedule run in lastResult without throwing', async () => {
    const admin = session();
    const ran = await admin.runSchedule(await createSchedule(admin, 'wrong'));
    expect(ran.lastResult?.code).toBe('212');
  });

  it('shares one login among concurrent first calls', async () => {
    const admin = session();
    await Promise.all([admin.serverStatus(), admin.databases(), admin.schedules(), admin.serverStatus()]);
    expect(stats().adminLogins).toBe(1);
    expect(admin.events.filter((event) => event.type === 'login')).toHaveLength(1);
  });

  for (const code of ['9', '1703'] as const) {
    it(`logs in once more and replays the call when the server refuses the token (${code})`, async () => {
      await control.setOptions({ adminApi: { rejectedTokenCode: code } });
      const admin = session();
      await admin.serverStatus();
      await control.expireSessions();
      expect(await admin.databases()).toHaveLength(1);
      expect(stats()).toMatchObject({ adminLogins: 2, adminActiveSessions: 1 });
      expect(admin.calls).toEqual(['admin-api:initial', 'admin-api:expired']);
      expect(admin.events).toContainEqual({ type: 'session-rejected', status: 401, fmCode: code });
    });
  }

  it('replaces an idle token before the call, instead of failing first (mock clock)', async () => {
    const admin = session();
    await admin.serverStatus();
    server.mock.clock.advance(13 * 60_000);
    await admin.serverStatus();
    expect(stats().adminLogins).toBe(1);
    server.mock.clock.advance(14 * 60_000 + 30_000);
    await admin.serverStatus();
    expect(stats().adminLogins).toBe(2);
    expect(admin.events.some((event) => event.type === 'session-rejected')).toBe(false);
    expect(admin.calls).toEqual(['admin-api:initial', 'admin-api:expired']);
  });

  it('logs out on close() (and await using), with the token in the path only', async () => {
    const admin = session();
    await admin.serverStatus();
    await admin.close();
    expect(stats()).toMatchObject({ adminLogouts: 1, adminActiveSessions: 0 });
    expect(admin.events).toContainEqual({ type: 'logout' });
    await expect(admin.serverStatus()).rejects.toMatchObject({ code: 'FMAUTH_SESSION_CLOSED' });
    {
      await using scoped = session();
      await scoped.databases();
    }
    expect(stats()).toMatchObject({ adminLogouts: 2, adminActiveSessions: 0 });
  });

  it('sends nothing on close() when it never logged in', async () => {
    await session().close();
    expect(stats()).toMatchObject({ adminLogins: 0, adminLogouts: 0, adminRequests: 0 });
  });

  it('fails a wrong console password with InvalidCredentialsError that says which account to use', async () => {
    for (const code of ['212', '1703'] as const) {
      await control.setOptions({ adminApi: { invalidLoginCode: code } });
      const admin = session({ strategy: consoleAccount('admin', 'not-the-password') });
      const error = await admin.serverStatus().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidCredentialsError);
      expect(error).toMatchObject({ fmCode: code, status: 401 });
      expect((error as Error).message).toMatch(/Admin Console account/);
    }
  });

  it('fails 956 with SessionLimitError', async () => {
    await control.setOptions({ adminApi: { maxSessions: 1 } });
    await session().serverStatus();
    const error = await session()
      .serverStatus()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SessionLimitError);
    expect(error).toMatchObject({ fmCode: '956' });
  });

  it('fails an unknown path (1700) with an error that names the path and the API version', async () => {
    const admin = session();
    const error = await admin.request({ path: 'no/such/thing' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnsupportedError);
    expect(error).toMatchObject({ fmCode: '1700', status: 404 });
    expect((error as Error).message).toMatch(/\/fmi\/admin\/api\/v2\/no\/such\/thing.*Admin API v2/s);
  });

  it('shares one token between sessions through a token store, under a key apart from the Data API', async () => {
    const tokenStore = memoryTokenStore();
    const first = session({ tokenStore });
    const second = session({ tokenStore });
    await first.serverStatus();
    await second.serverStatus();
    expect(stats().adminLogins).toBe(1);
    expect(first.sharesToken).toBe(true);
  });

  it('keeps the password and the token out of errors, events, inspect and JSON', async () => {
    const admin = session();
    await admin.serverStatus();
    await control.expireSessions();
    await admin.serverStatus();
    const bad = session({ strategy: consoleAccount('admin', 'Sup3r-secret-pw') });
    const error = await bad.serverStatus().catch((caught: unknown) => caught);
    const texts = [
      inspect(admin, { depth: 5 }),
      JSON.stringify(admin),
      inspect(admin.events, { depth: 5 }),
      inspect(error, { depth: 5 }),
      JSON.stringify(error),
      inspect(bad.events, { depth: 5 }),
    ].join('\n');
    expect(texts).not.toContain('admin-pass');
    expect(texts).not.toContain('Sup3r-secret-pw');
    expect(texts).not.toContain(Buffer.from('admin:admin-pass').toString('base64'));
  });
});
