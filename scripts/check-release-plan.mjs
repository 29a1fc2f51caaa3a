#!/usr/bin/env node
// Guards the pending release plan (`changeset status`): no published package may get a major bump that
// none of its changesets asked for. Changesets bumps a package to major when a minor release of a peer
// dependency leaves the package's peer range; for this 0.x project that silently turned the first
// release of the strategies and the contract kit into 1.0.0 while core went to 0.1.0. The fix is
// `onlyUpdatePeerDependentsWhenOutOfRange` in .changeset/config.json together with peer ranges on
// `@fmauth/core` that include the next core version (`workspace:^0.0.0 || ^0.1.0`); when core's next
// minor is planned, widen those ranges the same way, or this check fails.
//
//   node scripts/check-release-plan.mjs     exit 0: plan is sound; 1: an unrequested major bump
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BUMPS = ['none', 'patch', 'minor', 'major'];

/** Names of the workspace packages that are published (not private). */
function publishedPackages() {
  const names = new Set();
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      const manifest = join(root, group, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifest)) continue;
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      if (!pkg.private) names.add(pkg.name);
    }
  }
  return names;
}

const dir = mkdtempSync(join(tmpdir(), 'fmauth-release-plan-'));
try {
  const output = join(dir, 'plan.json');
  const bin = join(root, 'node_modules', '.bin', 'changeset');
  const run = spawnSync(bin, ['status', '--output', output], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0 || !existsSync(output)) {
    console.error(
      `check-release-plan: \`changeset status\` failed (exit ${run.status})\n${run.stdout}${run.stderr}`,
    );
    process.exit(1);
  }
  const plan = JSON.parse(readFileSync(output, 'utf8'));
  const published = publishedPackages();
  const requested = new Map();
  for (const changeset of plan.changesets) {
    for (const { name, type } of changeset.releases) {
      const before = requested.get(name) ?? 'none';
      if (BUMPS.indexOf(type) > BUMPS.indexOf(before)) requested.set(name, type);
    }
  }
  const failures = [];
  const summary = [];
  for (const release of plan.releases) {
    if (!published.has(release.name) || release.type === 'none') continue;
    summary.push(`${release.name} ${release.oldVersion} -> ${release.newVersion}`);
    if (release.type === 'major' && requested.get(release.name) !== 'major') {
      failures.push(
        `${release.name}: ${release.oldVersion} -> ${release.newVersion} (major), but its changesets ask for ` +
          `${requested.get(release.name) ?? 'nothing'}; a peer range it has on a releasing package no longer matches`,
      );
    }
  }
  if (failures.length > 0) {
    console.error(
      `check-release-plan: ${failures.length} unrequested major bump(s)\n  ${failures.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log(`check-release-plan: ${summary.length} package(s) to release, none bumped past what was asked`);
  for (const line of summary) console.log(`  ${line}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
