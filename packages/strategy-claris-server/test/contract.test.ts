import { describeStrategyContract } from '@fmauth/contract-kit';
import { clarisServer } from '../src/index.js';

describeStrategyContract({
  name: '@fmauth/strategy-claris-server',
  server: 'clarisServer',
  validStrategy: () => clarisServer({ clarisId: 'dev@example.com', extendedPassword: 'Extended-pass-1' }),
  rejectedStrategies: {
    'the plain Claris ID password': () =>
      clarisServer({ clarisId: 'dev@example.com', extendedPassword: 'ClarisID-pass-1' }),
    'a user without an extended password': () =>
      clarisServer({ clarisId: 'new@example.com', extendedPassword: 'ClarisID-pass-2' }),
    'a wrong extended password': () =>
      clarisServer({ clarisId: 'dev@example.com', extendedPassword: 'Wrong-extended-9' }),
    'an unknown Claris ID': () =>
      clarisServer({ clarisId: 'nobody@example.com', extendedPassword: 'Extended-pass-1' }),
  },
  secrets: [
    'Extended-pass-1',
    'ClarisID-pass-1',
    'ClarisID-pass-2',
    'Wrong-extended-9',
    // base64("dev@example.com:Extended-pass-1"), the Basic header value
    Buffer.from('dev@example.com:Extended-pass-1').toString('base64'),
  ],
});
