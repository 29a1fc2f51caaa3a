import type { MockRequest } from '../../core/mock-http.js';
import { CognitoError, invalidParameter } from './cognito-errors.js';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** Real Cognito requests are a few KB; anything this large is refused before parsing. */
export const MAX_COGNITO_BODY_BYTES = 64 * 1024;

/** One decoded Cognito API call: the operation from `X-Amz-Target` and its JSON input. */
export interface CognitoCall {
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/**
 * Reads `POST /` with `X-Amz-Target: AWSCognitoIdentityProviderService.<Op>` and a JSON object body
 * (`application/x-amz-json-1.1`; plain `application/json` is tolerated).
 *
 * @throws CognitoError UnknownOperationException (no or foreign target), SerializationException (body
 *   not a JSON object) or InvalidParameterException (too large, wrong content type).
 */
export function readCognitoCall(req: MockRequest): CognitoCall {
  const target = req.headers['x-amz-target']?.trim() ?? '';
  if (req.method !== 'POST' || !target.startsWith(TARGET_PREFIX)) {
    throw new CognitoError(
      'UnknownOperationException',
      'Send POST / with X-Amz-Target: AWSCognitoIdentityProviderService.<Operation>',
    );
  }
  const operation = target.slice(TARGET_PREFIX.length);
  if (req.body.length > MAX_COGNITO_BODY_BYTES) {
    throw invalidParameter(`The request body is larger than ${MAX_COGNITO_BODY_BYTES} bytes`);
  }
  const type = req.headers['content-type']?.split(';', 1)[0]?.trim().toLowerCase();
  if (type !== 'application/x-amz-json-1.1' && type !== 'application/json') {
    throw invalidParameter('Content-Type must be application/x-amz-json-1.1');
  }
  let input: unknown;
  try {
    input = JSON.parse(req.body.toString('utf8') || '{}');
  } catch {
    throw new CognitoError('SerializationException', 'The request body is not valid JSON');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new CognitoError('SerializationException', 'The request body must be a JSON object');
  }
  return { operation, input: input as Record<string, unknown> };
}

/** AWS's wording for a missing member, e.g. `Value null at 'clientId' failed to satisfy constraint`. */
export function requireMember(input: Readonly<Record<string, unknown>>, name: string): string {
  const value = input[name];
  if (value === undefined || value === null) {
    const member = name.charAt(0).toLowerCase() + name.slice(1);
    throw invalidParameter(
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    );
  }
  if (typeof value !== 'string') throw invalidParameter(`${name} must be a string`);
  return value;
}

/**
 * A string-to-string map such as AuthParameters or ChallengeResponses. `null` values are dropped
 * (browsers' identity-js sends `"DEVICE_KEY": null`); anything else that is not a string is refused.
 */
export function readStringMap(value: unknown, name: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalidParameter(`${name} must be a map of strings`);
  // No prototype: a `__proto__` key from the wire stays a plain entry.
  const map: Record<string, string> = Object.create(null);
  for (const [key, entry] of Object.entries(value)) {
    if (entry === null) continue;
    if (typeof entry !== 'string') throw invalidParameter(`${name}.${key} must be a string`);
    map[key] = entry;
  }
  return map;
}

/** A required entry of AuthParameters / ChallengeResponses, with Cognito's message when absent. */
export function requireParameter(map: Readonly<Record<string, string>>, name: string): string {
  const value = map[name];
  if (value === undefined || value === '') throw invalidParameter(`Missing required parameter ${name}`);
  return value;
}
