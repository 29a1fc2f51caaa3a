import { htmlResponse, jsonResponse, type MockResponse } from '../../core/mock-http.js';

/**
 * FileMaker codes and texts as the Data API sends them (see the README's "Fidelity" table for sources;
 * entries marked [guess] there are our best reading where no recorded response exists).
 */
export const FM = {
  ok: ['0', 'OK'],
  loginWithoutAuthorization: ['10', 'HTTP Authorization header or OAuth headers are missing.'],
  callWithoutAuthorization: ['10', 'Request validation failed: Parameter (Authorization) is required'],
  basicInvalid: ['212', "Authorization header 'Basic' invalid."],
  invalidAccount: ['212', 'Invalid user account and/or password; please try again'],
  inactiveAccount: ['210', 'User account is inactive'],
  insufficientPrivileges: ['9', 'Insufficient privileges'],
  invalidToken: ['952', 'Invalid FileMaker Data API token (*)'],
  maxSessions: ['956', 'Maximum number of database sessions exceeded (*)'],
  hostCapacity: ['812', "Exceeded host's capacity"],
  recordMissing: ['101', 'Record is missing'],
  fieldMissing: ['102', 'Field is missing'],
  scriptMissing: ['104', 'Script is missing'],
  layoutMissing: ['105', 'Layout is missing'],
  modIdMismatch: ['306', 'Record modification ID does not match'],
  noRecordsMatch: ['401', 'No records match the request'],
  notUnique: ['504', 'Value in field is not unique as required in validation entry'],
  validValueRequired: ['509', 'Field requires a valid value'],
  fileMissing: ['802', 'Unable to open file'],
  unexpected: ['951', 'An unexpected error occurred (*)'],
  parameterInvalid: ['960', 'Parameter is invalid'],
  /** A `_find` over the mock's limits (criterion length, requests, criteria). [guess] */
  findTooComplex: ['960', 'Parameter is invalid'],
  urlFormat: ['1630', 'URL format is incorrect'],
} as const satisfies Record<string, readonly [string, string]>;

export type FmMessage = readonly [code: string, message: string];

/** `{ messages: [{ code, message }], response }` with the given HTTP status. */
export function fmResponse(
  status: number,
  [code, message]: FmMessage,
  response: unknown = {},
  headers?: Record<string, string>,
): MockResponse {
  return jsonResponse(status, { response, messages: [{ code, message }] }, headers);
}

export function fmOk(response: unknown = {}, headers?: Record<string, string>): MockResponse {
  return fmResponse(200, FM.ok, response, headers);
}

/** FileMaker errors about data (missing layout, no records) come back as HTTP 500. */
export function fmError(message: FmMessage, status = 500): MockResponse {
  return fmResponse(status, message);
}

/** What nginx in front of FileMaker Server answers when the Data API is disabled or down. [guess] */
export function badGatewayPage(): MockResponse {
  return htmlResponse(
    502,
    '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
    { server: 'nginx' },
  );
}
