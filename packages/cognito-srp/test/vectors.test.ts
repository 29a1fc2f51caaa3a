import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeU, computeX, deriveKey } from '../src/formulas.js';
import { sha256Hex } from '../src/hash.js';
import {
  computeVerifier,
  padHex,
  poolNameOf,
  SRP_K,
  SRP_N,
  startSrpClient,
  startSrpServer,
} from '../src/index.js';
import { powG, powMod } from '../src/modexp.js';
import { fixedBytes } from './reference.js';

type Vector = Record<
  | 'poolId'
  | 'poolName'
  | 'USER_ID_FOR_SRP'
  | 'password'
  | 'SALT'
  | 'a'
  | 'b'
  | 'SECRET_BLOCK'
  | 'TIMESTAMP'
  | 'k'
  | 'H_inner_poolName_user_colon_password'
  | 'x'
  | 'v_sha256_of_padHex'
  | 'SRP_A'
  | 'SRP_B'
  | 'u'
  | 'S'
  | 'S_sha256_of_padHex'
  | 'hkdf16'
  | 'PASSWORD_CLAIM_SIGNATURE',
  string
>;

const vector = JSON.parse(
  readFileSync(new URL('./fixtures/srp-vector.json', import.meta.url), 'utf8'),
) as Vector;
const big = (hex: string): bigint => BigInt(`0x${hex}`);
const mod = (value: bigint): bigint => ((value % SRP_N) + SRP_N) % SRP_N;

describe('srp-vector.json (identity-js 6.3.21 client + server formulas)', () => {
  const a = big(vector.a);
  const b = big(vector.b);
  const user = vector.USER_ID_FOR_SRP;

  it('k, pool name and the inner password hash', () => {
    expect(SRP_K.toString(16)).toBe(vector.k);
    expect(poolNameOf(vector.poolId)).toBe(vector.poolName);
    expect(sha256Hex(`${vector.poolName}${user}:${vector.password}`)).toBe(
      vector.H_inner_poolName_user_colon_password,
    );
  });

  it('x and v', () => {
    const x = computeX(big(vector.SALT), vector.poolName, user, vector.password);
    expect(x.toString(16)).toBe(vector.x);
    const v = computeVerifier({
      userPoolId: vector.poolId,
      userIdForSrp: user,
      password: vector.password,
      salt: vector.SALT,
    });
    expect(v).toBe(powG(x));
    expect(sha256Hex(Buffer.from(padHex(v), 'hex'))).toBe(vector.v_sha256_of_padHex);
  });

  it('SRP_A, SRP_B, u, S (from both sides) and the HKDF key', () => {
    const client = startSrpClient({ randomBytes: fixedBytes(vector.a) });
    expect(client.srpA).toBe(vector.SRP_A);
    const v = computeVerifier({
      userPoolId: vector.poolId,
      userIdForSrp: user,
      password: vector.password,
      salt: vector.SALT,
    });
    const server = startSrpServer({ verifier: v, srpA: client.srpA, randomBytes: fixedBytes(vector.b) });
    expect(server.srpB).toBe(vector.SRP_B);

    const [bigA, bigB] = [big(vector.SRP_A), big(vector.SRP_B)];
    const u = computeU(bigA, bigB);
    expect(u.toString(16)).toBe(vector.u);
    const x = big(vector.x);
    const clientS = powMod(mod(bigB - SRP_K * powG(x)), a + u * x);
    const serverS = powMod((bigA * powMod(v, u)) % SRP_N, b);
    expect(clientS.toString(16)).toBe(vector.S);
    expect(serverS).toBe(clientS);
    expect(sha256Hex(Buffer.from(padHex(clientS), 'hex'))).toBe(vector.S_sha256_of_padHex);
    expect(deriveKey(u, clientS).toString('hex')).toBe(vector.hkdf16);
  });

  it('PASSWORD_CLAIM_SIGNATURE, produced by the client and accepted by the server', () => {
    const client = startSrpClient({ randomBytes: fixedBytes(vector.a) });
    const claim = client.computeClaim({
      userPoolId: vector.poolId,
      userIdForSrp: user,
      password: vector.password,
      srpB: vector.SRP_B,
      salt: vector.SALT,
      secretBlock: vector.SECRET_BLOCK,
      timestamp: vector.TIMESTAMP,
    });
    expect(claim).toEqual({ signature: vector.PASSWORD_CLAIM_SIGNATURE, timestamp: vector.TIMESTAMP });

    const verifier = computeVerifier({
      userPoolId: vector.poolId,
      userIdForSrp: user,
      password: vector.password,
      salt: vector.SALT,
    });
    const server = startSrpServer({ verifier, srpA: vector.SRP_A, randomBytes: fixedBytes(vector.b) });
    const check = {
      userPoolId: vector.poolId,
      userIdForSrp: user,
      secretBlock: vector.SECRET_BLOCK,
      timestamp: vector.TIMESTAMP,
    };
    expect(server.verifyClaim({ ...check, signature: vector.PASSWORD_CLAIM_SIGNATURE })).toBe(true);
  });
});

describe('alexrudd/cognito-srp vector (negative B − k·g^x)', () => {
  const input = {
    userPoolId: 'eu-west-1_myPool',
    userIdForSrp: 'test',
    password: 'test',
    srpB: '499602d2',
    salt: '499602d2',
    secretBlock: Buffer.from('secretssecrestssecrets', 'utf8').toString('base64'),
    timestamp: 'Tue Jul 10 11:01:00 UTC 2018',
  };
  const a = 1234567890n;

  it('A and the HKDF key', () => {
    const client = startSrpClient({ randomBytes: fixedBytes('499602d2') });
    const bigA = big(client.srpA);
    expect(bigA.toString(10).startsWith('2012821450179237266067414751941060928019')).toBe(true);

    const bigB = big(input.srpB);
    const u = computeU(bigA, bigB);
    const x = computeX(big(input.salt), 'myPool', 'test', 'test');
    const unreduced = bigB - SRP_K * powG(x);
    expect(unreduced < 0n).toBe(true);
    const secret = powMod(mod(unreduced), a + u * x);
    expect(deriveKey(u, secret).toString('hex')).toBe('d96cde6c95dda17175c1293140c5a81f');
  });

  it('PASSWORD_CLAIM_SIGNATURE', () => {
    const client = startSrpClient({ randomBytes: fixedBytes('499602d2') });
    expect(client.computeClaim(input).signature).toBe('tdvQu/Li/qWl8Nni0aFPs+MwY4rvKZm0kSMrGIMSUHk=');
  });
});
