import type { FlavorFactory } from '../core/flavor-context.js';
import { createClarisServerFlavor } from './claris-server/claris-server-flavor.js';
import { ClarisStudioFlavor } from './claris-studio/claris-studio-flavor.js';
import { createCloudFlavors } from './filemaker-cloud/create-cloud-flavors.js';
import { createFileMakerServerFlavor } from './filemaker-server/filemaker-server-flavor.js';

/**
 * Every simulated server of the mock, in mounting order. Each factory adds its flavors; the control
 * API is added by the mock itself. Prefixes must be unique; the longest matching prefix wins.
 */
export const FLAVOR_FACTORIES: readonly FlavorFactory[] = [
  (ctx) => createFileMakerServerFlavor(ctx.fixture, ctx.clock, () => ctx.options().dataApi),
  createCloudFlavors,
  createClarisServerFlavor,
  (ctx) => new ClarisStudioFlavor(ctx),
];
