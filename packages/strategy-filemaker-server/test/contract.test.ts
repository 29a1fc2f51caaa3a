import { describeStrategyContract } from '@fmauth/contract-kit';
import { describe, expect, it } from 'vitest';
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

describe('advice on a refused login', () => {
  it('names the account checks and points at the other strategies', async () => {
    const { startMockServer } = await import('@fmauth/mock');
    const { createDataApiSession, InvalidCredentialsError } = await import('@fmauth/core');
    const server = await startMockServer();
    const session = createDataApiSession({
      baseUrl: server.url,
      database: 'Contacts',
      strategy: fileMakerServer({ username: 'admin', password: 'wrong-pass' }),
    });
    try {
      const error = await session.login().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidCredentialsError);
      const message = (error as Error).message;
      expect(message).toMatch(/HTTP 401, FileMaker 212/);
      expect(message).toMatch(/fmrest extended privilege/);
      expect(message).toMatch(/@fmauth\/strategy-filemaker-cloud/);
      expect(message).toMatch(/@fmauth\/strategy-claris-server/);
      expect(message).not.toContain('wrong-pass');
    } finally {
      await session.close();
      await server.close();
    }
  });
});
