import type { ClarisServerOptions } from '../../fixture/sections/claris-server.js';

/**
 * productInfo as the Claris Server flavor reports it, read from the live options on every request so
 * `PATCH /__control/options` can switch it. [guess] The engine name follows
 * `Get(ApplicationVersion)` ("Claris Data API Engine") and the version follows
 * `Get(HostApplicationVersion)` ("Server 40.0.2"); no recorded productInfo answer exists.
 */
export function clarisServerProductInfo(options: () => ClarisServerOptions): {
  readonly name: string;
  readonly version: string;
  readonly buildDate: string;
} {
  return {
    get name() {
      return options().productName;
    },
    get version() {
      return options().productVersion;
    },
    get buildDate() {
      return options().productBuildDate;
    },
  };
}
