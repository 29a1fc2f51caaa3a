import { expect } from 'vitest';
import { storeSuite } from './store-harness.js';
import { storeTest } from './store-test.js';

/**
 * Strings a store must return unchanged. The store is opaque: core encodes and decodes, so a store that
 * parses, trims, re-encodes or truncates breaks core, including on values that look corrupted.
 */
const VALUES: Readonly<Record<string, string>> = {
  unicode: 'Zoë 東京 😀 مرحبا e\u0301 \u{1F468}\u200D\u{1F469}\u200D\u{1F467} \u00A0',
  'a JSON object': '{"v":1,"token":"abc","expiresAt":1767225600000,"nested":{"a":[1,2,3]}}',
  'a JSON string literal': '"just a string"',
  'JSON-looking scalars': 'null',
  'NUL, newlines, tabs and CR': 'a\u0000b\nc\r\nd\te\u0000',
  'garbage base64': 'v1.AAAA====!!@@not-base64%%~~',
  'truncated JSON': '{"v":1,"token":"ab',
  'leading and trailing spaces': '  padded value  ',
  'a number-looking string': '007',
  '64 KiB': Array.from({ length: 65_536 }, (_, i) => String.fromCharCode(33 + ((i * 7) % 94))).join(''),
};

/** Values are opaque strings, stored and returned byte for byte. */
export const tokenStoreValuesSuite = storeSuite('values', (h) => {
  for (const [what, value] of Object.entries(VALUES)) {
    storeTest(h, `returns ${what} unchanged`, async () => {
      await expect(h.store.set(h.key(), value, { ttlMs: h.longTtlMs }, h.ctx())).resolves.toBe(true);
      const read = await h.store.get(h.key(), h.ctx());
      // toBe on a 64 KiB string prints it all on failure; compare lengths first for a readable message.
      expect(read?.length).toBe(value.length);
      expect(read === value, 'the value read differs from the value written').toBe(true);
    });
  }

  storeTest(
    h,
    'compareAndDelete compares the whole 64 KiB value, not a prefix or a hash of part of it',
    async () => {
      const value = VALUES['64 KiB']!;
      const lastCharDiffers = `${value.slice(0, -1)}#`;
      await h.store.set(h.key(), value, { ttlMs: h.longTtlMs }, h.ctx());
      await expect(h.store.compareAndDelete(h.key(), lastCharDiffers, h.ctx())).resolves.toBe(false);
      await expect(h.store.compareAndDelete(h.key(), value, h.ctx())).resolves.toBe(true);
    },
  );

  storeTest(
    h,
    'compareAndDelete matches unicode and NUL values exactly, not normalised or stripped',
    async () => {
      const cases = [
        // 'e' + combining acute differs from the precomposed 'é' that NFC normalisation produces.
        { value: VALUES.unicode!, near: VALUES.unicode!.normalize('NFC') },
        {
          value: VALUES['NUL, newlines, tabs and CR']!,
          near: VALUES['NUL, newlines, tabs and CR']!.replaceAll('\u0000', ''),
        },
      ];
      for (const [i, { value, near }] of cases.entries()) {
        expect(near).not.toBe(value);
        await h.store.set(h.key(`v${i}`), value, { ttlMs: h.longTtlMs }, h.ctx());
        await expect(h.store.compareAndDelete(h.key(`v${i}`), near, h.ctx())).resolves.toBe(false);
        await expect(h.store.compareAndDelete(h.key(`v${i}`), value, h.ctx())).resolves.toBe(true);
      }
    },
  );

  storeTest(h, 'keys may hold colons, slashes, dots, @, % and spaces', async () => {
    const key = h.key('https://fms.example.com:443/fmi/data/Contacts db/dev@example.com%2F.v1');
    await h.store.set(key, 'token', { ttlMs: h.longTtlMs }, h.ctx());
    await expect(h.store.get(key, h.ctx())).resolves.toBe('token');
    await expect(h.store.get(h.key('https://fms.example.com:443'), h.ctx())).resolves.toBeUndefined();
  });
});
