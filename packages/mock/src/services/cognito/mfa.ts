import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { secretsEqual } from '../../shared/constant-time.js';

const SIX_DIGITS = /^\d{6}$/;

const TOTP_PERIOD_MS = 30_000;

/**
 * The RFC 6238 time step (SHA-1, 6 digits, 30 s) whose code of the base32 `secret` is `code`, at
 * `now` (mock clock, ms), one step either side allowed as authenticator apps drift; `undefined` when
 * none matches. otpauth compares in constant time.
 */
export function totpStep(secret: string, code: string, now: number): number | undefined {
  if (!SIX_DIGITS.test(code)) return undefined;
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    timestamp: now,
    window: 1,
  });
  return delta === null ? undefined : Math.floor(now / TOTP_PERIOD_MS) + delta;
}

/** One SMS the pool "sent": tests read it through `GET /__control/cognito/sms-codes`. */
export interface SentSms {
  readonly email: string;
  readonly phone: string;
  readonly code: string;
  /** Mock-clock ms. */
  readonly sentAt: number;
}

const MAX_KEPT = 100;

/** The SMS_MFA codes the mock has "sent", newest last. */
export class SmsOutbox {
  #sent: SentSms[] = [];

  send(email: string, phone: string, now: number): string {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.#sent.push({ email, phone, code, sentAt: now });
    if (this.#sent.length > MAX_KEPT) this.#sent.shift();
    return code;
  }

  list(email?: string): SentSms[] {
    const wanted = email?.toLowerCase();
    return this.#sent.filter((sms) => wanted === undefined || sms.email.toLowerCase() === wanted);
  }

  clear(): void {
    this.#sent = [];
  }
}

export function smsCodeMatches(expected: string, given: string): boolean {
  return SIX_DIGITS.test(given) && secretsEqual(expected, given);
}

/** `+15551234567` → `+*******4567`, as CODE_DELIVERY_DESTINATION shows it. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `+${'*'.repeat(Math.max(digits.length - 4, 0))}${digits.slice(-4)}`;
}
