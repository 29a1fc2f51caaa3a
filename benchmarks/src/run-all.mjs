// `pnpm bench`: every benchmark of the project, one after the other (they must not share the CPU).
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const files = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.mjs'))
  .filter((file) => !only || file.includes(only))
  .sort();
for (const file of files) {
  console.log(`\n=== ${file} ===`);
  const { default: run } = await import(new URL(file, import.meta.url));
  await run();
}
