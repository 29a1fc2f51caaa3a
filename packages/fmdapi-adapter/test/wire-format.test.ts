import { inspect } from 'node:util';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import { DataApi, FileMakerError } from '@proofkit/fmdapi';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FmAuthAdapter } from '../src/index.js';
import { ADMIN } from './support/mock.js';
import { RECORDED_TOKEN, startRecordingServer } from './support/recording-server.js';

const EMPTY_RECORDS = {
  data: [],
  dataInfo: {
    database: 'Contacts',
    layout: 'Contacts',
    table: 'Contacts',
    totalRecordCount: 0,
    foundCount: 0,
    returnedCount: 0,
  },
};

describe('what FmAuthAdapter sends for DataApi options', () => {
  let server: Awaited<ReturnType<typeof startRecordingServer>>;
  let adapter: FmAuthAdapter;
  beforeAll(async () => {
    server = await startRecordingServer((req) => {
      if (req.path.includes('/script/')) return { response: { scriptResult: 'done', scriptError: '0' } };
      // A server that echoes the session token (and the Authorization header) in an error message.
      if (req.path.endsWith('/echo')) {
        return { status: 500, code: '102', message: `Field is missing (token ${RECORDED_TOKEN})` };
      }
      return { response: EMPTY_RECORDS };
    });
  });
  beforeEach(async () => {
    await adapter?.close();
    server.calls.splice(0);
    adapter = new FmAuthAdapter({
      baseUrl: server.url,
      database: 'Contacts',
      strategy: fileMakerServer(ADMIN),
    });
  });
  afterAll(async () => {
    await adapter?.close();
    await server.close();
  });
  const api = (layout = 'Contacts') => DataApi({ adapter, layout });

  it('list: paging, sort as JSON, portal ranges, script parameters, layout.response and dateformats', async () => {
    await api().list({
      limit: 5,
      offset: 11,
      sort: [{ fieldName: 'name', sortOrder: 'descend' }],
      portalRanges: { Orders: { offset: 2, limit: 3 } },
      script: 'After',
      'script.param': 'a&b=c',
      'layout.response': 'Contacts Detail',
      dateformats: 'ISO8601',
    });
    const [call] = server.calls;
    expect(call?.method).toBe('GET');
    expect(call?.path).toBe('layouts/Contacts/records');
    expect(Object.fromEntries(call?.query ?? [])).toEqual({
      _limit: '5',
      _offset: '11',
      _sort: JSON.stringify([{ fieldName: 'name', sortOrder: 'descend' }]),
      '_offset.Orders': '2',
      '_limit.Orders': '3',
      script: 'After',
      'script.param': 'a&b=c',
      'layout.response': 'Contacts Detail',
      dateformats: '2',
    });
  });

  it('get and delete: the record id in the path, script parameters in the query', async () => {
    await api().get({ recordId: 7, script: 'OnGet', 'layout.response': 'Detail' });
    await api().delete({ recordId: '8', script: 'OnDelete', 'script.param': 'x' });
    expect(server.calls.map((call) => [call.method, call.path, Object.fromEntries(call.query)])).toEqual([
      ['GET', 'layouts/Contacts/records/7', { script: 'OnGet', 'layout.response': 'Detail' }],
      ['DELETE', 'layouts/Contacts/records/8', { script: 'OnDelete', 'script.param': 'x' }],
    ]);
  });

  it('find: query, paging, sort and portal ranges in the JSON body', async () => {
    await api().find({
      query: { city: 'London' },
      limit: 2,
      offset: 3,
      sort: { fieldName: 'name' },
      portalRanges: { Orders: { limit: 1 } },
      ignoreEmptyResult: true,
    });
    const [call] = server.calls;
    expect(call?.method).toBe('POST');
    expect(call?.path).toBe('layouts/Contacts/_find');
    expect(call?.body).toEqual({
      query: [{ city: 'London' }],
      limit: 2,
      offset: 3,
      sort: [{ fieldName: 'name' }],
      'limit.Orders': 1,
    });
  });

  it('create and update: fieldData, portalData, script parameters; modId as a string', async () => {
    await api().create({
      fieldData: { name: 'A' },
      portalData: { Orders: [{ recordId: '1', 'Orders::item': 'x' }] },
      script: 'S',
    });
    await api().update({ recordId: 3, modId: 4, fieldData: { name: 'B' } });
    expect(server.calls.map((call) => [call.method, call.path, call.body])).toEqual([
      [
        'POST',
        'layouts/Contacts/records',
        {
          fieldData: { name: 'A' },
          portalData: { Orders: [{ recordId: '1', 'Orders::item': 'x' }] },
          script: 'S',
        },
      ],
      ['PATCH', 'layouts/Contacts/records/3', { modId: '4', fieldData: { name: 'B' } }],
    ]);
  });

  it('executeScript: the script name as one path segment, the parameter in script.param', async () => {
    const result = await api('Sales/2024').executeScript({
      script: 'Send mail / daily',
      scriptParam: '{"to":"ops"}',
    });
    expect(result).toEqual({ scriptResult: 'done', scriptError: '0' });
    const [call] = server.calls;
    expect(call?.method).toBe('GET');
    expect(call?.path).toBe('layouts/Sales%2F2024/script/Send%20mail%20%2F%20daily');
    expect(call?.query.get('script.param')).toBe('{"to":"ops"}');
  });

  it('layoutMetadata, layouts, scripts and globals', async () => {
    await api().layoutMetadata();
    await adapter.layouts();
    await adapter.scripts();
    await adapter.globals({ globalFields: { 'Contacts::gUser': 'ops' } });
    expect(server.calls.map((call) => [call.method, call.path, call.body])).toEqual([
      ['GET', 'layouts/Contacts', undefined],
      ['GET', 'layouts', undefined],
      ['GET', 'scripts', undefined],
      ['PATCH', 'globals', { globalFields: { 'Contacts::gUser': 'ops' } }],
    ]);
  });

  it('a FileMaker error echoing the session token reaches the client as FileMakerError, scrubbed', async () => {
    const error = await api('echo')
      .layoutMetadata()
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(FileMakerError);
    expect(error).toMatchObject({ code: '102' });
    expect((error as Error).message).toContain('Field is missing (token [redacted])');
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 5 })]) {
      expect(text).not.toContain(RECORDED_TOKEN);
    }
  });
});
