import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMockHandlers } from '../src/msw.js';

const { handlers, mock, endpoints } = createMockHandlers({ baseUrl: 'http://faults.test' });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => mock.reset());

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
const login = (init: RequestInit = {}) =>
  fetch(`${endpoints.filemakerServer}/fmi/data/vLatest/databases/Contacts/sessions`, {
    method: 'POST',
    headers: { authorization: basic('admin', 'admin-pass'), 'content-type': 'application/json' },
    body: '{}',
    ...init,
  });
const holding = () => (mock.stats().faults as Record<string, number>).holding;

describe('fault injection through the msw handlers', () => {
  it('answers the response kinds exactly as the HTTP server does (a 952 and a 502)', async () => {
    mock.faults.add({ kind: 'filemaker-952', service: 'filemakerServer' });
    mock.faults.add({ kind: 'bad-gateway', service: 'filemakerServer' });
    const first = await login();
    expect(first.status).toBe(401);
    expect(((await first.json()) as { messages: Array<{ code: string }> }).messages[0]?.code).toBe('952');
    const second = await login();
    expect(second.status).toBe(502);
    expect(second.headers.get('content-type')).toMatch(/^text\/html/);
    expect((await login()).status).toBe(200);
    expect(mock.stats().faults).toMatchObject({ injected: 2, 'filemaker-952': 1, 'bad-gateway': 1 });
  });

  it('is driven by the control route in-process too', async () => {
    const res = await fetch(`${endpoints.control}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'cognito-throttle', service: 'cognito' }),
    });
    expect(res.status).toBe(201);
    const throttled = await fetch(`${endpoints.cognito}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
      },
      body: '{}',
    });
    expect(throttled.status).toBe(400);
    expect(throttled.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException:');
  });

  it('reset: a network error (fetch rejects with a TypeError)', async () => {
    mock.faults.add({ kind: 'reset' });
    await expect(login()).rejects.toThrow(TypeError);
    expect((await login()).status).toBe(200);
  });

  it('delay: then the normal answer', async () => {
    mock.faults.add({ kind: 'delay', delayMs: 200 });
    const started = performance.now();
    expect((await login()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('hang: no answer until the request is aborted, and nothing held afterwards', async () => {
    mock.faults.add({ kind: 'hang' });
    const started = performance.now();
    await expect(login({ signal: AbortSignal.timeout(250) })).rejects.toThrow();
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
    await expect.poll(holding).toBe(0);
    expect((await login()).status).toBe(200);
  });

  it('hang: clearing the faults ends the held request with a network error', async () => {
    mock.faults.add({ kind: 'hang' });
    const pending = login();
    await expect.poll(holding).toBe(1);
    mock.faults.clear();
    await expect(pending).rejects.toThrow(TypeError);
    expect(holding()).toBe(0);
  });

  it('truncated-json: the body is cut, the status kept', async () => {
    mock.faults.add({ kind: 'truncated-json' });
    const res = await login();
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow(SyntaxError);
  });
});
