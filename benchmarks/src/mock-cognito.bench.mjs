// Server-side USER_SRP_AUTH sign-ins per second of the mock's Cognito pool. The mock runs in a child
// process and reports its own CPU time, so the figure is "sign-ins per second of one server core":
// the SRP client work done here (our @fmauth/cognito-srp client, the load generator) does not count,
// even on a 2-core machine where both share the CPU.
//
// Side by side (lib/compare.mjs, alternating rounds): the same two round trips (InitiateAuth +
// RespondToAuthChallenge, same bodies) answered before any SRP or JWT work (unknown ClientId). The
// ratio says how much of one server core a real sign-in costs compared with the HTTP plumbing alone.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatSrpTimestamp, startSrpClient } from '@fmauth/cognito-srp';
import { Pool } from 'undici';
import { compare, pooled, printComparison } from '../lib/compare.mjs';

const SIGN_INS = 200;
const CONCURRENCY = 8;
const USER = { email: 'dev@example.com', password: 'ClarisID-pass-1' };

// The mock plus a CPU probe: a line on stdin makes it print process.cpuUsage() on stdout.
const CHILD = `
import { startMockServer } from '@fmauth/mock';
const server = await startMockServer();
process.stdout.write(JSON.stringify(server.readiness) + '\\n');
process.stdin.setEncoding('utf8');
process.stdin.on('data', () => process.stdout.write(JSON.stringify(process.cpuUsage()) + '\\n'));
process.stdin.on('end', () => server.close().then(() => process.exit(0)));
`;

export default async function run() {
  const child = await startProbedMock();
  const { cognito } = child.readiness;
  const cognitoUrl = new URL(child.readiness.endpoints.cognito);
  const pool = new Pool(cognitoUrl.origin, { connections: CONCURRENCY });
  const call = async (operation, input) => {
    const res = await pool.request({
      path: `${cognitoUrl.pathname}/`,
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(input),
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
    });
    return { status: res.statusCode, json: await res.body.json() };
  };
  // A handful of SRP clients reused across sign-ins: the server draws a fresh b each time, and the
  // load generator saves the g^a modexp per sign-in.
  const clients = Array.from({ length: CONCURRENCY }, () => startSrpClient());
  let next = 0;

  const signIn = async (clientId) => {
    const srp = clients[next++ % clients.length];
    const started = await call('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: USER.email, SRP_A: srp.srpA },
    });
    // The baseline's unknown ClientId stops here with ResourceNotFoundException; send a same-sized answer.
    const p = started.json.ChallengeParameters ?? PLACEHOLDER_CHALLENGE;
    const claim =
      started.status === 200
        ? srp.computeClaim({
            userPoolId: cognito.userPoolId,
            userIdForSrp: p.USER_ID_FOR_SRP,
            password: USER.password,
            srpB: p.SRP_B,
            salt: p.SALT,
            secretBlock: p.SECRET_BLOCK,
          })
        : { signature: 'A'.repeat(44), timestamp: formatSrpTimestamp() };
    const answered = await call('RespondToAuthChallenge', {
      ChallengeName: 'PASSWORD_VERIFIER',
      ClientId: clientId,
      ChallengeResponses: {
        USERNAME: p.USER_ID_FOR_SRP,
        PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK,
        TIMESTAMP: claim.timestamp,
        PASSWORD_CLAIM_SIGNATURE: claim.signature,
      },
    });
    const expected = clientId === cognito.clientId ? 200 : 400;
    if (answered.status !== expected || (expected === 200 && !answered.json.AuthenticationResult)) {
      throw new Error(`unexpected answer ${answered.status} ${JSON.stringify(answered.json)}`);
    }
  };

  // Rates per second of server CPU: run() returns ops scaled by wall/cpu, so that compare()'s
  // ops ÷ wall-seconds becomes ops ÷ server-CPU-seconds.
  const perServerCpuSecond = (batch) => async () => {
    const wallStart = process.hrtime.bigint();
    const cpuStart = await child.cpuMicros();
    const ops = await batch();
    const cpuSeconds = ((await child.cpuMicros()) - cpuStart) / 1e6;
    const wallSeconds = Number(process.hrtime.bigint() - wallStart) / 1e9;
    return (ops * wallSeconds) / cpuSeconds;
  };

  try {
    const result = await compare({
      name: 'mock Cognito: server-side work per second of server CPU (SRP sign-in vs the same round trips without SRP)',
      baseline: {
        label: 'two round trips, no SRP/JWT work',
        run: perServerCpuSecond(() => pooled(SIGN_INS, CONCURRENCY, () => signIn('unknownclient'))),
      },
      candidate: {
        label: 'USER_SRP_AUTH sign-ins',
        before: () => resetMock(child.readiness.endpoints.control),
        run: perServerCpuSecond(() => pooled(SIGN_INS, CONCURRENCY, () => signIn(cognito.clientId))),
      },
      rounds: 7,
    });
    printComparison(result);
    // End to end, wall clock, warm, load generator included (informational: on 2 cores the client's
    // own SRP math competes with the server for the CPU).
    await resetMock(child.readiness.endpoints.control);
    const wallStart = process.hrtime.bigint();
    await pooled(SIGN_INS, CONCURRENCY, () => signIn(cognito.clientId));
    const wallRate = SIGN_INS / (Number(process.hrtime.bigint() - wallStart) / 1e9);
    const perSignIn = 1000 / result.candidate.opsPerSec;
    console.log(
      `  => the mock verifies ${result.candidate.opsPerSec.toFixed(0)} SRP sign-ins per second of one server core ` +
        `(${perSignIn.toFixed(2)} ms CPU each: SRP + 2 RS256 tokens + HTTP); ` +
        `end to end with the load generator on the same machine: ${wallRate.toFixed(0)}/s`,
    );
    return { ...result, wallSignInsPerSec: wallRate };
  } finally {
    await pool.close();
    await child.stop();
  }
}

const PLACEHOLDER_CHALLENGE = {
  USER_ID_FOR_SRP: '00000000-0000-4000-8000-000000000000',
  SECRET_BLOCK: Buffer.alloc(96).toString('base64'),
};

async function resetMock(controlUrl) {
  const res = await fetch(`${controlUrl}/reset`, { method: 'POST', signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer();
}

/** Starts the mock in a child process; `cpuMicros()` asks it for its user + system CPU time. */
async function startProbedMock() {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
    cwd,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = [];
  const waiting = [];
  let buffer = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    buffer += chunk;
    for (let newline = buffer.indexOf('\n'); newline !== -1; newline = buffer.indexOf('\n')) {
      const line = JSON.parse(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
      const resolve = waiting.shift();
      if (resolve) resolve(line);
      else lines.push(line);
    }
  });
  const nextLine = () =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the mock child did not answer')), 15_000);
      const done = (line) => {
        clearTimeout(timer);
        resolve(line);
      };
      if (lines.length > 0) done(lines.shift());
      else waiting.push(done);
    });
  const readiness = await nextLine();
  return {
    readiness,
    async cpuMicros() {
      child.stdin.write('\n');
      const usage = await nextLine();
      return usage.user + usage.system;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.stdin.end();
      }),
  };
}
