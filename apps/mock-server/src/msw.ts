// Subpath `@fmauth/mock-server/msw`: loads msw only for the apps that want in-process handlers.
export { createMockHandlers, type MockHandlers, type MockHandlersOptions } from './adapters/msw-handlers.js';
export type { Fault, FaultInput, FaultKind } from './faults/fault-schema.js';
export type { MockFaults } from './faults/mock-faults.js';
