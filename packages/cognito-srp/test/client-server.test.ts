import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  computeVerifier,
  createSaltHex,
  SRP_K,
  SRP_MAX_HEX_LENGTH,
  SRP_N,
  type SrpClaimCheck,
  SrpProtocolError,
  startSrpClient,
  startSrpServer,
} from '../src/index.js';
import { fixedBytes } from './reference.js';

const userPoolId = 'us-east-1_Rt9Zq';
const userIdForSrp = '5f0c1a2e-4b1d-4c6e-9a77-0d3f2b8c1e44';
const password = `pw-${randomBytes(6).toString('hex')}-é!`;

/** One full sign-in attempt with random a, b, salt and secret block. */
function handshake(typedPassword = password) {
  const salt = createSaltHex();
  const verifier = computeVerifier({ userPoolId, userIdForSrp, password, salt });
  const client = startSrpClient();
  const server = startSrpServer({ verifier, srpA: client.srpA });
  const secretBlock = randomBytes(48).toString('base64');
  const claim = client.computeClaim({
    userPoolId,
    userIdForSrp,
    password: typedPassword,
    srpB: server.srpB,
    salt,
    secretBlock,
  });
  const check: SrpClaimCheck = { userPoolId, userIdForSrp, secretBlock, ...claim };
  return { client, server, salt, verifier, claim, check };
}

const protocolCode = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof SrpProtocolError) return error.code;
    throw error;
  }
  return undefined;
};

