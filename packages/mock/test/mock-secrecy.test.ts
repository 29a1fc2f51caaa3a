import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createMock, startMockServer } from '../src/index.js';

describe('dumps of the mock show no fixture passwords', () => {
  it('util.inspect of a running server and of the mock core', async () => {
    const server = await startMockServer();
    try {
      for (const text of [inspect(server, { depth: 10 }), inspect(createMock(), { depth: 10 })]) {
        expect(text).not.toContain('admin-pass');
        expect(text).not.toContain('ClarisID-pass-1');
      }
      expect(inspect(server)).toContain(server.url);
      expect(server.mock.fixture.databases[0]?.accounts[0]?.password).toBe('admin-pass');
    } finally {
      await server.close();
    }
  });
});
