import { describe, expect, it } from 'vitest';
import { runInProcess } from './helpers.js';

// None of these reach a server: the URLs point nowhere on purpose.
const ENV = {
  FMS_URL: 'https://fms.invalid',
  FMS_USERNAME: 'admin',
  FMS_PASSWORD: 'admin-pass',
  CLARIS_URL: 'https://claris.invalid',
  CLARIS_ID: 'dev@example.com',
  CLARIS_EXTENDED_PASSWORD: 'Extended-pass-1',
};

describe('hybrid-sync configuration', () => {
  it('--help prints the usage and exits 0', async () => {
    const result = await runInProcess(['--help'], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: hybrid-sync');
    expect(result.stdout).toContain('CLARIS_EXTENDED_PASSWORD');
  });

  it('lists every missing setting and exits 2', async () => {
    const result = await runInProcess([], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'missing --fms-url (or FMS_URL), --fms-username (or FMS_USERNAME), FMS_PASSWORD, --claris-url (or CLARIS_URL), --claris-id (or CLARIS_ID), CLARIS_EXTENDED_PASSWORD',
    );
    expect(result.stderr).toContain('Run hybrid-sync --help');
  });

  it('refuses passwords on the command line', async () => {
    const result = await runInProcess(['--claris-extended-password=Extended-pass-1'], ENV);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--claris-extended-password is not accepted');
    expect(result.stderr).not.toContain('Extended-pass-1');
  });

  it('explains the extended password when only CLARIS_PASSWORD is set', async () => {
    const { CLARIS_EXTENDED_PASSWORD: _, ...env } = ENV;
    const result = await runInProcess([], { ...env, CLARIS_PASSWORD: 'ClarisID-pass-1' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Claris Server does not accept the Claris ID password');
    expect(result.stderr).toContain('Account > Extended Account');
    expect(result.stderr).not.toContain('ClarisID-pass-1');
  });

  it.each([
    [['--direction', 'sideways'], ENV, '--direction must be fms-to-claris or claris-to-fms'],
    [['--bogus'], ENV, "Unknown option '--bogus'"],
    [[], { ...ENV, CLARIS_ID: 'Dev User' }, '"clarisId" must be the Claris ID email address'],
    [[], { ...ENV, FMS_URL: 'fms.example.com' }, '"baseUrl" is not a valid URL'],
    [
      [],
      { ...ENV, FMS_CA_FILE: '/nonexistent/ca.pem' },
      'cannot read the CA file /nonexistent/ca.pem: ENOENT',
    ],
  ])('%j with a bad setting exits 2: %s', async (argv, env, message) => {
    const result = await runInProcess(argv, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe('');
  });
});
