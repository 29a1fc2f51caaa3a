/** What the lazily loaded module offers (a type only: importing it costs nothing at run time). */
export type CognitoRuntime = typeof import('./cognito-runtime.js');

let loading: Promise<CognitoRuntime> | undefined;

/**
 * Loads the Cognito half of the strategy (AWS SDK, SRP math, jose) on first use, once per process.
 * It stays out of the static module graph of `src/index.ts` so that importing the package and creating
 * a strategy are cheap: serverless processes that reuse a stored token never pay for the SDK. Every
 * later call gets the same promise, so a warm sign-in waits for nothing but an already-settled promise.
 */
export function loadCognitoRuntime(): Promise<CognitoRuntime> {
  loading ??= import('./cognito-runtime.js').catch((error: unknown) => {
    // A failed load (a broken install) is not remembered, so a later sign-in tries again.
    loading = undefined;
    throw error;
  });
  return loading;
}
