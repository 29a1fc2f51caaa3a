import type { AuthenticateContext, AuthStrategy, InvalidateContext, LoginCredentials } from '@fmauth/core';

/** An `Authorization: FMID …` value a strategy produced, with its expiry. */
export interface CapturedFmid {
  readonly idToken: string;
  /** Epoch ms when the ID token expires, when the strategy said. */
  readonly validUntil: number | undefined;
}

/**
 * Wraps a strategy to see the credentials it hands to core. The FileMaker Cloud strategy keeps the
 * Claris ID token private; its login header, `FMID <ID token>`, is the one place it shows, and that is
 * what `fmauth token --claris-id` prints.
 */
export function captureCredentials(inner: AuthStrategy): {
  strategy: AuthStrategy;
  fmid: () => CapturedFmid | undefined;
} {
  let last: CapturedFmid | undefined;
  const strategy: AuthStrategy = {
    id: inner.id,
    flavors: inner.flavors,
    ...(inner.identity === undefined ? {} : { identity: inner.identity }),
    ...(inner.hints === undefined ? {} : { hints: inner.hints }),
    async authenticate(ctx: AuthenticateContext): Promise<LoginCredentials> {
      const credentials = await inner.authenticate(ctx);
      const header = credentials.authorization?.reveal();
      if (header?.startsWith('FMID ')) {
        last = { idToken: header.slice('FMID '.length), validUntil: credentials.validUntil };
      }
      return credentials;
    },
    ...(inner.invalidate ? { invalidate: (ctx: InvalidateContext) => inner.invalidate?.(ctx) } : {}),
    ...(inner.close ? { close: () => inner.close?.() } : {}),
  };
  return { strategy, fmid: () => last };
}
