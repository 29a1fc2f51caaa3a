import type { Fixture, MockOptionsState } from '../fixture/fixture-schema.js';
import type { ClarisIdDirectory } from '../shared/claris-id-directory.js';
import type { Flavor } from './flavor.js';
import type { MockClock } from './mock-clock.js';

/** What every flavor factory gets: the fixture, the shared clock, live options, shared Claris IDs. */
export interface FlavorContext {
  readonly fixture: Fixture;
  readonly clock: MockClock;
  /** The live options (the control API may change them at any time, so read them per request). */
  readonly options: () => MockOptionsState;
  readonly clarisIds: ClarisIdDirectory;
}

/** Builds one or more flavors of the mock. Register new ones in `flavors/registry.ts`. */
export type FlavorFactory = (ctx: FlavorContext) => Flavor | readonly Flavor[];
