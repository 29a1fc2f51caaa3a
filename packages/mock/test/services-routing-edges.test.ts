import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../src/index.js';
import { http } from './helpers.js';

// The services moved to route tables answer their edge cases exactly as before the move (checked
// then against the previous code over 321 requests); these pin the ones a table could easily change:
// case, trailing slashes, encoded segments, and 404 where a table would say 405.
let server: MockServer;
beforeAll(async () => {
  server = await startMockServer();
});
afterAll(() => server.close());
const at = (key: string) => server.endpoints[key] as string;

describe('Claris Studio matches its paths as sent', () => {
  it('case-sensitively, a trailing slash ignored, an encoded letter not decoded', async () => {
    expect((await http(at('clarisStudio'), 'GET', '/signin/')).status).toBe(200);
    for (const path of ['/SignIn', '/sign%69n']) {
      const res = await http(at('clarisStudio'), 'GET', path);
      expect(res.status, path).toBe(404);
      expect(res.text).toContain('There is no Claris Studio page at this address.');
    }
  });

  it('answers another method on a page with its 405 page', async () => {
    const res = await http(at('clarisStudio'), 'PUT', '/signin');
    expect(res.status).toBe(405);
    expect(res.text).toContain('This page does not accept that kind of request.');
  });
});

describe('the control API', () => {
  it('matches paths case-sensitively and lists its routes on a miss', async () => {
    expect((await http(at('control'), 'GET', '/stats/')).status).toBe(200);
    const miss = await http(at('control'), 'GET', '/STATS');
    expect(miss.status).toBe(404);
    expect(miss.json.error).toBe('unknown control path /STATS');
    expect(miss.json.routes).toContain('GET /stats');
    const wrong = await http(at('control'), 'PUT', '/stats/');
    expect(wrong.status).toBe(405);
    expect(wrong.json.error).toBe('method PUT not allowed on /stats');
  });
});

describe("Claris's discovery JSON", () => {
  it('is only at its exact path, and only for GET (404, not 405, otherwise)', async () => {
    const url = at('clarisIdDiscovery');
    expect((await http(url, 'GET', '')).status).toBe(200);
    for (const [method, suffix] of [
      ['GET', '/'],
      ['POST', ''],
    ] as const) {
      const res = await http(url, method, suffix);
      expect(res.status, `${method} …${suffix}`).toBe(404);
      expect(res.text).toContain('<title>404 Not Found</title>');
    }
  });
});

describe("Cognito's paths", () => {
  const pool = () => (server.readiness.cognito as { userPoolId: string }).userPoolId;

  it('says a wrong pool does not exist, with or without a document name', async () => {
    for (const path of ['/wrong-pool/.well-known/jwks.json', '/wrong-pool/.well-known']) {
      const res = await http(at('cognito'), 'GET', path);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ message: 'User pool wrong-pool does not exist.' });
    }
  });

  it('answers Not Found for another method or an unknown document, not 405', async () => {
    for (const [method, path] of [
      ['PUT', `/${pool()}/.well-known/jwks.json`],
      ['GET', `/${pool()}/.well-known/other`],
      ['GET', `/${pool()}/.WELL-KNOWN/jwks.json`],
    ] as const) {
      const res = await http(at('cognito'), method, path);
      expect(res.status, path).toBe(404);
      expect(res.json).toEqual({ message: 'Not Found' });
    }
  });

  it('refuses operation names that are properties of every object', async () => {
    for (const operation of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      const res = await http(at('cognito'), 'POST', '/', {
        headers: {
          'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
          'content-type': 'application/x-amz-json-1.1',
        },
        body: '{}',
      });
      expect(res.status, operation).toBe(400);
      expect(res.json.__type).toBe('UnknownOperationException');
      // The list of simulated operations grows; what matters is that none is taken from Object.prototype.
      expect(res.json.message).toMatch(
        new RegExp(
          `^The mock does not simulate ${operation}; it answers InitiateAuth, (\\w+, )*RevokeToken$`,
        ),
      );
    }
  });
});

describe('WebDirect', () => {
  const base = () => `${at('clarisServer')}/fmi/webd`;

  it('says an unknown file is not found whatever the method, before refusing the method', async () => {
    const unknown = await http(base(), 'PUT', '/Nope');
    expect(unknown.status).toBe(404);
    expect((await http(base(), 'PUT', '/Contacts')).status).toBe(405);
    expect((await http(base(), 'DELETE', '')).status).toBe(405);
    expect((await http(base(), 'GET', '/Contacts/deeper')).status).toBe(404);
  });

  it('matches /fmi/webd and the file name case-insensitively, as FileMaker does', async () => {
    expect((await http(at('clarisServer'), 'GET', '/FMI/WebD/contacts')).status).toBe(200);
  });
});
