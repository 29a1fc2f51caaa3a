import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useMock } from './helpers.js';

// The fixture's scripts, run through the Data API (and, below, the same definitions through OData).
const mock = useMock();
let token = '';
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(async () => {
  mock.server.mock.reset();
  token = await mock.login();
});

const DB = '/fmi/data/vLatest/databases/Contacts';
const auth = () => ({ authorization: `Bearer ${token}` });

describe('Data API scripts from the fixture', () => {
  it('lists the file scripts', async () => {
    const res = await mock.call('GET', `${DB}/scripts`, { headers: auth() });
    expect(res.status).toBe(200);
    expect(res.json.response.scripts).toEqual([
      { name: 'Echo', isFolder: false },
      { name: 'Greeting', isFolder: false },
      { name: 'Fails', isFolder: false },
    ]);
  });

  it('echoes script.param as scriptResult with scriptError "0"', async () => {
    const res = await mock.call(
      'GET',
      `${DB}/layouts/Contacts/script/Echo?script.param=${encodeURIComponent('hi there & more')}`,
      {
        headers: auth(),
      },
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      response: { scriptResult: 'hi there & more', scriptError: '0' },
      messages: [{ code: '0', message: 'OK' }],
    });
  });

  it('answers a fixed result, and a script error without scriptResult', async () => {
    const greeting = await mock.call('GET', `${DB}/layouts/Contacts/script/Greeting`, { headers: auth() });
    expect(greeting.json.response).toEqual({ scriptResult: 'Hello from the fmauth mock', scriptError: '0' });
    const fails = await mock.call('GET', `${DB}/layouts/Contacts/script/Fails`, { headers: auth() });
    expect(fails.status).toBe(200);
    expect(fails.json.response).toEqual({ scriptError: '5' });
  });

  it('answers a missing script with scriptError 104, or 500 / 104 when switched', async () => {
    const missing = await mock.call('GET', `${DB}/layouts/Contacts/script/Nope`, { headers: auth() });
    expect(missing.status).toBe(200);
    expect(missing.json.response).toEqual({ scriptError: '104' });
    const patched = await mock.call('PATCH', '/__control/options', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dataApi: { missingScriptAnswer: 'error' } }),
    });
    expect(patched.status).toBe(200);
    const strict = await mock.call('GET', `${DB}/layouts/Contacts/script/Nope`, { headers: auth() });
    expect(strict.status).toBe(500);
    expect(strict.json.messages).toEqual([{ code: '104', message: 'Script is missing' }]);
  });

  it('needs a session and an existing layout', async () => {
    const noToken = await mock.call('GET', `${DB}/layouts/Contacts/script/Echo`);
    expect(noToken.status).toBe(401);
    const noLayout = await mock.call('GET', `${DB}/layouts/Nope/script/Echo`, { headers: auth() });
    expect(noLayout.status).toBe(500);
    expect(noLayout.json.messages[0].code).toBe('105');
  });
});
