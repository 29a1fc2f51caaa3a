// Preloaded with `node --import` (a copy of packages/strategy-filemaker-cloud/test/fixtures'): records
// every module the process loads, so a benchmark can tell which ones a cold process pulled in. Never
// used in a timed run: the hooks cost CPU.
//
// ES modules: a resolve hook (module.register) sees each one, but runs on the loader's own thread, so
// it posts the URLs back over a MessagePort. CommonJS modules required by other CommonJS modules (most
// of the AWS SDK) never reach the hook; they are in require.cache instead.
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const seen = new Set();
const { port1, port2 } = new MessageChannel();
let flushed;
port1.on('message', (message) => {
  if (message === 'flushed') flushed?.();
  else seen.add(message);
});
port1.unref();

register('./module-recorder-hooks.mjs', {
  parentURL: import.meta.url,
  data: { port: port2 },
  transferList: [port2],
});

const requireCache = createRequire(import.meta.url).cache;

/** Every module URL or CommonJS file path loaded so far. */
export async function loadedModules() {
  // One port delivers in order: once the hooks thread answers 'flushed', every URL it posted
  // before has arrived.
  await new Promise((resolve) => {
    flushed = resolve;
    port1.ref();
    port1.postMessage('flush');
  });
  port1.unref();
  return [...new Set([...seen, ...Object.keys(requireCache)])].sort();
}
