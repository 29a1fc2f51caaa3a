import { inspect } from 'node:util';
import { TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import type { FileMakerCloudEvent } from '../src/index.js';
import { authContext, DEV, MFA, rejectionOf, TestClock, useCloudMock } from './support/cloud-mock.js';

/** Real refresh tokens are JWEs; the mock's carry this protected header, so any leak shows it. */
const REFRESH_TOKEN_HEADER = Buffer.from('{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}').toString(
  'base64url',
);

/** Every way a value can end up in a log. */
function renderings(value: unknown): string[] {
  const out = [
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    String(value),
    JSON.stringify(value) ?? '',
  ];
  if (value instanceof Error) {
    out.push(value.message, value.stack ?? '', inspect(value.cause, { depth: Number.POSITIVE_INFINITY }));
  }
  return out;
}

describe('secrets stay out of errors, dumps, JSON and events', () => {
  const mock = useCloudMock();

  it('the strategy, its credentials and its events never show the password, ID token or refresh token', async () => {
    const clock = new TestClock();
    const events: FileMakerCloudEvent[] = [];
    const strategy = mock.strategy({ clock: clock.now, onEvent: (e) => events.push(e) });
    const credentials = await strategy.authenticate(authContext());
    await mock.advance(clock, 56);
    await strategy.authenticate(authContext());
    const idToken = credentials.authorization?.reveal().slice('FMID '.length) ?? '';
    expect(idToken.length).toBeGreaterThan(100);
    const secrets = [DEV.password, idToken, REFRESH_TOKEN_HEADER];
    for (const [what, value] of Object.entries({ strategy, credentials, events })) {
      for (const text of renderings(value)) {
        for (const secret of secrets) expect(text.includes(secret), `${what} shows a secret`).toBe(false);
      }
    }
    expect(`${credentials.authorization}`).toBe('[redacted]');
  });

  it('errors of failed sign-ins carry no password, code, token or TOTP secret', async () => {
    const clock = new TestClock();
    const strategy = mock.strategy({ clock: clock.now });
    const credentials = await strategy.authenticate(authContext());
    const idToken = credentials.authorization?.reveal().slice('FMID '.length) ?? '';
    // A refresh that fails (throttled) has the refresh token on the wire.
    await mock.control.setOptions({ cognito: { throttle: true } });
    await mock.advance(clock, 56);
    const errors = [await rejectionOf(strategy.authenticate(authContext()))];
    await mock.control.setOptions({ cognito: { throttle: false } });

    const wrongCode = '000000';
    const authenticator = new TOTP({ secret: MFA.totpSecret });
    errors.push(
      await rejectionOf(
        mock.strategy({ ...DEV, password: 'Leaky-wrong-pass-9' }).authenticate(authContext()),
      ),
      await rejectionOf(
        mock
          .strategy({ clarisId: MFA.clarisId, password: MFA.password, mfa: { totp: () => wrongCode } })
          .authenticate(authContext()),
      ),
    );
    const secrets = [
      DEV.password,
      'Leaky-wrong-pass-9',
      MFA.password,
      MFA.totpSecret,
      idToken,
      REFRESH_TOKEN_HEADER,
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      for (const text of renderings(error)) {
        for (const secret of secrets)
          expect(text.includes(secret), `an error shows "${secret.slice(0, 8)}…"`).toBe(false);
      }
      // Not even the current code (the wrong one is "000000", too common to search for).
      expect((error as Error).message).not.toContain(authenticator.generate());
    }
  });

  it('a proxy password given in the URL never appears in the strategy', () => {
    const strategy = mock.strategy({ cognito: { proxy: 'http://user:Proxy-pass-3@127.0.0.1:9' } });
    for (const text of renderings(strategy)) expect(text).not.toContain('Proxy-pass-3');
  });
});
