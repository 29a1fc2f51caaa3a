import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basic, useMock } from './helpers.js';

const mock = useMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

describe('productInfo, databases, and a disabled Data API', () => {
  it('serves productInfo without credentials, under response.productInfo', async () => {
    const res = await mock.call('GET', '/fmi/data/vLatest/productInfo');
    expect(res.status).toBe(200);
    expect(res.json.response.productInfo).toMatchObject({
      name: 'FileMaker Data API Engine',
      version: expect.stringMatching(/^21\./),
      dateFormat: 'MM/dd/yyyy',
      timeFormat: 'HH:mm:ss',
      timeStampFormat: 'MM/dd/yyyy HH:mm:ss',
    });
    expect((await mock.call('GET', '/fmi/data/v1/productinfo')).status).toBe(200);
  });

  it('hides version and buildDate when productInfoVersion is off, as current servers may', async () => {
    mock.server.mock.options.dataApi.productInfoVersion = false;
    const info = (await mock.call('GET', '/fmi/data/vLatest/productInfo')).json.response.productInfo;
    expect(info.version).toBeUndefined();
    expect(info.buildDate).toBeUndefined();
  });

  it('lists databases without credentials, or only with them when filterDatabases is on', async () => {
    const open = await mock.call('GET', '/fmi/data/vLatest/databases');
    expect(open.json.response.databases).toEqual([{ name: 'Contacts' }]);
    mock.server.mock.options.dataApi.filterDatabases = true;
    expect((await mock.call('GET', '/fmi/data/vLatest/databases')).status).toBe(401);
    const withCredentials = await mock.call('GET', '/fmi/data/vLatest/databases', {
      headers: { authorization: basic('admin', 'admin-pass') },
    });
    expect(withCredentials.json.response.databases).toEqual([{ name: 'Contacts' }]);
  });

  it('answers 502 with an HTML page when the Data API is disabled', async () => {
    mock.server.mock.options.dataApi.dataApiEnabled = false;
    const res = await mock.call('GET', '/fmi/data/vLatest/productInfo');
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('502 Bad Gateway');
  });
});
