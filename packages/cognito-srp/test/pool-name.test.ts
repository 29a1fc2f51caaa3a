import { describe, expect, it } from 'vitest';
import { poolNameOf } from '../src/index.js';

describe('poolNameOf', () => {
  it.each([
    ['us-east-1_AbC123', 'AbC123'],
    ['eu-west-1_myPool', 'myPool'],
    ['us-east-1_TestPool1', 'TestPool1'],
    // identity-js / pycognito / Go all use split('_')[1]
    ['local_pool_X1', 'pool'],
  ])('%s → %s', (id, name) => {
    expect(poolNameOf(id)).toBe(name);
  });

  it.each([
    '',
    'us-east-1',
    'us-east-1_',
    '_abc',
    'us-east-1_ab-c',
    'us east_1',
    `us-east-1_${'a'.repeat(50)}`,
  ])('rejects %j with ERR_INVALID_ARG_VALUE', (id) => {
    let caught: unknown;
    try {
      poolNameOf(id);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TypeError);
    expect(caught).toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' });
  });
});
