#!/usr/bin/env node
import { runHybridSync } from './hybrid-sync.js';

process.exitCode = await runHybridSync(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
