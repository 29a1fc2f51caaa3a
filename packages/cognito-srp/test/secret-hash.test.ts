import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { secretHash } from '../src/index.js';

describe('secretHash', () => {
  it('matches the published vector', () => {
    expect(secretHash({ username: 'test', clientId: '123abd', clientSecret: 'clientSecret' })).toBe(
      'LoIX/oPJWZzFYv8liJYRo+CHv16FNDY10JlZEDjL3Vg=',
    );
  });

  it('hashes username + clientId under the secret, as UTF-8', () => {
    const expected = createHmac('sha256', 'sécret').update('jöhn7abc').digest('base64');
    expect(secretHash({ username: 'jöhn', clientId: '7abc', clientSecret: 'sécret' })).toBe(expected);
  });
});
