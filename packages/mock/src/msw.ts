// Subpath `@fmauth/mock/msw`: loads msw only for the apps that want in-process handlers. msw is
// an optional peer dependency (the main entry and the CLI never load it), so this entry checks for it
// first and says how to install it, instead of failing with a bare "Cannot find package 'msw'".
await import('msw').catch((error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  // Only msw itself missing: a broken msw install keeps its own error.
  if (code === 'ERR_MODULE_NOT_FOUND' && /['"]msw['"]/.test(message)) {
    throw new Error(
      "@fmauth/mock/msw needs msw, an optional peer dependency that is not installed: run 'npm install --save-dev msw' (msw 2), or use startMockServer() from '@fmauth/mock', which does not need it.",
      { cause: error },
    );
  }
  throw error;
});

const handlers = await import('./adapters/msw-handlers.js');

/**
 * The mock as msw request handlers, for in-process tests of code that uses `fetch`, `node:http` or
 * the AWS SDK (not the `undici` npm package: use `startMockServer` for that).
 *
 * @example
 * const { handlers, endpoints } = createMockHandlers();
 * const server = setupServer(...handlers);
 */
export const createMockHandlers: typeof handlers.createMockHandlers = handlers.createMockHandlers;
export type {
  MockHandlers,
  MockHandlersOptions,
  RealHostEndpoints,
  RealHostsOptions,
} from './adapters/msw-handlers.js';
export type { Fault, FaultInput, FaultKind } from './faults/fault-schema.js';
export type { MockFaults } from './faults/mock-faults.js';
