import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { computeVerifier, createSaltHex, startSrpClient, startSrpServer } from '../src/index.js';

const userPoolId = 'us-east-1_Priv4cy';
const userIdForSrp = 'bob';
const password = 'hunter2-Sup3rSecret';

/** Every rendering of a private exponent that could leak: hex, decimal, base64 of its bytes. */
const renderings = (bytes: Buffer): string[] => [
  bytes.toString('hex'),
  BigInt(`0x${bytes.toString('hex')}`).toString(10),
  bytes.toString('base64'),
];

const dump = (value: object): string =>
  JSON.stringify(value) +
  inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true });

describe('secrets stay out of reach', () => {
  it('client and server objects render neither the password nor a or b', () => {
    const aBytes = randomBytes(128);
    const bBytes = randomBytes(32);
    const salt = createSaltHex();
    const verifier = computeVerifier({ userPoolId, userIdForSrp, password, salt });
    const client = startSrpClient({ randomBytes: () => aBytes });
    const server = startSrpServer({ verifier, srpA: client.srpA, randomBytes: () => bBytes });
    const secretBlock = 'AAECAwQ=';
    const claim = client.computeClaim({
      userPoolId,
      userIdForSrp,
      password,
      srpB: server.srpB,
      salt,
      secretBlock,
    });
    expect(server.verifyClaim({ userPoolId, userIdForSrp, secretBlock, ...claim })).toBe(true);

    for (const rendered of [dump(client), dump(server), dump(claim)]) {
      expect(rendered).not.toContain(password);
      for (const secret of [...renderings(aBytes), ...renderings(bBytes)])
        expect(rendered).not.toContain(secret);
    }
    expect(Object.keys(client)).toEqual(['srpA', 'computeClaim']);
    expect(Object.keys(server)).toEqual(['srpB', 'verifyClaim']);
    expect(Object.isFrozen(client) && Object.isFrozen(server)).toBe(true);
  });

  it('errors do not echo the password', () => {
    const client = startSrpClient();
    const input = { userPoolId, userIdForSrp, password, salt: 'a1', secretBlock: 'AA==' };
    for (const srpB of ['0', 'not hex', '1'.repeat(5000)]) {
      let message = '';
      try {
        client.computeClaim({ ...input, srpB });
      } catch (error) {
        message = `${String(error)} ${inspect(error)}`;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain(password);
    }
  });
});
