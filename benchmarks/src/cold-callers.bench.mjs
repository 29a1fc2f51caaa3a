// (b) Single-flight under load: 1000 concurrent callers on a cold session, and again right after the
// server ended the session, counting the logins the mock saw. Goal: exactly 1 each time.
import { createDataApiSession } from '@fmauth/core';
import { mockControl } from '@fmauth/mock';
import { fileMakerServer } from '@fmauth/strategy-filemaker-server';
import { mockCli, startChild } from '../lib/child-server.mjs';

const CALLERS = 1000;
const TRIALS = 5;

export default async function run() {
  const mock = await startChild(mockCli(), ['--json', '--quiet']);
  const control = mockControl(mock.ready.endpoints.control);
  const cold = [];
  const expired = [];
  try {
    for (let trial = 0; trial < TRIALS; trial++) {
      await control.reset();
      const session = createDataApiSession({
        baseUrl: mock.ready.endpoints.filemakerServer,
        database: 'Contacts',
        strategy: fileMakerServer({ username: 'admin', password: 'admin-pass' }),
      });
      await Promise.all(Array.from({ length: CALLERS }, () => session.layouts()));
      cold.push((await control.stats()).filemakerServer.successfulLogins);
      await control.expireSessions();
      await Promise.all(Array.from({ length: CALLERS }, () => session.layouts()));
      expired.push((await control.stats()).filemakerServer.successfulLogins - cold.at(-1));
      await session.close();
    }
  } finally {
    await mock.stop();
  }
  const ok = [...cold, ...expired].every((n) => n === 1);
  console.log(
    `(b) ${CALLERS} concurrent callers → logins\n  cold session: ${cold.join(', ')}   after server-side expiry: ${expired.join(', ')}  goal 1: ${ok ? 'met' : 'NOT met'}`,
  );
  return { cold, expired };
}
