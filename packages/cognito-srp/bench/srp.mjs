// Median cost of one SRP step with the package (OpenSSL modexp) versus the same math on a plain
// BigInt square-and-multiply, which is what a pure-JS port would do. Run `pnpm build` first.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import {
  computeVerifier,
  createSaltHex,
  padHex,
  poolNameOf,
  SRP_K,
  SRP_N,
  startSrpClient,
  startSrpServer,
} from '../dist/index.js';

const RUNS = 50;
const userPoolId = 'us-east-1_Bench1';
const userIdForSrp = 'bench-user';
const password = 'Bench-passw0rd!';
const poolName = poolNameOf(userPoolId);
const salt = createSaltHex();
const verifier = computeVerifier({ userPoolId, userIdForSrp, password, salt });
const secretBlock = randomBytes(64).toString('base64');
const timestamp = 'Tue Mar 5 07:08:09 UTC 2024';

// --- baseline: the same protocol with BigInt modPow -------------------------------------------
function modPow(base, exponent, modulus) {
  let result = 1n;
  let b = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}
const sha = (data) => createHash('sha256').update(data).digest('hex');
const hexHash = (hex) => BigInt(`0x${sha(Buffer.from(hex, 'hex'))}`);
const toBig = (bytes) => BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
function signature(u, secret) {
  const prk = createHmac('sha256', Buffer.from(padHex(u), 'hex'))
    .update(Buffer.from(padHex(secret), 'hex'))
    .digest();
  const key = createHmac('sha256', prk).update('Caldera Derived Key\u0001').digest().subarray(0, 16);
  return createHmac('sha256', key)
    .update(poolName + userIdForSrp)
    .update(Buffer.from(secretBlock, 'base64'))
    .update(timestamp)
    .digest('base64');
}
const baseline = {
  clientStart: (aBytes) => modPow(2n, toBig(aBytes), SRP_N),
  clientClaim(a, bigA, srpB) {
    const bigB = BigInt(`0x${srpB}`);
    const u = hexHash(padHex(bigA) + padHex(bigB));
    const x = hexHash(padHex(BigInt(`0x${salt}`)) + sha(`${poolName}${userIdForSrp}:${password}`));
    return signature(u, modPow(bigB - SRP_K * modPow(2n, x, SRP_N), a + u * x, SRP_N));
  },
  serverStart: (bBytes) => (SRP_K * verifier + modPow(2n, toBig(bBytes), SRP_N)) % SRP_N,
  serverVerify(b, bigA, bigB, claimed) {
    const u = hexHash(padHex(bigA) + padHex(bigB));
    return signature(u, modPow(bigA * modPow(verifier, u, SRP_N), b, SRP_N)) === claimed;
  },
};

// --- measurement ------------------------------------------------------------------------------
function median(samples) {
  const sorted = [...samples].sort((p, q) => p - q);
  return sorted[Math.floor(sorted.length / 2)];
}
/** Median ms of `measured`, each run prepared by `setup` (not timed). */
function time(setup, measured) {
  const samples = [];
  for (let i = 0; i < RUNS + 5; i++) {
    const input = setup();
    const start = performance.now();
    measured(input);
    if (i >= 5) samples.push(performance.now() - start); // the first runs warm up the JIT
  }
  return median(samples);
}

const aBytes = randomBytes(32);
const bBytes = randomBytes(32);
const client = startSrpClient({ randomBytes: () => aBytes });
const server = startSrpServer({ verifier, srpA: client.srpA, randomBytes: () => bBytes });
const claim = client.computeClaim({
  userPoolId,
  userIdForSrp,
  password,
  srpB: server.srpB,
  salt,
  secretBlock,
  timestamp,
});
const [a, b, bigA, bigB] = [
  toBig(aBytes),
  toBig(bBytes),
  BigInt(`0x${client.srpA}`),
  BigInt(`0x${server.srpB}`),
];

// Both implementations must agree before their speed means anything.
if (baseline.clientClaim(a, bigA, server.srpB) !== claim.signature)
  throw new Error('baseline client disagrees');
if (!baseline.serverVerify(b, bigA, bigB, claim.signature)) throw new Error('baseline server disagrees');

const claimInput = { userPoolId, userIdForSrp, password, srpB: server.srpB, salt, secretBlock, timestamp };
const check = { userPoolId, userIdForSrp, secretBlock, timestamp, signature: claim.signature };
const freshServer = () => startSrpServer({ verifier, srpA: client.srpA, randomBytes: () => bBytes });

const rows = [
  [
    'client start (A = g^a)',
    time(
      () => undefined,
      () => startSrpClient(),
    ),
    time(() => randomBytes(32), baseline.clientStart),
  ],
  [
    'client computeClaim',
    time(
      () => undefined,
      () => client.computeClaim(claimInput),
    ),
    time(
      () => undefined,
      () => baseline.clientClaim(a, bigA, server.srpB),
    ),
  ],
  [
    'server start (B)',
    time(
      () => undefined,
      () => startSrpServer({ verifier, srpA: client.srpA }),
    ),
    time(() => randomBytes(32), baseline.serverStart),
  ],
  // verifyClaim caches the derived key, so every run gets a fresh server (built outside the timer).
  [
    'server verifyClaim',
    time(freshServer, (srv) => srv.verifyClaim(check)),
    time(
      () => undefined,
      () => baseline.serverVerify(b, bigA, bigB, claim.signature),
    ),
  ],
];

console.log(`median of ${RUNS} runs, Node ${process.versions.node}, OpenSSL ${process.versions.openssl}`);
console.log(
  `${'step'.padEnd(24)}${'node:crypto'.padStart(13)}${'BigInt'.padStart(11)}${'ratio'.padStart(9)}`,
);
for (const [name, native, bigint] of rows) {
  const ms = (value) => `${value.toFixed(2)} ms`.padStart(11);
  console.log(
    `${name.padEnd(24)}  ${ms(native)}${ms(bigint)}${`${(bigint / native).toFixed(1)}×`.padStart(9)}`,
  );
}
