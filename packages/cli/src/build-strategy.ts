import type { AuthStrategy, ServerFlavor } from '@fmauth/core';
import type { MfaCallbacks } from '@fmauth/strategy-filemaker-cloud';
import { CliError } from './cli-error.js';
import { runSecrets } from './explain-failure.js';
import { readSecret } from './read-secret.js';

/** Environment variable with the password (FileMaker account, Claris ID, or Claris Server extended password). */
export const PASSWORD_ENV = 'FMAUTH_PASSWORD';
/** Environment variable with a TOTP secret (base32) that answers FileMaker Cloud MFA codes. */
export const TOTP_SECRET_ENV = 'FMAUTH_TOTP_SECRET';

/** What it takes to log in to one server. */
export interface AccountSpec {
  readonly flavor: ServerFlavor;
  readonly user: string;
  readonly cognitoEndpoint: string | undefined;
  readonly cognitoTimeoutMs: number;
  /** `--proxy`: FileMaker Cloud's Cognito calls go through it too, not only the server's. */
  readonly proxy?: string | undefined;
}

/**
 * True when a login may stop for an MFA prompt (FileMaker Cloud, a terminal, no TOTP secret). Such a
 * step runs without a spinner: a spinner stopped and started around a prompt was seen to erase the
 * line of the prompt answered before it.
 */
export function loginMayPrompt(flavor: ServerFlavor, env: NodeJS.ProcessEnv): boolean {
  return flavor === 'filemaker-cloud' && !env[TOTP_SECRET_ENV] && process.stdin.isTTY === true;
}

/** A login that waits for a person to type an MFA code may take minutes (Cognito allows 3). */
export const PROMPTED_LOGIN_TIMEOUT_MS = 4 * 60_000;

/** The transport options of a login: with room for typing an MFA code when one may be asked for. */
export function loginTransport<T extends { readonly timeouts?: object }>(
  transport: T,
  mayPrompt: boolean,
): T {
  if (!mayPrompt) return transport;
  return { ...transport, timeouts: { ...transport.timeouts, loginMs: PROMPTED_LOGIN_TIMEOUT_MS } };
}

/** Words for the password each flavor wants, used in the prompt and in messages. */
export function passwordKind(flavor: ServerFlavor): string {
  if (flavor === 'filemaker-cloud') return 'Claris ID password';
  if (flavor === 'claris-server') return 'extended account password';
  return 'password';
}

/**
 * The strategy for the flavor, with the password read from `FMAUTH_PASSWORD` or a prompt. The user
 * names the account; the flavor (detected or `--flavor`) decides how it logs in, which is exactly the
 * choice people get wrong. A FileMaker account name on FileMaker Cloud fails here, in the strategy's
 * own words.
 */
export async function buildStrategy(spec: AccountSpec, env: NodeJS.ProcessEnv): Promise<AuthStrategy> {
  const kind = passwordKind(spec.flavor);
  const secret = await readSecret(
    { envName: PASSWORD_ENV, question: `${capitalize(kind)} for ${spec.user}:`, what: kind },
    env,
  );
  runSecrets.add(secret);
  try {
    // Only the flavor's own strategy is loaded.
    if (spec.flavor === 'filemaker-server') {
      const { fileMakerServer } = await import('@fmauth/strategy-filemaker-server');
      return fileMakerServer({ username: spec.user, password: secret });
    }
    if (spec.flavor === 'claris-server') {
      const { clarisServer } = await import('@fmauth/strategy-claris-server');
      return clarisServer({ clarisId: spec.user, extendedPassword: secret });
    }
    const { fileMakerCloud } = await import('@fmauth/strategy-filemaker-cloud');
    return fileMakerCloud({
      clarisId: spec.user,
      password: secret,
      mfa: await mfaCallbacks(spec.user, env),
      cognito: {
        timeoutMs: spec.cognitoTimeoutMs,
        ...(spec.proxy ? { proxy: spec.proxy } : {}),
        ...(spec.cognitoEndpoint ? { endpoint: spec.cognitoEndpoint } : {}),
      },
    });
  } catch (error) {
    // The strategies check their options synchronously (TypeError); that text names no secret.
    throw new CliError(
      `--user ${spec.user} cannot log in to a ${spec.flavor} server: ${(error as Error).message}`,
    );
  }
}

/**
 * A TOTP code from `FMAUTH_TOTP_SECRET`, else one typed at a prompt. Without either (no terminal),
 * no callback: the sign-in then fails with the library's ChallengeRequiredError, which says so.
 */
async function mfaCallbacks(user: string, env: NodeJS.ProcessEnv): Promise<MfaCallbacks> {
  const totpSecret = env[TOTP_SECRET_ENV];
  if (totpSecret) {
    const { TOTP } = await import('otpauth');
    let generator: InstanceType<typeof TOTP>;
    try {
      generator = new TOTP({ secret: totpSecret.replace(/\s+/g, '') });
    } catch {
      throw new CliError(`${TOTP_SECRET_ENV} is not a base32 TOTP secret`);
    }
    return { totp: () => generator.generate() };
  }
  if (process.stdin.isTTY !== true) return {};
  const ask = async (what: string, signal: AbortSignal) => {
    const code = await readSecret(
      { envName: TOTP_SECRET_ENV, question: `${what} for ${user}:`, what: 'MFA code' },
      {},
      signal,
    );
    runSecrets.add(code);
    return code.trim();
  };
  return {
    totp: (challenge) => ask('Authenticator app code', challenge.signal),
    sms: (challenge) => ask(`Code sent to ${challenge.destination ?? 'your phone'}`, challenge.signal),
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