describe('client ↔ server round trip', () => {
  it('verifies the right password', () => {
    for (let i = 0; i < 3; i++) {
      const { server, check } = handshake();
      expect(server.verifyClaim(check)).toBe(true);
    }
  });

  it('rejects a wrong password', () => {
    const { server, check } = handshake(`${password}x`);
    expect(server.verifyClaim(check)).toBe(false);
  });

  it('rejects a tampered signature, timestamp, secret block or user id', () => {
    const { server, check } = handshake();
    const flipped = Buffer.from(check.signature, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(server.verifyClaim({ ...check, signature: flipped.toString('base64') })).toBe(false);
    expect(server.verifyClaim({ ...check, timestamp: check.timestamp.replace('UTC', 'GMT') })).toBe(false);
    expect(server.verifyClaim({ ...check, secretBlock: randomBytes(48).toString('base64') })).toBe(false);
    expect(server.verifyClaim({ ...check, userIdForSrp: 'someone-else' })).toBe(false);
    expect(server.verifyClaim(check)).toBe(true);
  });

  it('returns false, never throws, on malformed signatures and fields', () => {
    const { server, check } = handshake();
    for (const signature of [
      '',
      '!!!!',
      '%%% not base64 %%%',
      'A'.repeat(100_000),
      check.signature.slice(0, 20),
    ]) {
      expect(server.verifyClaim({ ...check, signature })).toBe(false);
    }
    const notAString = 42 as unknown as string;
    expect(server.verifyClaim({ ...check, signature: notAString })).toBe(false);
    expect(server.verifyClaim({ ...check, timestamp: notAString })).toBe(false);
    expect(server.verifyClaim({ ...check, secretBlock: notAString })).toBe(false);
  });

  it('normalises SRP_A received with leading zeros or in upper case', () => {
    const salt = createSaltHex();
    const verifier = computeVerifier({ userPoolId, userIdForSrp, password, salt });
    const client = startSrpClient();
    const server = startSrpServer({ verifier, srpA: `0000${client.srpA.toUpperCase()}` });
    const secretBlock = 'AAEC';
    const claim = client.computeClaim({
      userPoolId,
      userIdForSrp,
      password,
      srpB: server.srpB,
      salt,
      secretBlock,
    });
    expect(server.verifyClaim({ userPoolId, userIdForSrp, secretBlock, ...claim })).toBe(true);
  });

  it('signs a given Date or string timestamp as given', () => {
    const { client, server, salt, check } = handshake();
    const input = {
      userPoolId,
      userIdForSrp,
      password,
      srpB: server.srpB,
      salt,
      secretBlock: check.secretBlock,
    };
    const fromDate = client.computeClaim({ ...input, timestamp: new Date('2024-03-05T07:08:09Z') });
    expect(fromDate.timestamp).toBe('Tue Mar 5 07:08:09 UTC 2024');
    expect(server.verifyClaim({ ...check, ...fromDate })).toBe(true);
    const odd = client.computeClaim({ ...input, timestamp: 'anything at all' });
    expect(server.verifyClaim({ ...check, ...odd })).toBe(true);
  });
});

describe('hostile protocol values', () => {
  const verifier = computeVerifier({ userPoolId, userIdForSrp, password, salt: 'a1b2' });
  const hexN = SRP_N.toString(16);

  it('server rejects A ≡ 0 mod N', () => {
    for (const srpA of ['0', '0000', hexN, (2n * SRP_N).toString(16), (5n * SRP_N).toString(16)]) {
      expect(protocolCode(() => startSrpServer({ verifier, srpA }))).toBe('SRP_INVALID_A');
    }
  });

  it('server rejects oversized or non-hex SRP_A before any work', () => {
    for (const srpA of ['1'.repeat(SRP_MAX_HEX_LENGTH + 1), '', 'xyz', '12 34', '-1']) {
      expect(protocolCode(() => startSrpServer({ verifier, srpA }))).toBe('SRP_INVALID_HEX');
    }
  });

  it('server refuses a verifier outside [2, N − 2]', () => {
    // 1 and N − 1 are not powers of g = 2 (which generates the order-q subgroup) yet would make S trivial.
    for (const bad of [0n, 1n, SRP_N - 1n, SRP_N, -1n]) {
      expect(() => startSrpServer({ verifier: bad, srpA: '2' })).toThrow(
        expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }),
      );
    }
  });

  it('client rejects B ≡ 0 mod N, non-hex values and degenerate bases', () => {
    const client = startSrpClient();
    const input = { userPoolId, userIdForSrp, password, salt: 'a1b2', secretBlock: 'AAEC' };
    for (const srpB of ['0', hexN, (3n * SRP_N).toString(16)]) {
      expect(protocolCode(() => client.computeClaim({ ...input, srpB }))).toBe('SRP_INVALID_B');
    }
    expect(protocolCode(() => client.computeClaim({ ...input, srpB: 'zz' }))).toBe('SRP_INVALID_HEX');
    expect(protocolCode(() => client.computeClaim({ ...input, srpB: '1'.repeat(2000) }))).toBe(
      'SRP_INVALID_HEX',
    );
    expect(protocolCode(() => client.computeClaim({ ...input, srpB: '2', salt: 'not-hex' }))).toBe(
      'SRP_INVALID_HEX',
    );

    // B = k·v + {0, 1, −1} makes the base B − k·g^x 0, 1 or N − 1: a server knowing v could force S.
    const kv = (SRP_K * verifier) % SRP_N;
    for (const bigB of [kv, kv + 1n, (kv - 1n + SRP_N) % SRP_N]) {
      expect(protocolCode(() => client.computeClaim({ ...input, srpB: bigB.toString(16) }))).toBe(
        'SRP_DEGENERATE_SECRET',
      );
    }
  });

  it('malformed pool IDs are argument errors on both sides', () => {
    const client = startSrpClient();
    const input = { userIdForSrp, password, srpB: '2', salt: 'a1b2', secretBlock: 'AAEC' };
    expect(() => client.computeClaim({ ...input, userPoolId: 'nope' })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE' }),
    );
  });
});

describe('createSaltHex', () => {
  it('draws 16 bytes and writes them as minimal hex', () => {
    expect(createSaltHex({ randomBytes: fixedBytes('00'.repeat(2) + 'ab'.repeat(14)) })).toBe(
      'ab'.repeat(14),
    );
    expect(createSaltHex({ randomBytes: fixedBytes(`0f${'ff'.repeat(15)}`) })).toBe(`f${'ff'.repeat(15)}`);
    const salts = new Set(Array.from({ length: 20 }, () => createSaltHex()));
    expect(salts.size).toBe(20);
    for (const salt of salts) expect(salt).toMatch(/^[1-9a-f][0-9a-f]{0,31}$/);
  });
});
