import { OAuthSignInError } from './errors.js';
import type { SealedBox } from './sealed-box.js';

/** What the sealed state carries from `begin()` to `complete()`. */
export interface SignInState {
  readonly requestId: string;
  readonly trackingId: string;
  readonly baseUrl: string;
  readonly provider: string;
  readonly returnUrl: string;
  /** Epoch ms after which the state is refused. */
  readonly expiresAt: number;
}

const MAX_STATE_LENGTH = 4096;

function isSignInState(value: unknown): value is SignInState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    ['requestId', 'trackingId', 'baseUrl', 'provider', 'returnUrl'].every(
      (key) => typeof v[key] === 'string',
    ) && typeof v.expiresAt === 'number'
  );
}

/** Opens a state sealed by this app: refuses forged, altered and expired ones with a typed error. */
export function openState(box: SealedBox, state: unknown, now: number): SignInState {
  const opened = box.open(state, MAX_STATE_LENGTH);
  if (!isSignInState(opened)) {
    throw new OAuthSignInError(
      'The sign-in state is not one this app issued (forged, altered, or sealed with another stateKey). Start the sign-in again.',
      { failure: 'state-invalid' },
    );
  }
  if (now > opened.expiresAt) {
    throw new OAuthSignInError('The sign-in took too long and its state expired. Start the sign-in again.', {
      failure: 'state-expired',
    });
  }
  return opened;
}
