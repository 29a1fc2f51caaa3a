import { createHash, timingSafeEqual } from 'node:crypto';
import { type AuthStrategy, InvalidArgumentError } from '@fmauth/core';
import { startSignIn } from './begin-sign-in.js';
import { OAuthCredentials } from './credentials.js';
import { OAuthSignInError } from './errors.js';
import { type OAuthStrategyOptions, oauthStrategy } from './oauth-strategy.js';
import type { FileMakerOAuthOptions } from './options.js';
import { listProviders, type OAuthProvider } from './providers.js';
import { ReplayGuard } from './replay-guard.js';
import { resolveOptions, stateKeyBytes } from './resolve-options.js';
import { type ReturnedQuery, readReturnedQuery, single } from './return-query.js';
import { SealedBox } from './sealed-box.js';
import { isHeaderSafeToken, serverBaseUrl } from './server-url.js';
import { openState } from './sign-in-state.js';

/** What {@link FileMakerOAuth.begin} needs. */
export interface BeginSignInOptions {
  /** The FileMaker Server, e.g. `https://fms.example.com`. */
  readonly baseUrl: string;
  /** A provider's `name` from {@link FileMakerOAuth.listProviders}. */
  readonly provider: string;
  /** One of the `returnUrls` the flow was created with. Default: the first. */
  readonly returnUrl?: string;
}

/** What {@link FileMakerOAuth.begin} gives: send the browser to `authorizationUrl`, keep `state`. */
export interface BegunSignIn {
  /** The identity provider's sign-in page: redirect the user's browser there (HTTP 302/303). */
  readonly authorizationUrl: string;
  /**
   * Opaque, sealed and expiring: keep it in the user's own session (server-side, or a cookie) until the
   * browser comes back, then hand it to `complete()`. Contains the request id, so treat it as a secret.
   */
  readonly state: string;
}

/** The two-step sign-in and the strategies it produces. Create one per app with {@link fileMakerOAuth}. */
export interface FileMakerOAuth {
  /** The identity providers the server offers, for a "Sign in with …" page. `[]` when none. */
  listProviders(baseUrl: string): Promise<OAuthProvider[]>;
  /** Step 1: asks the server for the provider's authorization URL. */
  begin(options: BeginSignInOptions): Promise<BegunSignIn>;
  /**
   * Step 2: what arrived at the return URL (the URL, `req.url`, or its query) with the state from
   * step 1 → the credentials. Typed {@link OAuthSignInError}s for `error` ≠ `0`, a tracking id that
   * does not match, a missing identifier, a forged, expired or replayed state, another URL. No I/O.
   */
  complete(state: string, returned: ReturnedQuery): Promise<OAuthCredentials>;
  /** The strategy for one user's Data API session (and OData client) from completed credentials. */
  strategy(credentials: OAuthCredentials, options?: OAuthStrategyOptions): AuthStrategy;
  /** Credentials as one sealed string (AES-256-GCM, the stateKey) for a session store or cookie. */
  sealCredentials(credentials: OAuthCredentials): string;
  /** Sealed credentials back, or a typed `OAuthSignInError` (`state-invalid`) when not sealed by this app. */
  openCredentials(sealed: string): OAuthCredentials;
}

