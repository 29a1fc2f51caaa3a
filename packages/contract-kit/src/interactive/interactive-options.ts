import type { AuthStrategy } from '@fmauth/core';
import type { ContractEnvironment, StrategyContractOptions } from '../contract-options.js';
import type { TestUser } from './browser-leg.js';

/** One sign-in the strategy started: where the browser goes, where it comes back, how it ends. */
export interface InteractiveSignIn {
  /** The identity provider's authorization URL the strategy sends the browser to. */
  readonly authorizationUrl: string;
  /** The app's return URL the server sends the browser back to (the leg stops there). */
  readonly returnUrl: string;
  /**
   * Step 2 with the URL the browser came back to: a strategy that logs in as that user, or a rejection
   * with a typed `FmAuthError` (denied, mismatched, replayed). Called at most once per URL by the kit,
   * except in the tests that replay or cross URLs on purpose.
   */
  readonly complete: (returnedUrl: URL) => Promise<AuthStrategy>;
}

/** What the kit needs to drive an interactive strategy (a person in a browser between two steps). */
export interface InteractiveContractOptions {
  /** Step 1: starts a sign-in. Called once per sign-in; may do I/O (it asks the server for the URL). */
  readonly begin: (env: ContractEnvironment) => Promise<InteractiveSignIn>;
  /** A user the identity provider signs in and the server maps to an account with Data API access. */
  readonly user: TestUser;
  /** A second such user (the "two users" test). Default: `user` again, in a second sign-in. */
  readonly secondUser?: TestUser;
  /** A user the identity provider signs in but the server has no account for. Optional: its test is skipped without it. */
  readonly unmappedUser?: TestUser;
}

/**
 * Options of {@link describeInteractiveStrategyContract}: the strategy contract's options without
 * `validStrategy`, `rejectedStrategies` and `secrets` (an interactive strategy has no fixed
 * credentials: the kit signs in through the browser leg and treats every value of the return URL as
 * a secret), plus `interactive`. `server` is required.
 */
export interface InteractiveStrategyContractOptions
  extends Omit<StrategyContractOptions, 'validStrategy' | 'rejectedStrategies' | 'secrets' | 'server'> {
  readonly server: NonNullable<StrategyContractOptions['server']>;
  readonly interactive: InteractiveContractOptions;
  /** Other secrets the strategy holds (an app key): none may appear in errors or dumps. Default none. */
  readonly secrets?: readonly string[];
}
