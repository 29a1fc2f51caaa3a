import { TOKEN_FORMAT_VERSION, type TokenStore } from '@fmauth/core';

/** The Data API token the session wrote, and until when core considers it usable. */
export interface CapturedToken {
  readonly token: string;
  /** Epoch ms when the credentials behind it expire (FileMaker Cloud), or null (idle expiry only). */
  readonly validUntil: number | null;
}

/**
 * A token store that lives in this process only and remembers the last token core wrote to it.
 * It is how the CLI gets the Data API token out of a session without logging in by hand (core keeps
 * the token private), and because the session then counts the token as shared, `close()` leaves the
 * server session open for the user instead of logging it out. Nothing is ever written to disk.
 */
export class TokenCaptureStore implements TokenStore {
  readonly name = 'fmauth-cli';
  readonly supports = Object.freeze({ locks: false, crossProcess: false });
  #last: CapturedToken | undefined;

  /** The token of the last login, or undefined before one. */
  get captured(): CapturedToken | undefined {
    return this.#last;
  }

  async get(): Promise<string | undefined> {
    // Always a miss: every run logs in afresh instead of reusing something from earlier.
    return undefined;
  }

  async set(_key: string, value: string): Promise<boolean> {
    this.#last = readValue(value) ?? this.#last;
    return true;
  }

  async compareAndDelete(): Promise<boolean> {
    return true;
  }
}

/** Reads core's stored value, `{"fmauth":1,"exp":…,"data":{"token":"…","validUntil":…}}` (unencrypted). */
function readValue(value: string): CapturedToken | undefined {
  try {
    const parsed = JSON.parse(value) as {
      fmauth?: unknown;
      data?: { token?: unknown; validUntil?: unknown };
    };
    if (parsed.fmauth !== TOKEN_FORMAT_VERSION || typeof parsed.data?.token !== 'string') return undefined;
    const validUntil = typeof parsed.data.validUntil === 'number' ? parsed.data.validUntil : null;
    return { token: parsed.data.token, validUntil };
  } catch {
    return undefined;
  }
}

/**
 * A token store that offers one given token for any key, so a session built on it ends exactly that
 * Data API session on `logout()` with core's own request, timeouts and typed errors.
 */
export function handOffStore(token: string, clock: () => number = Date.now): TokenStore {
  const value = JSON.stringify({
    fmauth: TOKEN_FORMAT_VERSION,
    exp: clock() + 60_000,
    data: { token, validUntil: null },
  });
  return {
    name: 'fmauth-cli-logout',
    supports: Object.freeze({ locks: false, crossProcess: false }),
    get: async () => value,
    set: async () => true,
    compareAndDelete: async () => true,
  };
}
