import { describeStrategyContract } from '@fmauth/contract-kit';
import { resolvedAccount } from '../src/index.js';

describeStrategyContract({
  name: 'acme-resolved-account (from the packed tarballs)',
  server: 'filemakerServer',
  validStrategy: () => resolvedAccount({ username: 'admin', password: () => 'admin-pass' }),
  rejectedStrategies: {
    'a wrong password': () => resolvedAccount({ username: 'admin', password: async () => 'wrong-pass' }),
  },
  secrets: ['admin-pass', 'wrong-pass'],
});
