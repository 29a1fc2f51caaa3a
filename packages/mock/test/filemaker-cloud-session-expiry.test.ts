import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rawCall, useCloudMock } from './cognito-helpers.js';

const mock = useCloudMock();
beforeAll(() => mock.start());
afterAll(() => mock.stop());
beforeEach(() => mock.control('POST', '/reset'));

const advance = (minutes: number) => mock.control('POST', '/clock', { advanceMinutes: minutes });
const records = (token: string) =>
  rawCall(`${mock.cloudUrl}/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records?_limit=1`, 'GET', {
    headers: { authorization: `Bearer ${token}` },
  });

/** Signs in, waits until the ID token has `left` minutes, opens a Data API session with it. */
async function sessionWithMinutesLeft(left: number): Promise<string> {
  const { IdToken } = await mock.tokens();
  await advance(60 - left);
  const login = await mock.cloudLogin(`FMID ${IdToken}`);
  expect(login.status).toBe(200);
  return login.json.response.token;
}

describe('FileMaker Cloud sessions end with their FMID token', () => {
  it('answers calls after the FMID expired with 401 and an HTML page, though the session was in use', async () => {
    const token = await sessionWithMinutesLeft(10);
    await advance(6);
    expect((await records(token)).status).toBe(200);
    await advance(6); // 2 minutes past the ID token's exp, 6 minutes idle
    const res = await records(token);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(mock.stats('filemakerCloud').activeSessions).toBe(0);
  });

  it('answers JSON 212 after the FMID expired when rejectedFmidResponse is "json"', async () => {
    await mock.options({ filemakerCloud: { rejectedFmidResponse: 'json' } });
    const token = await sessionWithMinutesLeft(5);
    await advance(6);
    const res = await records(token);
    expect(res.status).toBe(401);
    expect(res.json.messages[0].code).toBe('212');
  });

  it('still answers an idle or unknown session with 952, in JSON', async () => {
    const token = await sessionWithMinutesLeft(59);
    await advance(16);
    const idle = await records(token);
    expect(idle.status).toBe(401);
    expect(idle.json.messages[0]).toEqual({ code: '952', message: 'Invalid FileMaker Data API token (*)' });
    expect((await records('0'.repeat(52))).json.messages[0].code).toBe('952');
  });

  it('logs out with the token in the path', async () => {
    const token = await sessionWithMinutesLeft(30);
    const out = await rawCall(
      `${mock.cloudUrl}/fmi/data/vLatest/databases/Contacts/sessions/${token}`,
      'DELETE',
    );
    expect(out.status).toBe(200);
    expect((await records(token)).json.messages[0].code).toBe('952');
    expect(mock.stats('filemakerCloud').logouts).toBe(1);
  });
});
