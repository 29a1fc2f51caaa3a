import { describeStrategyContract } from '@fmauth/contract-kit';
import { DEFAULT_FIXTURE, type FixtureInput } from '@fmauth/mock';
import { fileMakerCloud } from '../src/index.js';
import { DEV, NEW_USER, type PoolReadiness } from './support/cloud-mock.js';

// FileMaker Cloud itself (not Cognito) must refuse the rejected strategies: a Claris ID that signs in
// to Cognito fine but is not a user of the hosted file. Wrong Claris ID passwords never reach
// FileMaker Cloud (Cognito refuses them); test/sign-in.test.ts covers those.
const fixture: FixtureInput = {
  ...DEFAULT_FIXTURE,
  databases: DEFAULT_FIXTURE.databases.map((db) =>
    db.name === 'Contacts' ? { ...db, clarisIdAccess: [DEV.clarisId] } : db,
  ),
};

describeStrategyContract({
  name: '@fmauth/strategy-filemaker-cloud',
  server: 'filemakerCloud',
  fixture,
  validStrategy: (env) =>
    fileMakerCloud({
      ...DEV,
      pool: env.readiness.cognito as PoolReadiness,
      cognito: { endpoint: env.endpoints.cognito, maxAttempts: 1 },
    }),
  rejectedStrategies: {
    'a Claris ID that is not a user of the file': (env) =>
      fileMakerCloud({
        ...NEW_USER,
        pool: env.readiness.cognito as PoolReadiness,
        cognito: { endpoint: env.endpoints.cognito, maxAttempts: 1 },
      }),
  },
  secrets: [DEV.password, NEW_USER.password],
});
