import { NetworkError, SessionClosedError, TimeoutError } from '@fmauth/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authContext, rejectionOf, useCloudMock } from './support/cloud-mock.js';
import { closedPortUrl, type SilentServer, startSilentServer } from './support/silent-server.js';

describe('every Cognito call has a timeout; unreachable Cognito is a typed error', () => {
  const mock = useCloudMock();
  let silent: SilentServer;
  beforeAll(async () => {
    silent = await startSilentServer();
  });
  afterAll(() => silent.close());

  it('a Cognito endpoint that never answers fails with TimeoutError (phase upstream) after cognito.timeoutMs', async () => {
    const strategy = mock.strategy({ cognito: { endpoint: silent.url, timeoutMs: 300 } });
    const started = performance.now();
    const error = await rejectionOf(strategy.authenticate(authContext()));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({
      phase: 'upstream',
      timeoutMs: 300,
      endpoint: 'Cognito InitiateAuth (USER_SRP_AUTH)',
      strategyId: 'filemaker-cloud',
    });
    expect((error as Error).message).toMatch(/cognito\.proxy/);
    expect(elapsed).toBeGreaterThanOrEqual(280);
    // The endpoint never answers: only cognito.timeoutMs ends the wait (room above it for a loaded machine).
    expect(elapsed).toBeLessThan(10_000);
  });

  it('the same TimeoutError reaches the caller of a Data API session', async () => {
    const strategy = mock.strategy({ cognito: { endpoint: silent.url, timeoutMs: 300 } });
    const error = await rejectionOf(mock.session(strategy).getRecords('Contacts'));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'upstream' });
    expect(await mock.cloudStats()).toMatchObject({ requests: 0 });
  });

  it("core's shorter login timeout wins, and close() then ends the abandoned sign-in", async () => {
    const strategy = mock.strategy({ cognito: { endpoint: silent.url, timeoutMs: 20_000 } });
    const session = mock.session(strategy, { timeouts: { loginMs: 300 } });
    const error = await rejectionOf(session.login());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ phase: 'login', timeoutMs: 300 });
    // The shared sign-in is still waiting on Cognito; a new caller would join it. close() aborts it.
    const joined = strategy.authenticate(authContext());
    const started = performance.now();
    await strategy.close();
    expect(await rejectionOf(joined)).toBeInstanceOf(SessionClosedError);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('a refused connection is a NetworkError naming the socket error', async () => {
    const strategy = mock.strategy({ cognito: { endpoint: await closedPortUrl() } });
    const error = await rejectionOf(strategy.authenticate(authContext()));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('after close(), authenticate() throws SessionClosedError; close() is idempotent', async () => {
    const strategy = mock.strategy();
    await strategy.authenticate(authContext());
    await strategy.close();
    await strategy.close();
    expect(
      await rejectionOf(Promise.resolve().then(() => strategy.authenticate(authContext()))),
    ).toBeInstanceOf(SessionClosedError);
  });
});
