import { describeStrategyContract } from '@fmauth/contract-kit';
import { fileMakerServer } from '../src/index.js';

describeStrategyContract({
  name: '@fmauth/strategy-filemaker-server',
  server: 'filemakerServer',
  validStrategy: () => fileMakerServer({ username: 'admin', password: 'admin-pass' }),
  rejectedStrategies: {
    'a wrong password': () => fileMakerServer({ username: 'admin', password: 'wrong-pass' }),
    'an unknown account': () => fileMakerServer({ username: 'nobody', password: 'nobody-pass' }),
    'an account without the fmrest privilege': () =>
      fileMakerServer({ username: 'no-api', password: 'no-api-pass' }),
  },
  secrets: ['admin-pass', 'wrong-pass', 'nobody-pass', 'no-api-pass', 'YWRtaW46YWRtaW4tcGFzcw=='],
});
