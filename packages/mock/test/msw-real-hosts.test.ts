// Clients that hard-code AWS's Cognito host and Claris's discovery URL, run unchanged in-process:
// with `realHosts`, the msw handlers answer at those hosts (msw intercepts before DNS, so nothing
// leaves the machine; `onUnhandledRequest: 'error'` proves it).
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockHandlers } from '../src/msw.js';
import { CLIENT_ID, DEV, POOL_ID } from './cognito-helpers.js';

const { handlers, mock, realEndpoints } = createMockHandlers({ realHosts: true });
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('msw handlers at the real hosts', () => {
  it('name the real URLs', () => {
    expect(realEndpoints).toEqual({
      cognito: 'https://cognito-idp.us-west-2.amazonaws.com',
      clarisIdDiscovery: 'https://www.ifmcloud.com/endpoint/userpool/2.2.0.my.claris.com.json',
      filemakerCloud: 'https://fmauth-mock.account.filemaker-cloud.com',
    });
  });

  it('an unchanged Claris ID sign-in: discovery at www.ifmcloud.com, SRP at AWS Cognito, FMID at a FileMaker Cloud host', async () => {
    // What Claris ID clients do first: read the pool from Claris's discovery URL.
    const discovery = (await (await fetch(realEndpoints?.clarisIdDiscovery as string)).json()) as Record<
      string,
      { Value?: string }
    >;
    expect(JSON.stringify(discovery)).toContain(POOL_ID);
    expect(JSON.stringify(discovery)).toContain(CLIENT_ID);

    // amazon-cognito-identity-js without an `endpoint`: it derives https://cognito-idp.us-west-2.amazonaws.com/.
    const pool = new CognitoUserPool({ UserPoolId: POOL_ID, ClientId: CLIENT_ID });
    const user = new CognitoUser({ Username: DEV.email, Pool: pool });
    const session = await new Promise<CognitoUserSession>((resolve, reject) =>
      user.authenticateUser(new AuthenticationDetails({ Username: DEV.email, Password: DEV.password }), {
        onSuccess: resolve,
        onFailure: reject,
      }),
    );
    expect(mock.stats().cognito).toMatchObject({ srpSignIns: 1 });
    // Issued as the real pool issues them, so a verifier that pins the issuer accepts them.
    expect(session.getIdToken().payload.iss).toBe(`https://cognito-idp.us-west-2.amazonaws.com/${POOL_ID}`);
    const openid = (await (
      await fetch(`${realEndpoints?.cognito}/${POOL_ID}/.well-known/openid-configuration`)
    ).json()) as { issuer: string; jwks_uri: string };
    expect(openid.issuer).toBe(`https://cognito-idp.us-west-2.amazonaws.com/${POOL_ID}`);
    expect(openid.jwks_uri).toBe(
      `https://cognito-idp.us-west-2.amazonaws.com/${POOL_ID}/.well-known/jwks.json`,
    );

    const login = await fetch(
      `${realEndpoints?.filemakerCloud}/fmi/data/vLatest/databases/Contacts/sessions`,
      {
        method: 'POST',
        headers: {
          authorization: `FMID ${session.getIdToken().getJwtToken()}`,
          'content-type': 'application/json',
        },
        body: '{}',
      },
    );
    expect(login.status).toBe(200);
    expect(mock.stats().filemakerCloud).toMatchObject({ successfulLogins: 1 });
  });

  it('other hosts stay unhandled, and a bad FileMaker Cloud host name is a TypeError', () => {
    expect(() => createMockHandlers({ realHosts: { fileMakerCloudHost: 'https://x.example' } })).toThrow(
      /fileMakerCloudHost must be a host name/,
    );
  });
});
