import { inspect } from 'node:util';
import { driveBrowserLeg, type TestUser } from '@fmauth/contract-kit';
import { type MockServer, mockControl, startMockServer } from '@fmauth/mock';
import { type FileMakerOAuth, type FileMakerOAuthOptions, fileMakerOAuth } from '../src/index.js';

export const ALICE: TestUser = { username: 'alice@acme.example', password: 'Alice-pass-1' };
export const BOB: TestUser = { username: 'bob@acme.example', password: 'Bob-pass-1' };
export const EVE: TestUser = { username: 'eve@acme.example', password: 'Eve-pass-1' };
export const STATE_KEY = 'test-state-key-0123456789abcdef-0123456789';
// Nothing listens here: over plain HTTP the browser leg stops at the redirect to it.
export const RETURN_URL = 'http://127.0.0.1:9/oauth/return';

/** A mock for one test file, with its control API and the server's base URL. */
export async function useMock() {
  const server: MockServer = await startMockServer();
  const endpoints = server.readiness.endpoints as Record<string, string>;
  return {
    server,
    baseUrl: endpoints.filemakerServer as string,
    endpoints,
    control: mockControl(endpoints.control as string),
  };
}

export function flow(overrides: Partial<FileMakerOAuthOptions> = {}): FileMakerOAuth {
  return fileMakerOAuth({ stateKey: STATE_KEY, returnUrls: [RETURN_URL], ...overrides });
}

/** begin() and the browser leg for `user`: the state and the URL the browser came back to. */
export async function signIn(
  oauth: FileMakerOAuth,
  baseUrl: string,
  user: TestUser,
  decision: 'approve' | 'deny' = 'approve',
  provider = 'Acme',
) {
  const begun = await oauth.begin({ baseUrl, provider });
  const leg = await driveBrowserLeg({
    authorizationUrl: begun.authorizationUrl,
    returnUrl: RETURN_URL,
    user,
    decision,
  });
  return { ...begun, returnedUrl: leg.returnedUrl };
}

/** Every way a value can reach a log. */
export function renderings(value: unknown): string {
  let json = '';
  try {
    json = JSON.stringify(value) ?? '';
  } catch {}
  const extra =
    value instanceof Error ? `${value.message}\n${value.stack}\n${inspect(value.cause, { depth: 6 })}` : '';
  return `${inspect(value, { depth: 8, showHidden: true })}\n${String(value)}\n${json}\n${extra}`;
}
