import { randomUUID } from 'node:crypto';
import { jsonResponse, type MockResponse } from '../core/mock-http.js';
import type { FileMakerCloudOptions } from '../fixture/sections/cloud.js';
import {
  AMZ_JSON,
  COGNITO_MESSAGES,
  CognitoError,
  cognitoErrorResponse,
} from '../services/cognito/cognito-errors.js';
import { badGatewayPage, FM, fmResponse } from '../services/data-api/fm-messages.js';
import { rejectedFmidResponse } from '../services/filemaker-cloud/fmid-rejection.js';
import type { FaultKind } from './fault-schema.js';

/** Kinds whose answer is a fixed response (the others act on the connection or the real answer). */
export type ResponseFaultKind = Exclude<FaultKind, 'reset' | 'delay' | 'hang' | 'truncated-json'>;

/** The answer of a response fault, shaped as the real server (or the proxy in front of it) sends it. */
export function faultResponse(kind: ResponseFaultKind, service: string, status?: number): MockResponse {
  switch (kind) {
    case 'server-error':
      return service === 'cognito' ? cognitoInternalError(status ?? 500) : serverError(status ?? 500);
    case 'bad-gateway':
      return badGatewayPage();
    case 'html-401':
      // FileMaker Cloud's page for an expired or unknown Claris ID token.
      return rejectedFmidResponse({ rejectedFmidResponse: 'html' } as FileMakerCloudOptions);
    case 'filemaker-952':
      return fmResponse(401, FM.invalidToken);
    case 'filemaker-956':
      return fmResponse(500, FM.maxSessions);
    case 'filemaker-812':
      return fmResponse(500, FM.hostCapacity);
    case 'cognito-throttle':
      return cognitoErrorResponse(
        new CognitoError('TooManyRequestsException', COGNITO_MESSAGES.rateExceeded),
      );
  }
}

/** A 5xx with the Data API envelope: 951 "An unexpected error occurred". */
function serverError(status: number): MockResponse {
  return jsonResponse(status, {
    messages: [{ code: FM.unexpected[0], message: FM.unexpected[1] }],
    response: {},
  });
}

/** Cognito's own 500: `InternalErrorException`, shaped like its other errors. */
function cognitoInternalError(status: number): MockResponse {
  const message = 'An internal error occurred.';
  return {
    status,
    headers: {
      'content-type': AMZ_JSON,
      'x-amzn-requestid': randomUUID(),
      'x-amzn-errortype': 'InternalErrorException:',
      'x-amzn-errormessage': message,
    },
    body: JSON.stringify({ __type: 'InternalErrorException', message }),
  };
}

/** The real answer with its body cut in half (at least one byte missing), still a complete HTTP message. */
export function truncate(response: MockResponse): MockResponse {
  const body = Buffer.from(response.body ?? '');
  const cut = body.length > 1 ? body.subarray(0, Math.floor(body.length / 2)) : Buffer.from('{"messages":[');
  return { ...response, body: cut };
}
