// The third party's own tests beside the contract: its IdP's failures, seen through the strategy,
// with the mock's fault injection aimed at the IdP by its service key.
import { inspect } from 'node:util';
import {
  createDataApiSession,
  InvalidCredentialsError,
  NetworkError,
  TimeoutError,
  UnexpectedResponseError,
} from '@fmauth/core';
import { type MockServer, mockControl, mockFaults, startMockServer } from '@fmauth/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeStrategyContract } from '../../src/index.js';
import { acmeIdp } from './acme-idp-service.js';
import { acmeIdpStrategy } from './acme-idp-strategy.js';

const clients = {
  'reports-app': {
    secret: 'reports-client-secret',
    fileMakerAccount: { username: 'admin', password: 'admin-pass' },
  },
};

let server: MockServer;
const control = () => mockControl(server.endpoints.control as string);
const idpStats = async () => (await control().stats()).acmeIdp as Record<string, number>;
const fmsStats = async () => (await control().stats()).filemakerServer as Record<string, number>;

beforeAll(async () => {
  server = await startMockServer({ services: [acmeIdp({ clients, tokenTtlSeconds: 300 })] });
});
afterAll(() => server.close());
beforeEach(() => control().reset());

const strategy = (clientSecret = 'reports-client-secret') =>
  acmeIdpStrategy({ issuer: server.endpoints.acmeIdp as string, clientId: 'reports-app', clientSecret });

const session = (s = strategy(), loginMs = 5_000) =>
  createDataApiSession({
    baseUrl: server.url,
    database: 'Contacts',
    strategy: s,
    timeouts: { loginMs },
  });

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail('should have failed'),
    (error: unknown) => error,
  );

describe('acme-idp strategy against its simulated IdP', () => {
  it('gets a token once and the FileMaker account per login', async () => {
    const s = strategy();
    await using first = session(s);
    await using second = session(s);
    await first.getRecords('Contacts', { limit: 1 });
    await second.getRecords('Contacts', { limit: 1 });
    expect(await idpStats()).toMatchObject({ tokensIssued: 1, credentialsIssued: 2, rejectedClients: 0 });
    expect((await fmsStats()).successfulLogins).toBe(2);
  });

  it('fetches a new token when the IdP ended the old one (on the mock clock)', async () => {
    const s = strategy();
    await using first = session(s);
    await first.getRecords('Contacts', { limit: 1 });
    await control().advanceClock({ minutes: 6 });
    await using second = session(s);
    await second.getRecords('Contacts', { limit: 1 });
    expect(await idpStats()).toMatchObject({ tokensIssued: 2, rejectedTokens: 1, credentialsIssued: 2 });
  });

  it('asks for a new token per login when the IdP hands out tokens shorter than its renewal margin', async () => {
    await control().setOptions({ acmeIdp: { tokenTtlSeconds: 20 } });
    const s = strategy();
    for (let i = 0; i < 2; i++) {
      await using one = session(s);
      await one.getRecords('Contacts', { limit: 1 });
    }
    expect(await idpStats()).toMatchObject({ tokensIssued: 2, rejectedTokens: 0 });
  });

  it('a wrong client secret ends in InvalidCredentialsError, with no request to FileMaker and no secret shown', async () => {
    await using s = session(strategy('not-the-secret'));
    const error = await failure(s.getRecords('Contacts'));
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect((error as InvalidCredentialsError).status).toBe(401);
    expect((error as Error).message).toContain('Acme IdP refused client "reports-app" (invalid_client)');
    expect(inspect(error, { depth: 8 })).not.toContain('not-the-secret');
    expect((await idpStats()).rejectedClients).toBeGreaterThanOrEqual(1);
    expect((await fmsStats()).requests).toBe(0);
  });

  it('a proxy error page from the IdP ends in UnexpectedResponseError (HTTP 502)', async () => {
    await mockFaults(server.endpoints.control as string).add({
      kind: 'bad-gateway',
      service: 'acmeIdp',
      times: 1,
    });
    await using s = session();
    const error = await failure(s.getRecords('Contacts'));
    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect((error as UnexpectedResponseError).status).toBe(502);
    expect((await fmsStats()).requests).toBe(0);
    // The fault is used up: the same session logs in now.
    await expect(s.getRecords('Contacts', { limit: 1 })).resolves.toMatchObject({ data: [{}] });
  });

  it('a dropped connection to the IdP ends in NetworkError', async () => {
    await mockFaults(server.endpoints.control as string).add({ kind: 'reset', service: 'acmeIdp', times: 1 });
    await using s = session();
    expect(await failure(s.getRecords('Contacts'))).toBeInstanceOf(NetworkError);
  });

  it('a silent IdP ends in TimeoutError at the login deadline, not later', async () => {
    await mockFaults(server.endpoints.control as string).add({
      kind: 'hang',
      service: 'acmeIdp',
      path: '/oauth2/token',
      times: 1,
    });
    await using s = session(strategy(), 1_000);
    const started = Date.now();
    const error = await failure(s.getRecords('Contacts'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe('login');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('the contract kit refuses "services" it cannot honour', () => {
  const base = {
    name: 'x',
    validStrategy: () => strategy(),
    rejectedStrategies: { wrong: () => strategy('nope') },
    secrets: ['nope'],
  };

  it('with a mock started elsewhere', () => {
    expect(() =>
      describeStrategyContract({ ...base, mock: { endpoints: {} }, services: [acmeIdp({ clients })] }),
    ).toThrow('describeStrategyContract: "services" mounts services in the suite\'s own mock');
  });

  it('when they are not factories', () => {
    expect(() => describeStrategyContract({ ...base, services: [{} as never] })).toThrow(
      'describeStrategyContract: "services" must be a list of service factories',
    );
  });
});
