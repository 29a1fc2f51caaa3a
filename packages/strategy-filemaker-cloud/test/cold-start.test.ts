import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { memoryTokenStore } from '@fmauth/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCognitoRuntime } from '../src/cognito-client.js';
import { authContext, DEV, useCloudMock } from './support/cloud-mock.js';
import { clarisIdKey } from './support/token-stores.js';

const run = promisify(execFile);
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
/** Shared with the cold-start benchmark. */
const RECORDER = fileURLToPath(new URL('../../../scripts/module-recorder.mjs', import.meta.url));
const builtEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url));

/** What the heavy half of the strategy is made of; none of it may load before a sign-in. */
const HEAVY = {
  'the AWS SDK': /[\\/]@aws-sdk[\\/]/,
  "the SDK's smithy runtime": /[\\/]@smithy[\\/]/,
  'the SRP math': /cognito-srp/,
  jose: /[\\/]jose[\\/]/,
} as const;

interface ChildReport {
  readonly id: string;
  readonly scheme: string;
  readonly authorizationSha256: string;
  readonly events: readonly string[];
  readonly afterCreate: readonly string[];
  readonly afterSignIn: readonly string[];
}

// Each test starts a fresh Node process; on a loaded 2-core CI machine that alone can take seconds.
describe('cold start: importing the package and creating a strategy', { timeout: 30_000 }, () => {
  const mock = useCloudMock();
  beforeAll(async () => {
    // The child imports the built package, as an app would; `pnpm test` builds it first.
    if (!existsSync(builtEntry)) {
      throw new Error(
        `${builtEntry} is missing: run "pnpm --filter @fmauth/strategy-filemaker-cloud build".`,
      );
    }
  });

  /** Runs the child against the mock; `stored` pre-fills its token store with another process's entry. */
  async function runChild(stored?: { key: string; value: string }): Promise<ChildReport> {
    const { stdout } = await run(process.execPath, ['--import', RECORDER, fixture('cold-start-child.mjs')], {
      env: {
        ...process.env,
        FMAUTH_TEST_COGNITO: mock.endpoints.cognito,
        FMAUTH_TEST_POOL: JSON.stringify(mock.pool),
        ...(stored ? { FMAUTH_TEST_STORED: JSON.stringify(stored) } : {}),
      },
      timeout: 30_000,
    });
    return JSON.parse(stdout) as ChildReport;
  }

  it('loads no AWS SDK, smithy, SRP or jose module until the first sign-in, and all of them then', async () => {
    const report = await runChild();
    expect(report.id).toBe('filemaker-cloud');

    // The recorder saw the package and core load, so an empty match below means something.
    expect(report.afterCreate).toContainEqual(
      expect.stringMatching(/strategy-filemaker-cloud[\\/]dist[\\/]index\.js$/),
    );
    expect(report.afterCreate).toContainEqual(expect.stringMatching(/core[\\/]dist[\\/]index\.js$/));
    for (const [what, pattern] of Object.entries(HEAVY)) {
      expect(
        report.afterCreate.filter((url) => pattern.test(url)),
        what,
      ).toEqual([]);
    }

    // The same recorder sees them after a real sign-in: the check above can fail.
    expect(report.scheme).toBe('FMID');
    expect(await mock.cognitoStats()).toMatchObject({ srpSignIns: 1 });
    for (const [what, pattern] of Object.entries(HEAVY)) {
      expect(
        report.afterSignIn.some((url) => pattern.test(url)),
        what,
      ).toBe(true);
    }
  });

  it('a process that finds a fresh entry in the token store signs in without Cognito and loads none of them', async () => {
    // "Another process" (this one) signs in and leaves its entry in a store; the child gets a copy.
    const tokenStore = memoryTokenStore();
    const credentials = await mock.strategy({ tokenStore }).authenticate(authContext());
    const key = clarisIdKey(mock.pool, DEV.clarisId);
    const value = await tokenStore.get(key, { signal: AbortSignal.timeout(1000) });
    expect(value).toEqual(expect.any(String));
    const before = await mock.cognitoStats();

    const report = await runChild({ key, value: value as string });

    expect(report.authorizationSha256).toBe(
      createHash('sha256')
        .update(credentials.authorization?.reveal() ?? '')
        .digest('hex'),
    );
    expect(report.events).toEqual(['shared-token']);
    expect(await mock.cognitoStats()).toEqual(before);
    expect(report.afterSignIn).toContainEqual(
      expect.stringMatching(/strategy-filemaker-cloud[\\/]dist[\\/]index\.js$/),
    );
    for (const [what, pattern] of Object.entries(HEAVY)) {
      expect(
        report.afterSignIn.filter((url) => pattern.test(url)),
        what,
      ).toEqual([]);
    }
  });

  it('loads the Cognito runtime once per process: every caller shares one promise', async () => {
    const first = loadCognitoRuntime();
    expect(loadCognitoRuntime()).toBe(first);
    expect(typeof (await first).signInWithSrp).toBe('function');
  });
});
