import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../src/index.js';
import { createMockHandlers } from '../src/msw.js';
import { CLIENT_ID, DEV, POOL_ID, rawCall } from './cognito-helpers.js';

// The same core in-process: msw sees identity-js's global fetch, so no port is opened.
const { handlers, mock, endpoints } = createMockHandlers({ baseUrl: 'http://claris.test' });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('Cognito through the msw handlers', () => {
  it('signs amazon-cognito-identity-js in, and FileMaker Cloud accepts the ID token', async () => {
    expect(endpoints.cognito).toBe('http://claris.test/cognito');
    const pool = new CognitoUserPool({
      UserPoolId: POOL_ID,
      ClientId: CLIENT_ID,
      endpoint: `${endpoints.cognito}/`,
    });
    const user = new CognitoUser({ Username: DEV.email, Pool: pool });
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: DEV.email, Password: DEV.password }), {
        onSuccess: resolve,
        onFailure: reject,
      }),
    );
    expect(session.getIdToken().payload.iss).toBe(`http://claris.test/cognito/${POOL_ID}`);
    expect(mock.stats().cognito).toMatchObject({ srpSignIns: 1 });

    const login = await fetch(`${endpoints.filemakerCloud}/fmi/data/vLatest/databases/Contacts/sessions`, {
      method: 'POST',
      headers: {
        authorization: `FMID ${session.getIdToken().getJwtToken()}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('x-fm-data-access-token')).toMatch(/^[0-9a-f]{52}$/);

    // The same core behind a real server accepts the token minted under the msw origin.
    const http = await startMockServer({ mock });
    try {
      const overHttp = await rawCall(
        `${http.endpoints.filemakerCloud}/fmi/data/vLatest/databases/Contacts/sessions`,
        'POST',
        {
          headers: {
            authorization: `FMID ${session.getIdToken().getJwtToken()}`,
            'content-type': 'application/json',
          },
          body: '{}',
        },
      );
      expect(overHttp.status).toBe(200);
    } finally {
      await http.close();
    }
  });
});
