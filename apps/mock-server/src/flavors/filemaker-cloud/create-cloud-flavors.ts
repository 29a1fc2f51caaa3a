import type { Flavor } from '../../core/flavor.js';
import type { FlavorContext } from '../../core/flavor-context.js';
import { ClarisIdDiscoveryFlavor } from '../cognito/claris-id-discovery-flavor.js';
import { CognitoFlavor } from '../cognito/cognito-flavor.js';
import { FileMakerCloudFlavor } from './filemaker-cloud-flavor.js';

/**
 * The FileMaker Cloud side of the mock: the Cognito pool (Claris ID), Claris's pool discovery JSON
 * and FileMaker Cloud itself, which accepts the pool's ID tokens as FMID.
 */
export function createCloudFlavors(ctx: FlavorContext): Flavor[] {
  const cognitoOptions = () => ctx.options().cognito;
  const cognito = new CognitoFlavor(ctx.clock, cognitoOptions, ctx.clarisIds);
  const discovery = new ClarisIdDiscoveryFlavor(cognitoOptions);
  const filemakerCloud = new FileMakerCloudFlavor({
    fixture: ctx.fixture,
    clock: ctx.clock,
    dataApiOptions: () => ctx.options().dataApi,
    options: () => ctx.options().filemakerCloud,
    users: ctx.clarisIds,
    verifier: cognito,
  });
  return [cognito, discovery, filemakerCloud];
}
