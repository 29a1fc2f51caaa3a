import { memoryTokenStore } from '@fmauth/core';
import { describeTokenStoreContract } from '../src/index.js';

// core's in-process store is the reference implementation: it passes every store test, locks included.
describeTokenStoreContract({ name: 'memoryTokenStore (@fmauth/core)', store: () => memoryTokenStore() });
