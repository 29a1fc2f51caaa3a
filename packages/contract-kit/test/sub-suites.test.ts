import { beforeAll, describe, expect, it } from 'vitest';
import { type FixtureResult, runFixture } from './run-fixture.js';

describe('the exported sub-suites run one at a time', () => {
  let run: { status: number | null; results: FixtureResult[] };
  beforeAll(() => {
    run = runFixture('one-suite-at-a-time');
  }, 120_000);
  const group = (name: string) => run.results.filter((r) => r.path[0] === name);

  it('passes', () => {
    expect(run.status).toBe(0);
    expect(run.results.filter((r) => r.status === 'failed')).toEqual([]);
  });

  it('a strategy suite declares only its own group', () => {
    const tests = group('fmauth strategy contract: logout only');
    expect(new Set(tests.map((r) => r.path.slice(1).join(' > ')))).toEqual(new Set(['logout']));
    expect(tests.map((r) => r.title)).toContain('close() logs out and later calls throw SessionClosedError');
    expect(tests.every((r) => r.status === 'passed')).toBe(true);
  });

  it('the fault suite runs every fault kind, and Cognito throttling only on FileMaker Cloud', () => {
    const tests = group('fmauth strategy contract: faults only');
    expect(new Set(tests.map((r) => r.path.slice(1).join(' > ')))).toEqual(new Set(['faults']));
    const throttle = tests.filter((r) => r.title.startsWith('cognito-throttle'));
    expect(throttle.map((r) => r.status)).toEqual(['skipped']);
    const others = tests.filter((r) => !r.title.startsWith('cognito-throttle'));
    expect(others.length).toBeGreaterThanOrEqual(15);
    expect(new Set(others.map((r) => r.status))).toEqual(new Set(['passed']));
    expect(tests.map((r) => r.title)).toContain(
      'filemaker-952 on the first call after login succeeds after one re-login and one replay',
    );
  });

  it('a store suite declares only its own group, with a fresh store per test', () => {
    const tests = group('compare-and-delete');
    expect(tests.length).toBeGreaterThanOrEqual(5);
    expect(tests.every((r) => r.path.length === 1 && r.status === 'passed')).toBe(true);
  });

  it('without a server option, a suite runs on the flavors the strategy declares and skips the others', () => {
    const tests = group('fmauth strategy contract: secrecy on every declared flavor');
    const byFlavor = (flavor: string) => tests.filter((r) => r.path[1] === flavor).map((r) => r.status);
    expect(byFlavor('filemaker-server')).toContain('passed');
    expect(byFlavor('filemaker-server')).not.toContain('failed');
    for (const other of ['filemaker-cloud', 'claris-server']) {
      expect(byFlavor(other).length, other).toBeGreaterThan(0);
      expect(new Set(byFlavor(other)), other).toEqual(new Set(['skipped']));
    }
  });
});
