import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockControl } from '../src/index.js';
import { DEV, NEW, rawCall, useClarisMock } from './claris-helpers.js';

const mock = useClarisMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.server.mock.reset());

const ROUTE = '/claris-id/extended-password';

describe('control API: POST/DELETE/GET /claris-id/extended-password', () => {
  it('sets an extended password that Claris Server accepts at once', async () => {
    const control = mockControl(mock.control);
    expect((await mock.dataApiLogin(NEW.email, 'Set-by-ci-123')).status).toBe(401);
    const set = await control.call('POST', ROUTE, {
      email: 'New@Example.com',
      extendedPassword: 'Set-by-ci-123',
    });
    expect(set).toEqual({ email: NEW.email, hasExtendedPassword: true });
    expect((await mock.dataApiLogin(NEW.email, 'Set-by-ci-123')).status).toBe(200);
    expect(mock.stats('clarisStudio').extendedPasswordsSetByControl).toBe(1);
  });

  it('lists who has an extended password, without any secret', async () => {
    const res = await rawCall(`${mock.control}${ROUTE}`, 'GET');
    expect(res.status).toBe(200);
    expect(res.json.users).toContainEqual({ email: DEV.email, hasExtendedPassword: true });
    expect(res.json.users).toContainEqual({ email: NEW.email, hasExtendedPassword: false });
    expect(res.text).not.toContain(DEV.extended);
    expect(res.text).not.toContain(DEV.password);
  });

  it('clears an extended password: the user can no longer log in', async () => {
    const cleared = await mockControl(mock.control).call('DELETE', ROUTE, { email: DEV.email });
    expect(cleared).toEqual({ email: DEV.email, hasExtendedPassword: false });
    expect((await mock.dataApiLogin(DEV.email, DEV.extended)).status).toBe(401);
    expect(mock.stats('clarisStudio').extendedPasswordsClearedByControl).toBe(1);
  });

  it('is undone by POST /reset', async () => {
    const control = mockControl(mock.control);
    await control.call('DELETE', ROUTE, { email: DEV.email });
    await control.reset();
    expect((await mock.dataApiLogin(DEV.email, DEV.extended)).status).toBe(200);
  });

  it.each([
    ['no body', undefined],
    ['a missing password', { email: NEW.email }],
    ['an empty password', { email: NEW.email, extendedPassword: '' }],
    ['a non-string email', { email: 42, extendedPassword: 'x' }],
    ['an array', []],
  ])('answers %s with 400 and a usage hint', async (_case, body) => {
    const res = await rawCall(`${mock.control}${ROUTE}`, 'POST', {
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? '' : JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    expect(res.json.error).toContain('"extendedPassword"');
  });

  it('answers an unknown Claris ID with 404, without echoing the password', async () => {
    const res = await rawCall(`${mock.control}${ROUTE}`, 'POST', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ghost@example.com', extendedPassword: 'Ghost-secret-1' }),
    });
    expect(res.status).toBe(404);
    expect(res.json.error).toContain('ghost@example.com');
    expect(res.text).not.toContain('Ghost-secret-1');
  });

  it('appears in the control API index', async () => {
    const index = await rawCall(`${mock.control}/`, 'GET');
    const routes = (index.json.routes as Array<{ method: string; path: string }>).map(
      (r) => `${r.method} ${r.path}`,
    );
    expect(routes).toEqual(expect.arrayContaining([`GET ${ROUTE}`, `POST ${ROUTE}`, `DELETE ${ROUTE}`]));
  });
});
