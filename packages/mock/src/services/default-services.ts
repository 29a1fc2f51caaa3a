import type { ServiceFactory } from '../core/service-context.js';
import { createClarisServerService } from './claris-server/claris-server-service.js';
import { ClarisStudioService } from './claris-studio/claris-studio-service.js';
import { createCloudServices } from './filemaker-cloud/create-cloud-services.js';
import { createFileMakerServerService } from './filemaker-server/filemaker-server-service.js';
import { oauthIdpFor } from './oauth/oauth-simulation.js';

/**
 * Every service the mock simulates by default, in mounting order. Each factory adds one or more
 * services; the control API is added by the mock itself. Prefixes must be unique; the longest matching prefix wins.
 */
export const DEFAULT_SERVICES: readonly ServiceFactory[] = [
  createFileMakerServerService,
  createCloudServices,
  createClarisServerService,
  (ctx) => new ClarisStudioService(ctx),
  // The identity provider FileMaker Server's OAuth sign-in sends browsers to (docs/oauth.md).
  oauthIdpFor,
];
