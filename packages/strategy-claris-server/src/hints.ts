/**
 * What to tell a user whose Claris Server login was refused. Rejecting the plain Claris ID password is
 * the most common failure of this flow, so the advice leads with it, in plain words, and says where the
 * right password comes from. Appended by core to `InvalidCredentialsError` (message and `hint`).
 */
export const EXTENDED_PASSWORD_ADVICE =
  'Claris Server needs the extended account password, not the Claris ID password. ' +
  'The extended account password is a separate password that each user sets by hand in Claris Studio ' +
  '(sign in with the Claris ID, then Account > Extended Account); the Claris ID password that opens ' +
  'Claris Studio is refused here. The same extended password is used for Claris Server WebDirect and ' +
  'for server script schedules. A user who never set one cannot log in until they do, and the file must ' +
  'give this Claris ID access. Not sure the server is a Claris Server? detectServerFlavor(baseUrl) from ' +
  '@fmauth/core tells which flavor it is and which strategy to use.';

/** Per-code advice of the Claris Server strategy. */
export const CLARIS_SERVER_HINTS = Object.freeze({
  FMAUTH_INVALID_CREDENTIALS: EXTENDED_PASSWORD_ADVICE,
  FMAUTH_ACCOUNT_UNAVAILABLE:
    "On Claris Server this means the file's Claris ID account access entry is inactive, or the Claris ID is disabled: ask the file's administrator (Manage Security in Claris Pro), or check the Claris ID in Claris Studio.",
  FMAUTH_INSUFFICIENT_PRIVILEGES:
    "On Claris Server the Claris ID's privilege set needs the Claris Data API (fmrest) extended privilege.",
});
