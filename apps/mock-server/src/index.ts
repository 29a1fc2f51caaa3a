// Public API of @fmauth/mock-server. The CLI (`fmauth-mock`), its --json readiness line, the control
// API and the default fixture are public interfaces too: change them only on purpose.

export {
  CONNECTION_DEFAULTS,
  type ConnectionLimits,
  type MockReadiness,
  type MockServer,
  type StartMockServerOptions,
  startMockServer,
} from './adapters/node-server.js';
export { type MockControl, mockControl } from './control-client.js';
export type { ControlRoute } from './core/control-route.js';
export { CONTROL_PREFIX, type CreateMockOptions, createMock, type Mock } from './core/create-mock.js';
export type { Flavor } from './core/flavor.js';
export { MockClock } from './core/mock-clock.js';
export type { MockRequest, MockResponse, TransportFault } from './core/mock-http.js';
export { type MockFaultsClient, mockFaults } from './faults/fault-client.js';
export {
  FAULT_KINDS,
  type Fault,
  type FaultInput,
  FaultInputError,
  type FaultKind,
  MAX_FAULT_DELAY_MS,
} from './faults/fault-schema.js';
export type { MockFaults } from './faults/mock-faults.js';
export { DEFAULT_FIXTURE } from './fixture/default-fixture.js';
export { type Fixture, type FixtureInput, fixtureSchema } from './fixture/fixture-schema.js';
export { FixtureError, loadFixtureFile, parseFixture } from './fixture/load-fixture.js';
