import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setInternalErrorReporter } from '../src/index.js';
import { type RawResponse, rawCall, useMock } from './helpers.js';
import { begin, formFields, locationOf, oauthLogin, openSignInPage, postForm } from './oauth-helpers.js';

const mock = useMock();
const internalErrors: unknown[] = [];
beforeAll(async () => {
  setInternalErrorReporter((error) => internalErrors.push(error));
  await mock.start();
});
afterAll(async () => {
  await mock.stop();
  setInternalErrorReporter((error) => console.error('[fmauth-mock] internal error:', error));
});

const text = (res: RawResponse) => `${JSON.stringify(res.headers)}\n${res.text}`;

describe('OAuth secrets stay out of every answer that is not their one legitimate place', () => {
  it('the IdP password, the code and the identifier appear only where the protocol puts them', async () => {
    const seen: RawResponse[] = [];
    const keep = (res: RawResponse) => {
      seen.push(res);
      return res;
    };
    const { requestId, authUrl } = await begin(mock.base);
    const { fields, action } = await openSignInPage(authUrl);
    // Wrong password first (the page shows an error), then the right one.
    const wrong = keep(
      await postForm(action, {
        ...fields,
        action: 'sign-in',
        username: 'alice@acme.example',
        password: 'Alice-pass-X',
      }),
    );
    const right = await postForm(action, {
      ...formFields(wrong.text),
      action: 'sign-in',
      username: 'alice@acme.example',
      password: 'Alice-pass-1',
    });
    const toFms = locationOf(right);
    const code = toFms.searchParams.get('code') as string;
    const twice = keep(
      await postForm(action, { ...formFields(wrong.text), action: 'sign-in', password: 'Alice-pass-1' }),
    );
    const back = await rawCall(toFms.href, 'GET');
    const identifier = locationOf(back).searchParams.get('identifier') as string;
    keep(await rawCall(toFms.href, 'GET')); // replayed state
    const other = await begin(mock.base);
    keep(await oauthLogin(mock.base, other.requestId, identifier)); // identifier of another request
    keep(await oauthLogin(mock.base, requestId, `${identifier.slice(0, 31)}0`));
    keep(
      await rawCall(`${mock.base}/fmi/odata/v4/Contacts/Contacts`, 'GET', {
        headers: { 'X-FM-Data-OAuth-Request-Id': other.requestId, 'X-FM-Data-OAuth-Identifier': identifier },
      }),
    );
    keep(await rawCall(`${mock.server.endpoints.control}/stats`, 'GET'));
    keep(await rawCall(`${mock.server.endpoints.control}/options`, 'GET'));
    keep(await rawCall(`${mock.server.endpoints.control}/`, 'GET'));
    expect(twice.status).toBe(409);

    for (const res of seen) {
      for (const secret of ['Alice-pass-1', 'Alice-pass-X', code, identifier])
        expect(text(res)).not.toContain(secret);
    }
    const dump = `${inspect(mock.server, { depth: 12 })}${JSON.stringify(mock.server.readiness)}${JSON.stringify(mock.server.mock.stats())}`;
    for (const secret of ['Alice-pass-1', 'Bob-pass-1', code, identifier]) expect(dump).not.toContain(secret);
    expect(internalErrors).toEqual([]);
  });

  it('answers malformed input without a 500 or an internal error', async () => {
    const idp = `${mock.base}/idp/authorize`;
    const weird = ['%', '%E0%A4%A', '\u0000', 'x'.repeat(10_000), '[]', '{"a":1}', '😀'];
    for (const value of weird) {
      const q = encodeURIComponent(value);
      const answers = await Promise.all([
        rawCall(`${idp}?client_id=${q}&redirect_uri=${q}&response_type=${q}&state=${q}`, 'GET'),
        rawCall(`${mock.base}/oauth/redirect?state=${q}&code=${q}&error=${q}`, 'GET'),
        rawCall(
          `${mock.base}/oauth/getoauthurl?provider=${q}&trackingID=${q}&X-FMS-OAuth-AuthType=2`,
          'GET',
          {
            headers: { 'X-FMS-Application-Type': '9', 'X-FMS-Return-URL': `http://127.0.0.1/${q}` },
          },
        ),
        postForm(idp, { attempt: value, nonce: value, username: value, password: value, action: value }),
        rawCall(idp, 'POST', {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: value,
        }),
        rawCall(`${mock.base}/fmi/data/vLatest/databases/Contacts/sessions`, 'POST', {
          headers: {
            'content-type': 'application/json',
            'X-FM-Data-OAuth-Request-Id': value.replace(/[^\x20-\x7e]/g, 'x').slice(0, 8000),
            'X-FM-Data-OAuth-Identifier': value.replace(/[^\x20-\x7e]/g, 'y').slice(0, 8000),
          },
          body: '{}',
        }),
      ]);
      for (const res of answers) expect(res.status).toBeLessThan(500);
    }
    expect(internalErrors).toEqual([]);
  });
});
