import type { ControlRoute } from '../../core/control-route.js';
import { jsonResponse, type MockResponse } from '../../core/mock-http.js';
import type { ClarisIdDirectory } from '../../shared/claris-id-directory.js';
import { MAX_EXTENDED_PASSWORD_LENGTH } from './extended-password-policy.js';

const PATH = '/claris-id/extended-password';

/**
 * The CI shortcut for Claris Studio's Account > Extended Account page: set, clear or list extended
 * account passwords over the control API. Skips the page's password rules on purpose, so CI can
 * set up any case. Answers never contain a password.
 */
export function extendedPasswordControlRoutes(
  directory: ClarisIdDirectory,
  count: { set(): void; cleared(): void },
): readonly ControlRoute[] {
  return [
    {
      method: 'GET',
      path: PATH,
      description: 'Claris ID users and whether each has a Claris Server extended password (no secrets)',
      handle: () =>
        jsonResponse(200, {
          users: directory
            .all()
            .map((user) => ({ email: user.email, hasExtendedPassword: user.extendedPassword !== undefined })),
        }),
    },
    {
      method: 'POST',
      path: PATH,
      description:
        'set a Claris ID user\'s extended password, as Claris Studio does: {"email": "…", "extendedPassword": "…"}',
      handle: (body) => {
        const input = asRecord(body);
        const email = input?.email;
        const extendedPassword = input?.extendedPassword;
        if (
          typeof email !== 'string' ||
          typeof extendedPassword !== 'string' ||
          extendedPassword.length === 0 ||
          extendedPassword.length > MAX_EXTENDED_PASSWORD_LENGTH
        ) {
          return badRequest(
            `send {"email": "<Claris ID>", "extendedPassword": "<1 to ${MAX_EXTENDED_PASSWORD_LENGTH} characters>"}`,
          );
        }
        const user = directory.update(email, { extendedPassword });
        if (!user) return unknownUser(email);
        count.set();
        return jsonResponse(200, { email: user.email, hasExtendedPassword: true });
      },
    },
    {
      method: 'DELETE',
      path: PATH,
      description: 'clear a Claris ID user\'s extended password: {"email": "…"}',
      handle: (body) => {
        const email = asRecord(body)?.email;
        if (typeof email !== 'string') return badRequest('send {"email": "<Claris ID>"}');
        const user = directory.update(email, { extendedPassword: undefined });
        if (!user) return unknownUser(email);
        count.cleared();
        return jsonResponse(200, { email: user.email, hasExtendedPassword: false });
      },
    },
  ];
}

function asRecord(body: unknown): Record<string, unknown> | undefined {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : undefined;
}

function badRequest(error: string): MockResponse {
  return jsonResponse(400, { error });
}

function unknownUser(email: string): MockResponse {
  return jsonResponse(404, { error: `no Claris ID user "${email}" in the fixture` });
}
