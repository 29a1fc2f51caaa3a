// Loader hooks of module-recorder.mjs (copied from packages/strategy-filemaker-cloud/test/fixtures);
// they run on Node's module loader thread.
let port;

export function initialize(data) {
  port = data.port;
  port.on('message', (message) => {
    if (message === 'flush') port.postMessage('flushed');
  });
  port.unref();
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  port.postMessage(resolved.url);
  return resolved;
}