function sameSecret(a: string, b: string): boolean {
  // Hashing first gives equal lengths, so the comparison time says nothing about the value.
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/**
 * FileMaker Server sign-in through an external identity provider (Microsoft Entra ID, Google, custom
 * OAuth / OpenID Connect), in two steps around the user's browser. Does no I/O when created.
 *
 * @example
 * const oauth = fileMakerOAuth({ stateKey: process.env.OAUTH_STATE_KEY!, returnUrls: ['https://app.example.com/oauth/return'] });
 * const { authorizationUrl, state } = await oauth.begin({ baseUrl, provider: 'Microsoft' });
 * // … later, at the return URL:
 * const credentials = await oauth.complete(state, req.url!);
 * const session = createDataApiSession({ baseUrl, database: 'Contacts', strategy: oauth.strategy(credentials, { identity: userId }) });
 */
export function fileMakerOAuth(options: FileMakerOAuthOptions): FileMakerOAuth {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError('fileMakerOAuth needs { stateKey, returnUrls }', 'ERR_INVALID_ARG_TYPE');
  }
  const resolved = resolveOptions(options);
  const key = stateKeyBytes(options.stateKey);
  const stateBox = new SealedBox(key, 'sign-in-state');
  const credentialsBox = new SealedBox(key, 'credentials');
  key.fill(0);
  const replays = new ReplayGuard();

  const flow: FileMakerOAuth = {
    listProviders: (baseUrl) => listProviders(serverBaseUrl(baseUrl, resolved.allowInsecureHttp), resolved),

    async begin({ baseUrl, provider, returnUrl }) {
      const base = serverBaseUrl(baseUrl, resolved.allowInsecureHttp);
      if (typeof provider !== 'string' || provider.length === 0 || provider.length > 200) {
        throw new InvalidArgumentError('begin: provider must be a provider name from listProviders()');
      }
      let target = resolved.returnUrls[0] as string;
      if (returnUrl !== undefined) {
        let href: string | undefined;
        try {
          href = new URL(returnUrl).href;
        } catch {
          href = undefined;
        }
        if (href === undefined || !resolved.returnUrls.includes(href)) {
          throw new OAuthSignInError(
            "begin: the return URL is not one of this app's returnUrls, so the sign-in was not started.",
            { failure: 'return-url-not-allowed' },
          );
        }
        target = href;
      }
      const started = await startSignIn(base, provider, target, resolved);
      const state = stateBox.seal({
        requestId: started.requestId,
        trackingId: started.trackingId,
        baseUrl: base,
        provider,
        returnUrl: target,
        expiresAt: resolved.clock() + resolved.stateTtlMs,
      });
      return Object.freeze({ authorizationUrl: started.authorizationUrl, state });
    },

    async complete(state, returned) {
      const now = resolved.clock();
      const opened = openState(stateBox, state, now);
      const { query, url } = readReturnedQuery(returned);
      if (
        url !== undefined &&
        `${url.origin}${url.pathname}` !==
          `${new URL(opened.returnUrl).origin}${new URL(opened.returnUrl).pathname}`
      ) {
        throw new OAuthSignInError('complete: the URL is not the return URL this sign-in began with.', {
          failure: 'return-url-mismatch',
        });
      }
      const trackingId = single(query, 'trackingID');
      const error = single(query, 'error');
      const identifier = single(query, 'identifier');
      if (!trackingId && !error && !identifier) {
        throw new OAuthSignInError(
          'The return URL carried no sign-in result (no trackingID, identifier or error). Start the sign-in again.',
          {
            failure: 'query-invalid',
          },
        );
      }
      if (trackingId === undefined || !sameSecret(trackingId, opened.trackingId)) {
        throw new OAuthSignInError(
          'The trackingID at the return URL is not the one of this sign-in: the browser came back from another sign-in. Start the sign-in again.',
          { failure: 'tracking-mismatch' },
        );
      }
      if (!replays.claim(opened.trackingId, opened.expiresAt, now)) {
        throw new OAuthSignInError(
          'This sign-in was already completed; a return URL works once. Start the sign-in again.',
          {
            failure: 'state-replayed',
          },
        );
      }
      if (error !== undefined && error !== '0') {
        const shown = /^-?\d{1,9}$/.test(error) ? error : 'non-numeric';
        throw new OAuthSignInError(
          `The identity provider sign-in did not succeed (FileMaker Server returned error ${shown}): the user cancelled, denied consent, or the provider refused them. Offer to sign in again.`,
          { failure: 'provider-error', providerError: shown },
        );
      }
      if (!isHeaderSafeToken(identifier)) {
        throw new OAuthSignInError('The return URL carried no usable identifier. Start the sign-in again.', {
          failure: 'identifier-missing',
        });
      }
      return new OAuthCredentials({
        baseUrl: opened.baseUrl,
        provider: opened.provider,
        completedAt: now,
        requestId: opened.requestId,
        identifier,
      });
    },

    strategy(credentials, strategyOptions) {
      if (!(credentials instanceof OAuthCredentials)) {
        throw new InvalidArgumentError(
          'strategy: pass the credentials complete() returned',
          'ERR_INVALID_ARG_TYPE',
        );
      }
      if (
        strategyOptions?.identity !== undefined &&
        (typeof strategyOptions.identity !== 'string' || strategyOptions.identity.length === 0)
      ) {
        throw new InvalidArgumentError("strategy: identity must be a non-empty string (the app's user id)");
      }
      return oauthStrategy(credentials, strategyOptions);
    },

    sealCredentials(credentials) {
      return credentialsBox.seal({
        baseUrl: credentials.baseUrl,
        provider: credentials.provider,
        completedAt: credentials.completedAt,
        requestId: credentials.requestId.reveal(),
        identifier: credentials.identifier.reveal(),
      });
    },

    openCredentials(sealed) {
      const v = credentialsBox.open(sealed, 4096) as Record<string, unknown> | undefined;
      const ok =
        v &&
        ['baseUrl', 'provider', 'requestId', 'identifier'].every((k) => typeof v[k] === 'string') &&
        typeof v.completedAt === 'number';
      if (!ok) {
        throw new OAuthSignInError(
          'The sealed credentials are not ones this app sealed. Sign the user in again.',
          {
            failure: 'state-invalid',
          },
        );
      }
      return new OAuthCredentials(v as never);
    },
  };
  return Object.freeze(flow);
}
