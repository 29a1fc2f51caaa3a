// The shared TokenStore contract from @fmauth/contract-kit, against a real redis-server: a fresh store per
// test whose keyPrefix is the test's own namespace, so no two tests share a key.
import { describeTokenStoreContract } from '@fmauth/contract-kit';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type RedisServerHandle, redisSkipReason, startRedisServer } from '../../../scripts/redis-server.mjs';
import { redisTokenStore } from '../src/index.js';

const skip = redisSkipReason();
let redis: RedisServerHandle | undefined;

if (skip === undefined) {
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  describeTokenStoreContract({
    name: '@fmauth/token-store-redis',
    store: ({ namespace }) => {
      if (!redis) throw new Error('redis-server did not start');
      return redisTokenStore({ url: redis.url, keyPrefix: `${namespace}:` });
    },
  });
} else {
  describe('fmauth token store contract: @fmauth/token-store-redis', () => {
    it.skip(`skipped: ${skip}`, () => {});
  });
}
