import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basic, useMock } from './helpers.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const SESSIONS = '/fmi/data/vLatest/databases/Contacts/sessions';

/** Sends raw bytes and returns the raw answer, for requests no HTTP client would build. */
function raw(port: number, payload: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error('timeout')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
    socket.end(payload);
  });
}

describe('bad input never crashes the mock or leaks a stack trace', () => {
  it('answers a login without Content-Type: application/json with 415', async () => {
    for (const headers of [{}, { 'content-type': 'text/plain' }] as Record<string, string>[]) {
      const res = await mock.call('POST', SESSIONS, {
        headers: { authorization: basic('admin', 'admin-pass'), ...headers },
        body: '{}',
      });
      expect(res.status).toBe(415);
      expect(res.json.messages[0].code).toBeDefined();
    }
  });

  it('accepts a charset parameter unless strictContentType is on (then 400, like FileMaker Server 18)', async () => {
    const headers = {
      authorization: basic('admin', 'admin-pass'),
      'content-type': 'application/json; charset=utf-8',
    };
    expect((await mock.call('POST', SESSIONS, { headers, body: '{}' })).status).toBe(200);
    mock.server.mock.options.dataApi.strictContentType = true;
    expect((await mock.call('POST', SESSIONS, { headers, body: '{}' })).status).toBe(400);
  });

  it('answers malformed JSON with 400 and a FileMaker envelope', async () => {
    const res = await mock.call('POST', SESSIONS, {
      headers: { authorization: basic('admin', 'admin-pass'), 'content-type': 'application/json' },
      body: '{"fmDataSource": [',
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ response: {}, messages: [{ code: '960', message: 'Parameter is invalid' }] });
  });

  it('answers unknown paths under /fmi/data with 404 / 1630 and others with an HTML 404', async () => {
    const fm = await mock.call('GET', '/fmi/data/vLatest/nothing/here');
    expect(fm.status).toBe(404);
    expect(fm.json.messages[0].code).toBe('1630');
    expect((await mock.call('GET', '/fmi/data/v9/productInfo')).status).toBe(404);
    const web = await mock.call('GET', '/index.php');
    expect(web.status).toBe(404);
    expect(web.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers a wrong method with 405', async () => {
    for (const [method, path] of [
      ['GET', SESSIONS],
      ['POST', '/fmi/data/vLatest/productInfo'],
      ['PUT', '/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records/1'],
      ['OPTIONS', SESSIONS],
    ] as const) {
      const res = await mock.call(method, path);
      expect(res.status, `${method} ${path}`).toBe(405);
    }
  });

  it('answers a broken percent-encoding in the path with 400', async () => {
    const res = await mock.call('GET', '/fmi/data/vLatest/databases/%E0%A4%A/layouts');
    expect(res.status).toBe(400);
    expect(res.json.messages[0].code).toBe('1630');
  });

  it('caps request bodies (413) and stays up', async () => {
    const res = await mock
      .call('POST', SESSIONS, {
        headers: { authorization: basic('admin', 'admin-pass'), 'content-type': 'application/json' },
        body: Buffer.alloc(2 * 1024 * 1024, 0x20),
      })
      .catch((error: unknown) => error);
    if (!(res instanceof Error)) expect((res as { status: number }).status).toBe(413);
    expect((await mock.call('GET', '/fmi/data/vLatest/productInfo')).status).toBe(200);
  });

  it('caps request headers (431) and stays up', async () => {
    const answer = await raw(
      mock.server.port,
      `GET /fmi/data/vLatest/productInfo HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431/);
    expect((await mock.call('GET', '/fmi/data/vLatest/productInfo')).status).toBe(200);
  });

  it('answers garbage on the socket with 400 and stays up', async () => {
    const answer = await raw(mock.server.port, 'THIS IS NOT HTTP\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect((await mock.call('GET', '/fmi/data/vLatest/productInfo')).status).toBe(200);
  });

  it('never sends a stack trace', async () => {
    const responses = await Promise.all([
      mock.call('POST', SESSIONS, { headers: { 'content-type': 'application/json' }, body: '{"a":' }),
      mock.call('POST', '/fmi/data/vLatest/databases/Contacts/layouts/Contacts/_find', {
        headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
        body: 'null',
      }),
      mock.call('PATCH', '/__control/options', {
        headers: { 'content-type': 'application/json' },
        body: '[1]',
      }),
    ]);
    for (const res of responses) expect(res.text).not.toMatch(/\bat .+\.(js|ts):\d+/);
  });
});
