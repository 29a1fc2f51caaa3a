// cloud-cold-sign-in.bench, baseline: a fresh process that signs in with amazon-cognito-identity-js
// (USER_SRP_AUTH) against the mock's Cognito, then logs in to the Data API with undici and
// `Authorization: FMID <idToken>` and makes one call with the session token. Prints { cpuMs, checkpoints }.
// COLD_CONFIG: { baseUrl, cognitoEndpoint, pool }.
import { createRequire } from 'node:module';

const started = process.cpuUsage();
const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const checkpoints = [['node bootstrap', (started.user + started.system) / 1000]];
const config = JSON.parse(process.env.COLD_CONFIG);

// identity-js ships CommonJS only.
const { AuthenticationDetails, CognitoUser, CognitoUserPool } = createRequire(import.meta.url)(
  'amazon-cognito-identity-js',
);
const { request } = await import('undici');
checkpoints.push(['import amazon-cognito-identity-js + undici', cpu()]);

const pool = new CognitoUserPool({
  UserPoolId: config.pool.userPoolId,
  ClientId: config.pool.clientId,
  endpoint: config.cognitoEndpoint,
});
const idToken = await new Promise((resolve, reject) => {
  const user = new CognitoUser({ Username: 'dev@example.com', Pool: pool });
  user.authenticateUser(
    new AuthenticationDetails({ Username: 'dev@example.com', Password: 'ClarisID-pass-1' }),
    {
      onSuccess: (session) => resolve(session.getIdToken().getJwtToken()),
      onFailure: reject,
      totpRequired: () => reject(new Error('unexpected TOTP challenge')),
      mfaRequired: () => reject(new Error('unexpected SMS challenge')),
      newPasswordRequired: () => reject(new Error('unexpected new-password challenge')),
    },
  );
});
checkpoints.push(['SRP sign-in', cpu()]);

const base = new URL(config.baseUrl);
const api = `${base.pathname.replace(/\/$/, '')}/fmi/data/vLatest/databases/Contacts`;
const login = await request(new URL(`${api}/sessions`, base), {
  method: 'POST',
  headers: { authorization: `FMID ${idToken}`, 'content-type': 'application/json' },
  body: '{}',
});
const loginBody = JSON.parse(await login.body.text());
const token = loginBody.response?.token;
if (login.statusCode !== 200 || !token) throw new Error(`login failed: ${login.statusCode}`);
const res = await request(new URL(`${api}/layouts/Contacts/records?_limit=1`, base), {
  method: 'GET',
  headers: { authorization: `Bearer ${token}` },
});
const body = JSON.parse(await res.body.text());
if (res.statusCode !== 200 || body.messages[0].code !== '0' || body.response.data.length !== 1) {
  throw new Error(`call failed: ${res.statusCode} ${JSON.stringify(body.messages)}`);
}
const cpuMs = cpu();
checkpoints.push(['Data API login + one call', cpuMs]);
process.stdout.write(`${JSON.stringify({ cpuMs, checkpoints })}\n`);
process.exit(0);
