import { jsonResponse, type MockResponse } from '../../core/mock-http.js';

/**
 * Admin API codes and texts. The Admin API's envelope names the text `text`, not `message`
 * (`{"response":{…},"messages":[{"code":"0","text":"OK"}]}`).
 */
export const ADMIN = {
  ok: ['0', 'OK'],
  /** [guess] No recorded answer to a wrong admin password; 212 is our reading (1703 is the other candidate). */
  invalidLogin: ['212', 'Invalid user account and/or password; please try again'],
  /** Bad or expired bearer token: fmPDA treats 9 (or 1703) as "log in again". [guess: which of the two] */
  accessDenied: ['9', 'Access denied'],
  missingAuthorization: [
    '1702',
    "Authentication information wasn't provided in the correct format; verify the value of the Authorization header",
  ],
  maxSessions: ['956', 'Maximum number of Admin API sessions exceeded'],
  notFound: ['1700', "Resource doesn't exist"],
  invalidParameter: ['1708', 'Parameter value is invalid'],
} as const satisfies Record<string, readonly [string, string]>;

export type AdminMessage = readonly [code: string, text: string];

export function adminResponse(
  status: number,
  [code, text]: AdminMessage,
  response: unknown = {},
): MockResponse {
  return jsonResponse(status, { response, messages: [{ code, text }] });
}

export function adminOk(response: unknown = {}): MockResponse {
  return adminResponse(200, ADMIN.ok, response);
}
