import { BasicAuth, Connection } from 'fm-odata-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basic, useMock } from './helpers.js';

// FileMaker's known invalid JSON, switched on per test, so a client's tolerance can be checked.
const mock = useMock({
  fixture: {
    databases: [
      {
        name: 'Rates',
        accounts: [{ name: 'api', password: 'api-pass', extendedPrivileges: ['fmodata'] }],
        tables: [
          {
            name: 'Rates',
            fields: [{ name: 'label' }, { name: 'rate', result: 'number' }],
            records: [
              { label: 'half', rate: 0.5 },
              { label: 'line one\nline two\ttabbed', rate: -0.06 },
              { label: 'unreadable', rate: 'n/a' },
            ],
          },
        ],
        layouts: [{ name: 'Rates' }],
      },
    ],
  },
});
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const URL_RATES = '/fmi/odata/v4/Rates/Rates?$select=label,rate';
const read = () => mock.call('GET', URL_RATES, { headers: { authorization: basic('api', 'api-pass') } });
const defects = async (jsonDefects: string[]) => {
  const res = await mock.call('PATCH', '/__control/options', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ odata: { jsonDefects } }),
  });
  expect(res.status).toBe(200);
};

describe('FileMaker JSON defects in OData answers', () => {
  it('writes valid JSON by default: escaped control characters, 0.5, null for text in a number field', async () => {
    const res = await read();
    expect(res.json.value.map((r: { rate: unknown }) => r.rate)).toEqual([0.5, -0.06, null]);
    expect(res.text).toContain('line one\\nline two\\ttabbed');
  });

  it('drops the leading zero of fractions', async () => {
    await defects(['zero-less-fractions']);
    const res = await read();
    expect(res.text).toContain('"rate":.5');
    expect(res.text).toContain('"rate":-.06');
    expect(res.json).toBeUndefined();
  });

  it('writes raw newlines and tabs inside strings, and fm-odata-client copes with laxParsing', async () => {
    await defects(['raw-control-characters']);
    const res = await read();
    expect(res.text).toContain('line one\nline two\ttabbed');
    expect(res.json).toBeUndefined();
    const connection = new Connection(new URL(mock.server.url).host, new BasicAuth('api', 'api-pass'), {
      disableSsl: true,
      laxParsing: true,
    });
    const rows = (await connection
      .database('Rates')
      .table('Rates')
      .query({ select: ['label'] })) as unknown as Array<{
      label: string;
    }>;
    // Its lax parser drops the tab and turns the raw newline back into \n.
    expect(rows[1]?.label).toBe('line one\nline twotabbed');
  });

  it('writes a bare ? for text in a number field', async () => {
    await defects(['bare-question-mark']);
    const res = await read();
    expect(res.text).toContain('"rate":?');
    expect(JSON.parse(res.text.replace(/:\?/g, ':null')).value[2].rate).toBeNull();
  });
});
