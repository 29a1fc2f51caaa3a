// What a third party writes to prove its strategy: the contract kit mounts its simulated identity
// provider beside the FileMaker Server flavor, and hands the strategy factories its URL. The README
// quotes the lines between the markers (readme-in-step.test.ts keeps them identical).
// readme:start
import { describeStrategyContract } from '../../src/index.js';
import { acmeIdp } from './acme-idp-service.js';
import { acmeIdpStrategy } from './acme-idp-strategy.js';

const clients = {
  'reports-app': {
    secret: 'reports-client-secret',
    fileMakerAccount: { username: 'admin', password: 'admin-pass' },
  },
  // Acme still holds a password that FileMaker Server no longer accepts.
  'stale-app': {
    secret: 'stale-client-secret',
    fileMakerAccount: { username: 'admin', password: 'rotated-away' },
  },
};

describeStrategyContract({
  name: 'acme-idp (third-party strategy with its own simulated IdP)',
  server: 'filemakerServer',
  services: [acmeIdp({ clients })],
  validStrategy: (env) =>
    acmeIdpStrategy({
      issuer: env.services.acmeIdp as string,
      clientId: 'reports-app',
      clientSecret: 'reports-client-secret',
    }),
  rejectedStrategies: {
    'an Acme client whose FileMaker password is stale': (env) =>
      acmeIdpStrategy({
        issuer: env.services.acmeIdp as string,
        clientId: 'stale-app',
        clientSecret: 'stale-client-secret',
      }),
  },
  secrets: ['reports-client-secret', 'stale-client-secret', 'admin-pass', 'rotated-away'],
});
// readme:end
