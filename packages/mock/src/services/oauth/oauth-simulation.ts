import type { ServiceContext } from '../../core/service-context.js';
import { OAuthIdpService } from './oauth-idp-service.js';

// One IdP per mock: the FileMaker Server flavor redeems codes at the same instance that is mounted.
const idps = new WeakMap<ServiceContext, OAuthIdpService>();

/** The simulated identity provider of the mock built with `ctx` (made on first use). */
export function oauthIdpFor(ctx: ServiceContext): OAuthIdpService {
  let idp = idps.get(ctx);
  if (!idp) {
    idp = new OAuthIdpService(ctx);
    idps.set(ctx, idp);
  }
  return idp;
}
