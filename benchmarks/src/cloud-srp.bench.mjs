// Client CPU time per Claris ID (Cognito USER_SRP_AUTH) sign-in: @fmauth/strategy-filemaker-cloud
// (AWS SDK v3 + OpenSSL modexp) against amazon-cognito-identity-js (jsbn big numbers), both signing in
// to the mock's Cognito pool, which runs in a child process so its CPU is not counted here.
//
// CPU, not wall time: process.cpuUsage() (user + system, every thread of this process) around a batch
// of sequential sign-ins, so the mock's share of a 2-core machine does not blur the figure. Baseline
// and candidate alternate round by round (A B, then B A, …); the reported ratio is the median of the
// per-round ratios. Goal: ours uses at least 25× less CPU; the floor is two 3072-bit modexps (≈ 5 ms).
//
// Ours is measured the way an application meets it at worst: a new strategy per sign-in (so the SDK
// client is built every time), authenticate(), close(). A long-lived strategy signs in with SRP only
// when its refresh token is refused, and otherwise refreshes (no modexp at all).
import { createRequire } from 'node:module';
import { startSrpClient } from '@fmauth/cognito-srp';
import { fileMakerCloud } from '@fmauth/strategy-filemaker-cloud';
import { getGlobalDispatcher } from 'undici';
import { mockCli, startChild } from '../lib/child-server.mjs';
import { median } from '../lib/compare.mjs';

// identity-js ships CommonJS only.
const { AuthenticationDetails, CognitoUser, CognitoUserPool } = createRequire(import.meta.url)(
  'amazon-cognito-identity-js',
);

const USER = { email: 'dev@example.com', password: 'ClarisID-pass-1' };
const ROUNDS = 5;
const OURS_PER_ROUND = 50;
const MATH_PER_ROUND = 20;
const IDENTITY_JS_PER_ROUND = 4;
const GOAL = 25;

export default async function run() {
  const mock = await startChild(mockCli(), ['--json', '--quiet']);
  try {
    const { endpoints, cognito } = mock.ready;
    const ours = oursSignIn(endpoints.cognito, cognito);
    const theirs = identityJsSignIn(endpoints.cognito, cognito);
    const math = await srpMathOnly(endpoints.cognito, cognito);
    // Warm-up: module loading, the mock's per-user verifier and keys, and the JIT. The SDK's middleware
    // stack needs on the order of a hundred calls before it runs optimised (a send costs ~2 ms cold,
    // under 1 ms warm), and a long-running app signs in many times over its life; identity-js's cost
    // is jsbn arithmetic, which a few runs warm up.
    for (let i = 0; i < 100; i++) await ours();
    for (let i = 0; i < 3; i++) await theirs();
    for (let i = 0; i < 20; i++) await math();

    const oursMs = [];
    const theirsMs = [];
    const mathMs = [];
    const ratios = [];
    for (let round = 0; round < ROUNDS; round++) {
      const sides = [
        () => cpuPerSignIn(ours, OURS_PER_ROUND).then((ms) => oursMs.push(ms)),
        () => cpuPerSignIn(theirs, IDENTITY_JS_PER_ROUND).then((ms) => theirsMs.push(ms)),
      ];
      if (round % 2 === 1) sides.reverse();
      for (const side of sides) await side();
      ratios.push(theirsMs.at(-1) / oursMs.at(-1));
      mathMs.push(await cpuPerSignIn(math, MATH_PER_ROUND));
    }
    const result = {
      name: 'Claris ID SRP sign-in, client CPU per sign-in',
      oursMs: median(oursMs),
      srpMathMs: median(mathMs),
      identityJsMs: median(theirsMs),
      ratio: median(ratios),
      ratios,
    };
    const verdict = result.ratio >= GOAL ? 'met' : 'NOT met';
    console.log(
      `${result.name}\n  @fmauth/strategy-filemaker-cloud: ${result.oursMs.toFixed(2)} ms (SRP math alone ${result.srpMathMs.toFixed(2)} ms; the rest is the SDK client and two HTTP exchanges)   amazon-cognito-identity-js: ${result.identityJsMs.toFixed(1)} ms\n  identity-js / ours ${result.ratio.toFixed(1)}× (rounds: ${ratios.map((r) => r.toFixed(1)).join(' ')})  goal ≥ ${GOAL}×: ${verdict}`,
    );
    return result;
  } finally {
    await mock.stop();
  }
}

/** Runs `count` sign-ins one after another; returns this process's CPU milliseconds per sign-in. */
async function cpuPerSignIn(signIn, count) {
  const before = process.cpuUsage();
  for (let i = 0; i < count; i++) await signIn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / count;
}

function oursSignIn(endpoint, pool) {
  const ctx = () => ({
    reason: 'initial',
    api: 'data-api',
    baseUrl: new URL('http://127.0.0.1/'),
    database: 'Contacts',
    signal: AbortSignal.timeout(30_000),
    dispatcher: getGlobalDispatcher(),
  });
  return async () => {
    const strategy = fileMakerCloud({
      clarisId: USER.email,
      password: USER.password,
      pool,
      cognito: { endpoint, maxAttempts: 1 },
    });
    try {
      await strategy.authenticate(ctx());
    } finally {
      await strategy.close();
    }
  };
}

/**
 * The client's SRP math without any I/O (A = g^a, then the PASSWORD_VERIFIER claim: g^x and the shared
 * secret), on a real challenge fetched once: the floor under ours.
 */
async function srpMathOnly(endpoint, pool) {
  const res = await fetch(`${endpoint}/`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth',
    },
    body: JSON.stringify({
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: pool.clientId,
      AuthParameters: { USERNAME: USER.email, SRP_A: startSrpClient().srpA },
    }),
    signal: AbortSignal.timeout(30_000),
  });
  const p = (await res.json()).ChallengeParameters;
  return async () => {
    startSrpClient().computeClaim({
      userPoolId: pool.userPoolId,
      userIdForSrp: p.USER_ID_FOR_SRP,
      password: USER.password,
      srpB: p.SRP_B,
      salt: p.SALT,
      secretBlock: p.SECRET_BLOCK,
    });
  };
}

function identityJsSignIn(endpoint, pool) {
  const userPool = new CognitoUserPool({ UserPoolId: pool.userPoolId, ClientId: pool.clientId, endpoint });
  return () =>
    new Promise((resolve, reject) => {
      const user = new CognitoUser({ Username: USER.email, Pool: userPool });
      user.authenticateUser(new AuthenticationDetails({ Username: USER.email, Password: USER.password }), {
        onSuccess: (session) =>
          session.getIdToken().getJwtToken() ? resolve() : reject(new Error('no ID token')),
        onFailure: reject,
        totpRequired: () => reject(new Error('unexpected TOTP challenge')),
        mfaRequired: () => reject(new Error('unexpected SMS challenge')),
        newPasswordRequired: () => reject(new Error('unexpected new-password challenge')),
      });
    });
}
