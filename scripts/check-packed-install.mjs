#!/usr/bin/env node
// Installs the packages the way users get them: `pnpm pack` every published package (which rewrites
// `workspace:` and `catalog:` ranges), install the tarballs with npm into a fresh project outside the
// workspace, then import every entry and run a real login against the packed mock server. Catches
// what the workspace hides: files missing from `files`, undeclared or workspace-only dependencies,
// a main entry that needs the optional msw peer. Needs a build first (`pnpm build`).
//
//   node scripts/check-packed-install.mjs     exit 0: the packed packages install and work
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', shell: false });
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} (in ${cwd}) exited ${result.status}\n${result.stdout}${result.stderr}`,
    );
  }
  return result.stdout;
}

/** Directories and manifests of the published (non-private) workspace packages. */
function publishedPackages() {
  const found = [];
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      const dir = join(root, group, entry.name);
      if (!entry.isDirectory() || !existsSync(join(dir, 'package.json'))) continue;
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (!pkg.private) found.push({ dir, pkg });
    }
  }
  return found;
}

// Runs inside the installed project.
const SMOKE = `
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';

const names = JSON.parse(process.argv[2]);
for (const name of names) {
  const module = await import(name);
  assert.ok(Object.keys(module).length > 0, name + ' exports nothing');
}

const { startMockServer } = await import('@fmauth/mock');
const { createDataApiSession } = await import('@fmauth/core');
const { fileMakerServer } = await import('@fmauth/strategy-filemaker-server');
const server = await startMockServer();
try {
  const session = createDataApiSession({
    baseUrl: server.endpoints.filemakerServer,
    database: 'Contacts',
    strategy: fileMakerServer({ username: 'admin', password: 'admin-pass' }),
  });
  const { data } = await session.getRecords('Contacts', { limit: 1 });
  assert.equal(data.length, 1);
  await session.close();
} finally {
  await server.close();
}

// msw is an optional peer, not installed here: the ./msw entry says how to get it.
await assert.rejects(import('@fmauth/mock/msw'), /npm install --save-dev msw/);

const cli = spawnSync(process.execPath, ['node_modules/@fmauth/mock-server/bin/fmauth-mock.js', '--help'], { encoding: 'utf8' });
assert.equal(cli.status, 0, cli.stderr);
console.log('packed smoke test: ' + names.length + ' packages imported, login against the packed mock server, msw stays optional');
`;

const work = mkdtempSync(join(tmpdir(), 'fmauth-packed-'));
try {
  const tarballs = join(work, 'tarballs');
  const app = join(work, 'app');
  mkdirSync(tarballs);
  mkdirSync(app);
  const packages = publishedPackages();
  const dependencies = {};
  for (const { dir, pkg } of packages) {
    if (!existsSync(join(dir, 'dist'))) throw new Error(`${pkg.name} is not built: run pnpm build first`);
    const before = new Set(readdirSync(tarballs));
    run('pnpm', ['pack', '--pack-destination', tarballs], dir);
    const tarball = readdirSync(tarballs).find((file) => !before.has(file));
    if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${pkg.name}`);
    dependencies[pkg.name] = `file:../tarballs/${tarball}`;
  }
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify(
      {
        name: 'fmauth-packed-smoke',
        private: true,
        type: 'module',
        dependencies,
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(join(app, 'smoke.mjs'), SMOKE);
  // npm, as most users install: the tarballs' ranges on each other (^0.0.0) match the tarballs
  // themselves, so nothing @fmauth comes from the registry. (pnpm reused a stale unpacked copy of a
  // local tarball whose name and version it had seen before.)
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline'], app);
  process.stdout.write(run(process.execPath, ['smoke.mjs', JSON.stringify(Object.keys(dependencies))], app));
} catch (error) {
  console.error(`check-packed-install: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
