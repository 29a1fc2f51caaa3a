import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURE, startMockServer } from '../src/index.js';
import { CLIENT_ID, POOL_ID, rawCall, useCloudMock } from './cognito-helpers.js';

const mock = useCloudMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.control('POST', '/reset'));

describe('readiness line and Claris pool discovery', () => {
  it('adds endpoints.cognito, endpoints.filemakerCloud, endpoints.clarisIdDiscovery and the pool', () => {
    const { readiness, url } = mock.server;
    expect(readiness.endpoints).toMatchObject({
      cognito: `${url}/cognito`,
      filemakerCloud: `${url}/filemaker-cloud`,
      clarisIdDiscovery: `${url}/ifmcloud/endpoint/userpool/2.2.0.my.claris.com.json`,
    });
    expect(readiness.cognito).toEqual({ userPoolId: POOL_ID, clientId: CLIENT_ID, region: 'us-west-2' });
  });

  it("serves the discovery JSON in Claris's published shape", async () => {
    const res = await rawCall(mock.server.endpoints.clarisIdDiscovery as string, 'GET');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      errcode: 'Ok',
      errmessage: null,
      data: {
        Region: 'us-west-2',
        UserPool_ID: POOL_ID,
        Client_ID: CLIENT_ID,
        API_Host: 'api-cp-global.ifmcloud.com/2-2',
        FCC_Host: 'console.claris.com',
      },
      csrid: null,
    });
    expect(mock.stats('clarisIdDiscovery').requests).toBe(1);
  });

  it("can be made to fail, so a client's fallback is testable", async () => {
    const url = mock.server.endpoints.clarisIdDiscovery as string;
    await mock.options({ cognito: { discovery: 'unavailable' } });
    const down = await rawCall(url, 'GET');
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toMatch(/^text\/html/);
    await mock.options({ cognito: { discovery: 'error' } });
    const error = await rawCall(url, 'GET');
    expect(error.status).toBe(200);
    expect(error.json.errcode).not.toBe('Ok');
    expect((await rawCall(`${mock.server.url}/ifmcloud/other.json`, 'GET')).status).toBe(404);
  });

  it('follows a pool and client set in the fixture, in readiness, discovery and tokens', async () => {
    const server = await startMockServer({
      fixture: {
        ...DEFAULT_FIXTURE,
        options: { cognito: { userPoolId: 'eu-central-1_Abc123', clientId: 'myclient42' } },
      },
    });
    try {
      expect(server.readiness.cognito).toEqual({
        userPoolId: 'eu-central-1_Abc123',
        clientId: 'myclient42',
        region: 'eu-central-1',
      });
      const discovery = await rawCall(server.endpoints.clarisIdDiscovery as string, 'GET');
      expect(discovery.json.data).toMatchObject({
        Region: 'eu-central-1',
        UserPool_ID: 'eu-central-1_Abc123',
      });
      const jwks = await rawCall(
        `${server.endpoints.cognito}/eu-central-1_Abc123/.well-known/jwks.json`,
        'GET',
      );
      expect(jwks.status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
