import type { Fixture, MockOptionsState } from '../fixture/fixture-schema.js';
import type { ClarisIdDirectory } from '../shared/claris-id-directory.js';
import type { MockClock } from './mock-clock.js';
import type { MockService } from './mock-service.js';

/** What every service factory gets: the fixture, the shared clock, live options, shared Claris IDs. */
export interface ServiceContext {
  readonly fixture: Fixture;
  readonly clock: MockClock;
  /** The live options (the control API may change them at any time, so read them per request). */
  readonly options: () => MockOptionsState;
  readonly clarisIds: ClarisIdDirectory;
}

/**
 * Builds one or more services of the mock. Ours are listed in `services/default-services.ts`; a third
 * party passes its own to `createMock({ services })` (or `startMockServer` / `createMockHandlers`).
 */
export type ServiceFactory = (ctx: ServiceContext) => MockService | readonly MockService[];
