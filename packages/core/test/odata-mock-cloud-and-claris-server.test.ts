// The OData client against @fmauth/mock's FileMaker Cloud flavor (FMID from the real Cloud strategy
// signing in to the mock's Cognito with SRP) and its Claris Server flavor (Basic, extended password).
import { inspect } from 'node:util';
import { type MockServer, mockControl, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clarisServer } from '../../strategy-claris-server/dist/index.js';
import { fileMakerCloud } from '../../strategy-filemaker-cloud/dist/index.js';
import {
  type AuthStrategy,
  createDataApiSession,
  createODataClient,
  InvalidCredentialsError,
  odataFilter,
  toSecret,
} from '../src/index.js';

let server: MockServer;
const control = () => mockControl(server.endpoints.control as string);
const stats = async () => (await control().stats()) as Record<string, Record<string, number>>;

beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
beforeEach(() => control().reset());

function cloud(clock?: () => number): AuthStrategy & AsyncDisposable {
  return fileMakerCloud({
    clarisId: 'dev@example.com',
    password: 'ClarisID-pass-1',
    pool: server.readiness.cognito as { userPoolId: string; clientId: string; region: string },
    cognito: { endpoint: server.endpoints.cognito as string, maxAttempts: 1 },
    ...(clock ? { clock } : {}),
  }) as unknown as AuthStrategy & AsyncDisposable;
}

function shown(error: unknown): string {
  const e = error as Error;
  return `${e.message} ${inspect(e, { depth: 5 })} ${JSON.stringify(e)} ${e.stack}`;
}

describe('OData client on the mock FileMaker Cloud (FMID)', () => {
  it('reads, writes and runs a script with one Claris ID sign-in shared by 200 cold callers', async () => {
    await using strategy = cloud();
    await using odata = createODataClient({
      baseUrl: server.endpoints.filemakerCloud as string,
      database: 'Contacts',
      strategy,
    });
    const pages = await Promise.all(
      Array.from({ length: 200 }, () => odata.query('Contacts', { top: 1, count: true })),
    );
    expect(pages.every((page) => page.count === 6 && page.value.length === 1)).toBe(true);
    expect((await stats()).cognito).toMatchObject({ srpSignIns: 1 });
    expect((await stats()).filemakerCloud).toMatchObject({ odataRequests: 200, odataFailedAuth: 0 });

    expect((await odata.databases()).map((db) => db.name)).toEqual(['Contacts']);
    expect(await odata.metadata()).toContain('com.filemaker.odata.Contacts');
    const created = await odata.create('Contacts', { name: 'Mary Jackson', city: 'Hampton' });
    expect(created).toMatchObject({ name: 'Mary Jackson' });
    expect(await odata.count('Contacts', odataFilter`city eq ${'Hampton'}`)).toBe(2);
    expect(await odata.runScript('Echo', 7)).toEqual({ code: 0, resultParameter: '7' });
  });

  it('replaces the ID token before it expires on the mock clock, without a second SRP sign-in', async () => {
    let now = Date.now();
    const clock = () => now;
    await using strategy = cloud(clock);
    const sent: string[] = [];
    await using odata = createODataClient({
      baseUrl: server.endpoints.filemakerCloud as string,
      database: 'Contacts',
      strategy,
      clock,
      onEvent: (event) => sent.push(event.type),
    });
    await odata.get('Contacts', 1);
    await control().advanceClock({ minutes: 50 });
    now += 50 * 60_000;
    await odata.get('Contacts', 2);
    expect((await stats()).cognito).toMatchObject({ srpSignIns: 1 });
    await control().advanceClock({ minutes: 8 });
    now += 8 * 60_000;
    // Inside the one-minute margin before the hour-long token expires: renewed before it is sent.
    expect(await odata.get('Contacts', 3)).toMatchObject({ name: 'Alan Turing' });
    expect((await stats()).cognito).toMatchObject({ srpSignIns: 1, refreshes: 1 });
    expect((await stats()).filemakerCloud).toMatchObject({ odataFailedAuth: 0 });
    expect(sent.filter((type) => type === 'login')).toHaveLength(2);
  });

  it('a token the server calls expired (its clock ran ahead) is refused once, renewed, and the call replayed', async () => {
    await using strategy = cloud();
    const events: string[] = [];
    await using odata = createODataClient({
      baseUrl: server.endpoints.filemakerCloud as string,
      database: 'Contacts',
      strategy,
      onEvent: (event) => events.push(event.type),
    });
    await odata.get('Contacts', 1);
    // Only the server's clock moves: the client still thinks the hour-long token is fresh.
    await control().advanceClock({ minutes: 61 });
    expect(await odata.update('Contacts', 1, { city: 'Marylebone' })).toMatchObject({ city: 'Marylebone' });
    expect((await stats()).filemakerCloud).toMatchObject({ odataFailedAuth: 1, odataRequests: 3 });
    const cognito = (await stats()).cognito ?? {};
    expect((cognito.srpSignIns ?? 0) + (cognito.refreshes ?? 0)).toBe(2);
    expect(events).toContain('rejected');
  });

  it('a forged FMID token gets the HTML 401 page: InvalidCredentialsError, sent once, no token in it', async () => {
    const forged = 'eyJmb3JnZWQ.eyJub3BlIjoxfQ.c2lnbmF0dXJl';
    const strategy: AuthStrategy = {
      id: 'forged-fmid',
      flavors: ['filemaker-cloud'],
      authenticate: () => ({ authorization: toSecret(`FMID ${forged}`) }),
    };
    await using odata = createODataClient({
      baseUrl: server.endpoints.filemakerCloud as string,
      database: 'Contacts',
      strategy,
    });
    const error = await odata.query('Contacts').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error).toMatchObject({ status: 401 });
    expect((error as Error).message).toMatch(/Claris ID token has expired or is not accepted/);
    expect(shown(error)).not.toContain(forged);
    expect((await stats()).filemakerCloud).toMatchObject({ odataRequests: 1 });
  });
});

