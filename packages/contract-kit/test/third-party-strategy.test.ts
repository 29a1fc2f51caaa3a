import { describeStrategyContract } from '../src/index.js';
import { vaultStrategy } from './vault-strategy.js';

// A third party's strategy (the README example) runs the whole contract against the mock.
const vault = (password: string) =>
  vaultStrategy({ secretPath: 'fm/api', readSecret: async () => ({ username: 'admin', password }) });

describeStrategyContract({
  name: 'vault (README example)',
  server: 'filemakerServer',
  validStrategy: () => vault('admin-pass'),
  rejectedStrategies: { 'a wrong password from the vault': () => vault('rotated-away') },
  secrets: ['admin-pass', 'rotated-away'],
});
