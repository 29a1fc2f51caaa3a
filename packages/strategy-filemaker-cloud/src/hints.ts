/** The strategy's id, shown in errors and in the contract kit's output. */
export const STRATEGY_ID = 'filemaker-cloud';

/** What to check when a Claris ID sign-in is refused, by Cognito or by FileMaker Cloud. */
export const CLARIS_ID_CREDENTIALS_HINT =
  'FileMaker Cloud accepts only Claris IDs: sign in with the Claris ID email and its Claris ID password, not a FileMaker account name and password. Claris IDs that sign in through an external identity provider (single sign-on) have no Claris ID password and cannot use the Data API, Admin API or OData.';

/**
 * Advice core appends to its own errors when FileMaker Cloud (not Cognito) refuses a login. Cognito's
 * refusals carry their own advice.
 */
export const HINTS = Object.freeze({
  FMAUTH_INVALID_CREDENTIALS: `${CLARIS_ID_CREDENTIALS_HINT} The Claris ID must also be a user of this FileMaker Cloud team with access to the file.`,
  FMAUTH_ACCOUNT_UNAVAILABLE:
    'Resolve the Claris ID account state by signing in interactively at the Claris Customer Console (console.claris.com), then retry.',
  FMAUTH_CHALLENGE_REQUIRED:
    'Pass the mfa option ({ totp } or { sms }) to answer multi-factor challenges, or newPassword to complete a required password change.',
});
