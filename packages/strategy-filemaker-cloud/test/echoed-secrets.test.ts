import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { toSecret } from '@fmauth/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoTransport } from '../src/cognito-transport.js';

const PASSWORD = 'Claris-Pa55word!';
const REFRESH_TOKEN = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.refresh-token-body';
const MFA_CODE = '246810';
const SESSION = 'AYABeChallengeSession0123456789';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const FORBIDDEN = [
  PASSWORD,
  b64(PASSWORD),
  encodeURIComponent(PASSWORD),
  REFRESH_TOKEN,
  b64(REFRESH_TOKEN),
  MFA_CODE,
  SESSION,
];

/** A Cognito stand-in whose error messages repeat the request and the password, in every encoding. */
let url = '';
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => {
    const type = (req.headers['x-amz-target'] as string).endsWith('RespondToAuthChallenge')
      ? 'CodeMismatchException'
      : 'InvalidParameterException';
    const echo = `${body} ${b64(body)} ${encodeURIComponent(body)} ${PASSWORD} ${b64(PASSWORD)} ${encodeURIComponent(PASSWORD)}`;
    res
      .writeHead(400, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-errortype': type })
      .end(JSON.stringify({ __type: type, message: `bad request: ${echo}` }));
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

function transport(): CognitoTransport {
  return new CognitoTransport(
    {
      endpoint: url,
      region: 'us-west-2',
      proxy: undefined,
      timeoutMs: 5_000,
      maxAttempts: 1,
      maxResponseBytes: 1 << 20,
    },
    'us-west-2',
    [toSecret(PASSWORD)],
  );
}

function expectClean(error: unknown): void {
  expect(error).toBeInstanceOf(Error);
  for (const text of [
    String(error),
    (error as Error).stack ?? '',
    JSON.stringify(error),
    inspect(error, { depth: 10, showHidden: true }),
  ]) {
    for (const secret of FORBIDDEN) expect(text, `leaks ${secret}`).not.toContain(secret);
  }
}

describe('Cognito messages that echo secrets', () => {
  it('a refresh whose error repeats the refresh token and the password', async () => {
    const error = await transport()
      .initiateAuth(
        { AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'client1', AuthParameters: { REFRESH_TOKEN } },
        'InitiateAuth (REFRESH_TOKEN_AUTH)',
        AbortSignal.timeout(10_000),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FMAUTH_UNEXPECTED_RESPONSE' });
    expect((error as Error).message).toContain('[redacted]');
    expectClean(error);
  });

  it('an MFA answer whose error repeats the code and the challenge session', async () => {
    const error = await transport()
      .respondToAuthChallenge(
        {
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          ClientId: 'client1',
          Session: SESSION,
          ChallengeResponses: { USERNAME: 'dev@example.com', SOFTWARE_TOKEN_MFA_CODE: MFA_CODE },
        },
        'RespondToAuthChallenge (SOFTWARE_TOKEN_MFA)',
        AbortSignal.timeout(10_000),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FMAUTH_INVALID_CREDENTIALS' });
    expectClean(error);
  });
});