describe('OData client on the mock Claris Server (extended password)', () => {
  it('the extended account password works, and a record it writes is read through the Data API', async () => {
    const strategy = clarisServer({ clarisId: 'dev@example.com', extendedPassword: 'Extended-pass-1' });
    await using odata = createODataClient({
      baseUrl: server.endpoints.clarisServer as string,
      database: 'Contacts',
      strategy: strategy as unknown as AuthStrategy,
    });
    expect((await odata.tables()).map((table) => table.name)).toEqual(['Contacts']);
    const { value } = await odata.query<{ name: string }>('Contacts', {
      filter: odataFilter`city eq ${'London'}`,
    });
    expect(value.map((row) => row.name)).toEqual(['Ada Lovelace']);
    await odata.create('Contacts', { name: 'Dorothy Vaughan', city: 'Kansas City' });
    await using session = createDataApiSession({
      baseUrl: server.endpoints.clarisServer as string,
      database: 'Contacts',
      strategy: strategy as unknown as AuthStrategy,
    });
    const found = await session.find('Contacts', [{ city: '==Kansas City' }]);
    expect(found.data[0]?.fieldData).toMatchObject({ name: 'Dorothy Vaughan' });
    expect((await stats()).clarisServer).toMatchObject({ odataFailedAuth: 0, rejectedClarisIdPasswords: 0 });
  });

  it('the plain Claris ID password is InvalidCredentialsError with the extended-password hint, no secret', async () => {
    await using odata = createODataClient({
      baseUrl: server.endpoints.clarisServer as string,
      database: 'Contacts',
      strategy: clarisServer({
        clarisId: 'dev@example.com',
        extendedPassword: 'ClarisID-pass-1',
      }) as unknown as AuthStrategy,
    });
    const error = await odata.query('Contacts').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error).toMatchObject({ status: 401, fmCode: '212' });
    expect(shown(error)).toMatch(/extended/i);
    expect(shown(error)).not.toContain('ClarisID-pass-1');
    expect(shown(error)).not.toContain(Buffer.from('dev@example.com:ClarisID-pass-1').toString('base64'));
    // Sent once, counted once: identical Basic credentials are never replayed.
    expect((await stats()).clarisServer).toMatchObject({ odataFailedAuth: 1, rejectedClarisIdPasswords: 1 });
  });
});
