import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AccountUnavailableError,
  createDataApiSession,
  FmAuthError,
  InvalidCredentialsError,
  isFmAuthError,
  SessionClosedError,
  SessionLimitError,
  UnexpectedResponseError,
} from '../src/index.js';
import { basicStrategy, fmJson, startServer, useMock } from './helpers.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

async function failure(promise: Promise<unknown>): Promise<FmAuthError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e,
  );
  expect(isFmAuthError(error)).toBe(true);
  return error as FmAuthError;
}

/** A server answering every request with one fixed response. */
async function fixedServer(status: number, headers: Record<string, string>, body: string) {
  return startServer((_req, res) => {
    res.writeHead(status, headers).end(body);
  });
}

describe('typed errors', () => {
  it('a wrong password is an InvalidCredentialsError with the FileMaker code, status, endpoint and advice', async () => {
    const session = mock.session({ strategy: basicStrategy('admin', 'wrong-pass') });
    const error = await failure(session.layouts());
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error).toMatchObject({
      code: 'FMAUTH_INVALID_CREDENTIALS',
      fmCode: '212',
      fmMessage: 'Invalid user account and/or password; please try again',
      status: 401,
      endpoint: 'POST /fmi/data/vLatest/databases/Contacts/sessions',
      strategyId: 'test-basic',
      name: 'InvalidCredentialsError',
    });
    expect(error.message).toMatch(/Check the account name and password/);
  });

  it('an inactive account is an AccountUnavailableError with reason "inactive"', async () => {
    const error = await failure(
      mock.session({ strategy: basicStrategy('inactive', 'inactive-pass') }).layouts(),
    );
    expect(error).toBeInstanceOf(AccountUnavailableError);
    expect((error as AccountUnavailableError).reason).toBe('inactive');
  });

  it('956 is a SessionLimitError that says what to do', async () => {
    mock.server.mock.options.dataApi.maxSessions = 1;
    await mock.session().layouts();
    const error = await failure(mock.session().layouts());
    expect(error).toBeInstanceOf(SessionLimitError);
    expect(error.message).toMatch(/reuse one session/);
  });

  it('a disabled Data API (502 HTML page) is an UnexpectedResponseError pointing at Admin Console', async () => {
    mock.server.mock.options.dataApi.dataApiEnabled = false;
    const error = await failure(mock.session().layouts());
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).toMatchObject({ status: 502, contentType: 'text/html; charset=utf-8' });
    expect(error.message).toMatch(/Data API is enabled in Admin Console/);
    expect((error as UnexpectedResponseError).bodyPreview).toContain('502 Bad Gateway');
    expect(JSON.stringify(error)).not.toContain('502 Bad Gateway</h1>');
  });

  it.each([
    ['non-JSON 200', 200, { 'content-type': 'text/plain' }, 'hello'],
    ['truncated JSON', 200, { 'content-type': 'application/json' }, '{"response":{"tok'],
    ['JSON without messages', 200, { 'content-type': 'application/json' }, '{"ok":true}'],
    ['empty 500', 500, {}, ''],
  ])('%s at login is an UnexpectedResponseError, never a TypeError', async (_name, status, headers, body) => {
    const server = await fixedServer(status, headers, body);
    const session = createDataApiSession({ baseUrl: server.url, database: 'X', strategy: basicStrategy() });
    try {
      const error = await failure(session.layouts());
      expect(error).toBeInstanceOf(UnexpectedResponseError);
    } finally {
      await session.close();
      await server.close();
    }
  });

  it('a successful login without a token is an UnexpectedResponseError', async () => {
    const server = await fixedServer(200, { 'content-type': 'application/json' }, fmJson('0', 'OK'));
    const session = createDataApiSession({ baseUrl: server.url, database: 'X', strategy: basicStrategy() });
    try {
      const error = await failure(session.layouts());
      expect(error.message).toMatch(/no session token/);
    } finally {
      await session.close();
      await server.close();
    }
  });

  it('an HTML 401 at login (FileMaker Cloud) is an InvalidCredentialsError', async () => {
    const server = await fixedServer(401, { 'content-type': 'text/html' }, '<html></html>');
    const session = createDataApiSession({ baseUrl: server.url, database: 'X', strategy: basicStrategy() });
    try {
      const error = await failure(session.layouts());
      expect(error).toBeInstanceOf(InvalidCredentialsError);
      expect(error.message).toMatch(/Claris ID token/);
    } finally {
      await session.close();
      await server.close();
    }
  });

  it('calls after close() throw SessionClosedError', async () => {
    const session = mock.session();
    await session.close();
    const error = await failure(session.layouts());
    expect(error).toBeInstanceOf(SessionClosedError);
    await expect(session.login()).rejects.toBeInstanceOf(SessionClosedError);
  });

  it('instanceof works across copies of core through the brand and the code', () => {
    const foreign = Object.assign(Object.create(Error.prototype), { code: 'FMAUTH_INVALID_CREDENTIALS' });
    Object.defineProperty(foreign, Symbol.for('fmauth.error'), { value: true });
    expect(foreign).toBeInstanceOf(FmAuthError);
    expect(foreign).toBeInstanceOf(InvalidCredentialsError);
    expect(foreign).not.toBeInstanceOf(SessionLimitError);
    expect(new Error('x')).not.toBeInstanceOf(FmAuthError);
  });
});
