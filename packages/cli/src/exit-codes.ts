/**
 * What `fmauth` exits with. Scripts branch on these, so they never change meaning.
 * - `ok` (0): every check passed / the token was printed / the session ended.
 * - `failed` (1): the server answered but a check failed or the login was refused.
 * - `usage` (2): bad or missing input: an unknown flag, a bad URL, no password and no terminal to ask.
 * - `unreachable` (3): the server could not be reached: DNS, refused port, TLS, timeout.
 * - `interrupted` (130): Ctrl-C (at a prompt or while a check runs), as shells report SIGINT.
 */
export const EXIT_CODES = Object.freeze({
  ok: 0,
  failed: 1,
  usage: 2,
  unreachable: 3,
  interrupted: 130,
} as const);

/** One of {@link EXIT_CODES}. */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
