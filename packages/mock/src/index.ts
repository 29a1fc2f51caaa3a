// Public API of @fmauth/mock, the simulation as a library. `@fmauth/mock-server` (the `fmauth-mock`
// CLI) re-exports all of it under its old name. The readiness line, the control API and the default
// fixture are public interfaces too: change them only on purpose.

export {
  CONNECTION_DEFAULTS,
  type ConnectionLimits,
  type MockReadiness,
  type MockServer,
  type MockTlsInfo,
  type MockTlsOption,
  type StartMockServerOptions,
  startMockServer,
} from './adapters/node-server.js';
export { TlsMaterialError } from './adapters/tls-certificate.js';
export { type MockControl, mockControl } from './control-client.js';
export type { ControlRoute } from './core/control-route.js';
export {
  CONTROL_PREFIX,
  type CreateMockOptions,
  createMock,
  type Mock,
  setInternalErrorReporter,
} from './core/create-mock.js';
export {
  LiveOptions,
  type LiveOptionsPreview,
  type LiveOptionValues,
  type ServiceLiveOptions,
} from './core/live-options.js';
export { MockClock } from './core/mock-clock.js';
export type { MockRequest, MockResponse, TransportFault } from './core/mock-http.js';
export {
  htmlResponse,
  jsonResponse,
  mediaType,
  pathSegments,
  readJsonBody,
} from './core/mock-http.js';
/** @deprecated The old name of {@link MockService}: "flavor" now names a kind of FileMaker server. */
export type { MockService, MockService as Flavor } from './core/mock-service.js';
export {
  exactSegments,
  type Route,
  type RouteAnswer,
  type RouteParams,
  RouteTable,
  type RouteTableOptions,
} from './core/route-table.js';
export type { ServiceContext, ServiceFactory } from './core/service-context.js';
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
export type {
  IdpUserFixture,
  OAuthAccountFixture,
  OAuthFixture,
  OAuthOptions,
  OAuthProviderFixture,
} from './fixture/sections/oauth.js';
export type { ODataOptions } from './fixture/sections/odata.js';
export { DEFAULT_SERVICES } from './services/default-services.js';
