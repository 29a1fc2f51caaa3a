import type { MockService } from '../../core/mock-service.js';
import type { ServiceContext } from '../../core/service-context.js';
import { ClarisIdDiscoveryService } from '../cognito/claris-id-discovery-service.js';
import { CognitoService } from '../cognito/cognito-service.js';
import { FileMakerCloudService } from './filemaker-cloud-service.js';

/**
 * The FileMaker Cloud side of the mock: the Cognito pool (Claris ID), Claris's pool discovery JSON
 * and FileMaker Cloud itself, which accepts the pool's ID tokens as FMID.
 */
export function createCloudServices(ctx: ServiceContext): MockService[] {
  const cognitoOptions = () => ctx.options().cognito;
  const cognito = new CognitoService(ctx.clock, cognitoOptions, ctx.clarisIds);
  const discovery = new ClarisIdDiscoveryService(cognitoOptions);
  const filemakerCloud = new FileMakerCloudService({
    fixture: ctx.fixture,
    clock: ctx.clock,
    dataApiOptions: () => ctx.options().dataApi,
    options: () => ctx.options().filemakerCloud,
    odataOptions: () => ctx.options().odata,
    adminApiOptions: () => ctx.options().adminApi,
    users: ctx.clarisIds,
    verifier: cognito,
  });
  return [cognito, discovery, filemakerCloud];
}
