import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCognitoRuntime } from '../src/cognito-client.js';
import { useCloudMock } from './support/cloud-mock.js';

const run = promisify(execFile);
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
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
  readonly afterCreate: readonly string[];
  readonly afterSignIn: readonly string[];
}

describe('cold start: importing the package and creating a strategy', () => {
  const mock = useCloudMock();
  beforeAll(async () => {
    // The child imports the built package, as an app would; `pnpm test` builds it first.
    if (!existsSync(builtEntry)) {
      throw new Error(
        `${builtEntry} is missing: run "pnpm --filter @fmauth/strategy-filemaker-cloud build".`,
      );
    }
  });

  it('loads no AWS SDK, smithy, SRP or jose module until the first sign-in, and all of them then', async () => {
    const { stdout } = await run(
      process.execPath,
      ['--import', fixture('module-recorder.mjs'), fixture('cold-start-child.mjs')],
      {
        env: {
          ...process.env,
          FMAUTH_TEST_COGNITO: mock.endpoints.cognito,
          FMAUTH_TEST_POOL: JSON.stringify(mock.pool),
        },
        timeout: 30_000,
      },
    );
    const report = JSON.parse(stdout) as ChildReport;
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

  it('loads the Cognito runtime once per process: every caller shares one promise', async () => {
    const first = loadCognitoRuntime();
    expect(loadCognitoRuntime()).toBe(first);
    expect(typeof (await first).signInWithSrp).toBe('function');
  });
});
