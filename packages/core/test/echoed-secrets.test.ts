import type { IncomingMessage } from 'node:http';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  basicAuthorization,
  createDataApiSession,
  type DataApiSessionOptions,
  SecretScrubber,
  type SessionEvent,
} from '../src/index.js';
import { basicStrategy, fmJson, startServer } from './helpers.js';

const USER = 'api-user';
const PASSWORD = 'Pa55/word+with%odd chars';
const SOURCE_PASSWORD = 'other-file-secret';
const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6';
const AUTHORIZATION = basicAuthorization(USER, PASSWORD).reveal();
const b64 = (text: string) => Buffer.from(text).toString('base64');

/** Every form a leak could take. */
const FORBIDDEN = [
  PASSWORD,
  encodeURIComponent(PASSWORD),
  b64(PASSWORD),
  `${USER}:${PASSWORD}`,
  AUTHORIZATION,
  AUTHORIZATION.slice('Basic '.length),
  SOURCE_PASSWORD,
  b64(SOURCE_PASSWORD),
  TOKEN,
  b64(TOKEN),
  encodeURIComponent(`Bearer ${TOKEN}`),
];

/** Everything a request carried, repeated back in every encoding: what a careless server may do. */
function echo(req: IncomingMessage, body: string): string {
  const authorization = req.headers.authorization ?? '';
  return [
    `you sent ${authorization}`,
    `raw ${authorization.split(' ')[1] ?? ''}`,
    `decoded ${Buffer.from(authorization.split(' ')[1] ?? '', 'base64').toString()}`,
    `as base64 ${b64(authorization)}`,
    `encoded ${encodeURIComponent(authorization)}`,
    `body ${body}`,
    `password ${PASSWORD} ${encodeURIComponent(PASSWORD)} ${b64(PASSWORD)}`,
    `source ${b64(SOURCE_PASSWORD)}`,
  ].join(' | ');
}

function renderings(value: unknown): string[] {
  return [
    String(value),
    (value as Error)?.stack ?? '',
    JSON.stringify(value) ?? '',
    inspect(value, { depth: 10, showHidden: true }),
    `${(value as { fmMessage?: string })?.fmMessage}`,
    `${(value as { bodyPreview?: string })?.bodyPreview}`,
  ];
}

function expectClean(values: unknown[]): void {
  for (const value of values) {
    for (const text of renderings(value)) {
      for (const secret of FORBIDDEN) expect(text, `leaks ${secret}`).not.toContain(secret);
    }
  }
}

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function session(
  handler: Parameters<typeof startServer>[0],
  options: Partial<DataApiSessionOptions> = {},
) {
  const server = await startServer(handler);
  servers.push(server);
  const events: SessionEvent[] = [];
  const s = createDataApiSession({
    baseUrl: server.url,
    database: 'X',
    strategy: basicStrategy(USER, PASSWORD),
    fmDataSource: [{ database: 'Other', username: 'u', password: SOURCE_PASSWORD }],
    onEvent: (event) => events.push(event),
    ...options,
  });
  return { session: s, events };
}

describe('secrets a server echoes back never reach errors or events', () => {
  it('a login 401 (FileMaker JSON) that repeats the Authorization header and body', async () => {
    const { session: s, events } = await session((req, res, body) => {
      res.writeHead(401, { 'content-type': 'application/json' }).end(fmJson('212', echo(req, body)));
    });
    const error = await s.login().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FMAUTH_INVALID_CREDENTIALS', fmCode: '212' });
    expect((error as { fmMessage: string }).fmMessage).toContain('[redacted]');
    expectClean([error, events, ...events]);
    await s.close();
  });

  it('a non-JSON error page that repeats them (body preview)', async () => {
    const { session: s, events } = await session((req, res, body) => {
      res.writeHead(500, { 'content-type': 'text/html' }).end(`<h1>Error</h1>${echo(req, body)}`);
    });
    const error = await s.login().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FMAUTH_UNEXPECTED_RESPONSE', status: 500 });
    expect((error as { bodyPreview: string }).bodyPreview).toContain('[redacted]');
    expectClean([error, events, ...events]);
    await s.close();
  });

  it('a call error, a 952 and a failed logout that repeat the session token', async () => {
    let rejectCalls = false;
    const { session: s, events } = await session((req, res, body) => {
      const json = (status: number, text: string) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(text);
      if (req.method === 'POST' && req.url?.endsWith('/sessions')) {
        return json(200, fmJson('0', 'OK', { token: TOKEN }));
      }
      if (req.method === 'DELETE') return json(500, fmJson('8', echo(req, body)));
      if (rejectCalls) return json(401, fmJson(`952 ${req.headers.authorization}`, echo(req, body)));
      json(500, fmJson('105', echo(req, body)));
    });
    const callError = await s.layouts().catch((e: unknown) => e);
    expect(callError).toMatchObject({ code: 'FMAUTH_FILEMAKER_ERROR', fmCode: '105' });
    rejectCalls = true;
    const rejected = await s.layouts().catch((e: unknown) => e);
    rejectCalls = false;
    const logoutError = await s.logout().catch((e: unknown) => e);
    expect(logoutError).toMatchObject({ code: 'FMAUTH_FILEMAKER_ERROR', fmCode: '8' });
    expect(events.some((e) => e.type === 'session-rejected')).toBe(true);
    await s.close();
    expectClean([callError, rejected, logoutError, events, ...events]);
  });

  it('validateSession(), productInfo() and databaseNames() errors', async () => {
    const { session: s, events } = await session((req, res, body) => {
      if (req.method === 'POST') {
        return void res.writeHead(200).end(fmJson('0', 'OK', { token: TOKEN }));
      }
      res.writeHead(req.url?.endsWith('/databases') ? 401 : 500).end(fmJson('3', echo(req, body)));
    });
    await s.login();
    const errors = [
      await s.validateSession().catch((e: unknown) => e),
      await s.productInfo().catch((e: unknown) => e),
      await s.databaseNames().catch((e: unknown) => e),
    ];
    for (const error of errors) expect(error).toBeInstanceOf(Error);
    await s.close();
    expectClean([...errors, events, ...events]);
  });
});

describe('SecretScrubber', () => {
  it('removes a secret in plain, base64, base64url and URL-encoded form, and the parts of a Basic value', () => {
    const scrubber = new SecretScrubber().add(basicAuthorization(USER, PASSWORD));
    const text = [
      AUTHORIZATION,
      b64(AUTHORIZATION),
      Buffer.from(PASSWORD).toString('base64url'),
      encodeURIComponent(PASSWORD),
      `${USER}:${PASSWORD}`,
    ].join(' ');
    const scrubbed = scrubber.scrub(text);
    for (const secret of FORBIDDEN.slice(0, 6)) expect(scrubbed).not.toContain(secret);
    expect(scrubber.scrub('nothing secret here')).toBe('nothing secret here');
  });

  it('ignores values too short to scrub without garbling every message', () => {
    expect(new SecretScrubber().add('ab').scrub('a cab')).toBe('a cab');
  });
});
