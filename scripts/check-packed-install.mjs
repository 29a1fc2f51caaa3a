#!/usr/bin/env node
// Installs the packages the way users get them: `pnpm pack` every published package (which rewrites
// `workspace:` and `catalog:` ranges), install the tarballs with npm into a fresh project outside the
// workspace, then import every entry and run a real login against the packed mock server. Catches
// what the workspace hides: files missing from `files`, undeclared or workspace-only dependencies,
// a main entry that needs the optional msw peer. Needs a build first (`pnpm build`).
//
// Then one app per strategy with only core and that strategy (type-checked, logged in against the
// packed mock, and its node_modules free of the other strategies' dependencies), and a third-party
// strategy package that runs the contract kit from the tarballs: scripts/packed-apps/README.md.
//
//   node scripts/check-packed-install.mjs     exit 0: the packed packages install and work
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  cpSync,
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
import { stripVTControlCharacters } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const appSources = join(root, 'scripts', 'packed-apps');

/** Exact versions of the tools the apps install from npm, from the workspace catalog. */
function catalogVersion(name) {
  const yaml = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8');
  const quoted = name.startsWith('@') ? `"${name}"` : name;
  const match = new RegExp(`^  ${quoted.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: (\\S+)$`, 'm').exec(yaml);
  if (!match) throw new Error(`no catalog entry for ${name}`);
  return match[1];
}

/** Writes an app's package.json and installs it with npm, as a user would. */
function installApp(dir, manifest) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ private: true, type: 'module', ...manifest }, null, 2)}\n`,
  );
  // npm, as most users install: the tarballs' ranges on each other (^0.0.0) match the tarballs
  // themselves, so nothing @fmauth comes from the registry. (pnpm reused a stale unpacked copy of a
  // local tarball whose name and version it had seen before.)
  run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline'], dir);
}

/** Every package name installed in `dir`'s node_modules (top level and nested). */
function installedPackages(dir) {
  const names = new Set();
  const walk = (modules) => {
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      if (entry.name.startsWith('@')) {
        for (const scoped of readdirSync(join(modules, entry.name), { withFileTypes: true })) {
          if (!scoped.isDirectory()) continue;
          names.add(`${entry.name}/${scoped.name}`);
          walk(join(modules, entry.name, scoped.name, 'node_modules'));
        }
      } else {
        names.add(entry.name);
        walk(join(modules, entry.name, 'node_modules'));
      }
    }
  };
  walk(join(dir, 'node_modules'));
  return names;
}

/** The packed mock's CLI, started from the all-in-one app; resolves to its readiness line. */
async function startPackedMock(app) {
  const child = spawn(process.execPath, ['node_modules/@fmauth/mock-server/bin/fmauth-mock.js', '--json'], {
    cwd: app,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  const deadline = Date.now() + 30_000;
  while (!out.includes('\n')) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the packed mock did not start: ${out}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, readiness: out.slice(0, out.indexOf('\n')) };
}

/** What a strategy app may not contain: the other strategies and their dependencies. */
const FOREIGN = {
  'filemaker-server': [
    /^@aws-sdk\//,
    /^@smithy\//,
    /^@fmauth\/(?!core$|strategy-filemaker-server$)/,
    /^@redis\//,
    /^msw$/,
  ],
  'claris-server': [
    /^@aws-sdk\//,
    /^@smithy\//,
    /^@fmauth\/(?!core$|strategy-claris-server$)/,
    /^@redis\//,
    /^msw$/,
  ],
  'filemaker-cloud': [/^@fmauth\/(?!core$|strategy-filemaker-cloud$|cognito-srp$)/, /^@redis\//, /^msw$/],
};

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
  installApp(app, { name: 'fmauth-packed-smoke', dependencies });
  writeFileSync(join(app, 'smoke.mjs'), SMOKE);
  process.stdout.write(run(process.execPath, ['smoke.mjs', JSON.stringify(Object.keys(dependencies))], app));

  const tarball = (name) => dependencies[name].replace('file:../', 'file:../../');
  const tools = { typescript: catalogVersion('typescript'), '@types/node': catalogVersion('@types/node') };
  const mock = await startPackedMock(app);
  try {
    const env = { ...process.env, FMAUTH_MOCK_READINESS: mock.readiness };
    for (const strategy of ['filemaker-server', 'claris-server', 'filemaker-cloud']) {
      const dir = join(work, 'apps', strategy);
      const own = [`@fmauth/strategy-${strategy}`, '@fmauth/core'];
      if (strategy === 'filemaker-cloud') own.push('@fmauth/cognito-srp');
      installApp(dir, {
        name: `fmauth-${strategy}-app`,
        dependencies: Object.fromEntries(own.map((name) => [name, tarball(name)])),
        devDependencies: tools,
      });
      for (const file of ['tsconfig.json', 'readiness.ts']) cpSync(join(appSources, file), join(dir, file));
      cpSync(join(appSources, `${strategy}.ts`), join(dir, 'app.ts'));
      run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], dir);
      const result = spawnSync(process.execPath, ['dist/app.js'], {
        cwd: dir,
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      if (result.status !== 0)
        throw new Error(`the ${strategy} app failed:\n${result.stdout}${result.stderr}`);
      process.stdout.write(result.stdout);
      const foreign = [...installedPackages(dir)].filter((name) =>
        FOREIGN[strategy].some((rule) => rule.test(name)),
      );
      if (foreign.length > 0)
        throw new Error(`the ${strategy} app installed packages it must not need: ${foreign.join(', ')}`);
      if (
        strategy === 'filemaker-cloud' &&
        !installedPackages(dir).has('@aws-sdk/client-cognito-identity-provider')
      )
        throw new Error('the filemaker-cloud app has no AWS SDK: the isolation check would not see one');
    }
  } finally {
    mock.child.kill('SIGTERM');
    await once(mock.child, 'exit');
  }
  console.log(
    'strategy apps: each type-checks, logs in against the packed mock, and holds only its own dependencies',
  );

  // A third party's strategy package, tested with the contract kit from the tarballs.
  const thirdParty = join(work, 'apps', 'third-party');
  installApp(thirdParty, {
    name: 'acme-fmauth-strategy',
    peerDependencies: { '@fmauth/core': '^0.0.0 || ^0.1.0' },
    devDependencies: {
      ...Object.fromEntries(
        ['@fmauth/core', '@fmauth/contract-kit', '@fmauth/mock', '@fmauth/cognito-srp'].map((name) => [
          name,
          tarball(name),
        ]),
      ),
      ...tools,
      vitest: catalogVersion('vitest'),
    },
  });
  cpSync(join(appSources, 'third-party'), thirdParty, { recursive: true });
  run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], thirdParty);
  const contract = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=dot'], {
    cwd: thirdParty,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (contract.status !== 0)
    throw new Error(`the third-party contract suite failed:\n${contract.stdout}${contract.stderr}`);
  const passed = /Tests\s+.*?(\d+) passed/.exec(stripVTControlCharacters(contract.stdout));
  console.log(
    `third-party strategy: the contract kit from the tarballs passes (${passed ? passed[1] : '?'} tests)`,
  );
} catch (error) {
  console.error(`check-packed-install: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
