import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basic, useMock } from './helpers.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const ADMIN = { authorization: basic('admin', 'admin-pass') };
const ROOT = '/fmi/odata/v4';

/** A batch body as the OData docs show it: absolute sub-request URLs, writes in a changeset. */
function batchBody(items: Array<string | string[]>): { body: string; contentType: string } {
  const boundary = 'batch_test';
  const part = (request: string) =>
    `Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n${request}\r\n`;
  const sections = items.map((item, index) => {
    if (typeof item === 'string') return `--${boundary}\r\n${part(item)}`;
    const changeset = `changeset_${index}`;
    const inner = item
      .map((request, n) => `--${changeset}\r\nContent-ID: ${n + 1}\r\n${part(request)}`)
      .join('');
    return `--${boundary}\r\nContent-Type: multipart/mixed; boundary=${changeset}\r\n\r\n${inner}--${changeset}--\r\n`;
  });
  return {
    body: `${sections.join('')}--${boundary}--\r\n`,
    contentType: `multipart/mixed; boundary=${boundary}`,
  };
}

const get = (path: string) => `GET ${mock.base}${ROOT}${path} HTTP/1.1\r\nAccept: application/json\r\n`;
const post = (path: string, json: unknown) => {
  const body = JSON.stringify(json);
  return `POST ${ROOT}${path} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
};

async function sendBatch(
  items: Array<string | string[]>,
  headers: Record<string, string> = ADMIN,
  db = 'Contacts',
) {
  const { body, contentType } = batchBody(items);
  return mock.call('POST', `${ROOT}/${db}/$batch`, {
    headers: { ...headers, 'content-type': contentType },
    body,
  });
}

/** The status lines of a batch answer, in order (changeset answers included). */
const statuses = (text: string) =>
  [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((match) => Number(match[1]));

describe('OData $batch', () => {
  it('answers each part in order, writes of a changeset as 204 + Location', async () => {
    const res = await sendBatch([
      get('/Contacts/Contacts(1)'),
      [post('/Contacts/Contacts', { name: 'Batch One' }), post('/Contacts/Contacts', { name: 'Batch Two' })],
      get('/Contacts/Contacts/$count'),
    ]);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^multipart\/mixed; boundary=batchresponse_/);
    expect(statuses(res.text)).toEqual([200, 204, 204, 200]);
    expect(res.text).toContain('"name":"Ada Lovelace"');
    expect(res.text).toContain(`location: ${mock.base}${ROOT}/Contacts/Contacts(ROWID=8)`);
    expect(res.text).toMatch(/Content-ID: 2\r\n/);
    expect(res.text).toMatch(/\r\n\r\n8\r\n/);
    expect(mock.stats()).toMatchObject({ odataRequests: 1, odataBatchOperations: 4 });
  });

  it('answers inserts 201 with the record under batchInsertStatus: "201"', async () => {
    await mock.call('PATCH', '/__control/options', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ odata: { batchInsertStatus: '201' } }),
    });
    const res = await sendBatch([[post('/Contacts/Contacts', { name: 'Batch One' })]]);
    expect(statuses(res.text)).toEqual([201]);
    expect(res.text).toContain('"name":"Batch One"');
  });

  it('undoes a changeset that fails, answers its one error, and stops there', async () => {
    const res = await sendBatch([
      [post('/Contacts/Contacts', { name: 'Kept?' }), post('/Contacts/Contacts', { nope: 1 })],
      get('/Contacts/Contacts(1)'),
    ]);
    expect(statuses(res.text)).toEqual([400]);
    expect(res.text).toContain('"code":"8309"');
    const count = await mock.call('GET', `${ROOT}/Contacts/Contacts/$count`, { headers: ADMIN });
    expect(count.text).toBe('6');
  });

  it('stops at the first failing operation outside a changeset too', async () => {
    const res = await sendBatch([get('/Contacts/Nope'), get('/Contacts/Contacts(1)')]);
    expect(statuses(res.text)).toEqual([404]);
    expect(res.text).toContain('"code":"-1020"');
  });

  it('refuses a .fmp12 sub-request (-1032), another file, and a wrong service root (-1000)', async () => {
    const other = await sendBatch(['GET /fmi/odata/v4/Other/Contacts HTTP/1.1\r\n']);
    expect(other.text).toContain('"code":"-1032"');
    const fmp12 = await sendBatch(['GET /fmi/odata/v4/Contacts.fmp12/Contacts HTTP/1.1\r\n']);
    expect(fmp12.text).toContain('"code":"-1032"');
    const proxy = await sendBatch(['GET /otto/fmi/odata/v4/Contacts/Contacts HTTP/1.1\r\n']);
    expect(proxy.text).toContain('"code":"-1000"');
  });

  it('needs credentials, a multipart body and well-formed parts', async () => {
    expect(
      (await sendBatch([get('/Contacts/Contacts')], { authorization: basic('admin', 'x') })).status,
    ).toBe(401);
    const plain = await mock.call('POST', `${ROOT}/Contacts/$batch`, {
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: '{}',
    });
    expect([plain.status, plain.json.error.code]).toEqual([400, '-1002']);
    const garbage = await mock.call('POST', `${ROOT}/Contacts/$batch`, {
      headers: { ...ADMIN, 'content-type': 'multipart/mixed; boundary=b' },
      body: '--b\r\nContent-Type: text/plain\r\n\r\nhello\r\n--b--',
    });
    expect([garbage.status, garbage.json.error.code]).toEqual([400, '-1002']);
    const many = await sendBatch(Array.from({ length: 101 }, () => get('/Contacts/Contacts(1)')));
    expect(many.status).toBe(400);
  });
});
