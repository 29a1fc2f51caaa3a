import { createOAuthWebApp } from './app.js';

// Run: FMS_URL=http://127.0.0.1:<port> APP_SECRET=<32+ bytes> node dist/server.js
const port = Number(process.env.PORT ?? 3000);
const required = (name: string): string => {
  const value = process.env[name];
  if (!value) {
    console.error(`Set ${name} (see README.md).`);
    process.exit(2);
  }
  return value;
};

const app = createOAuthWebApp({
  fmsUrl: required('FMS_URL'),
  database: process.env.FM_DATABASE ?? 'Contacts',
  layout: process.env.FM_LAYOUT ?? 'Contacts',
  publicUrl: process.env.PUBLIC_URL ?? `http://127.0.0.1:${port}`,
  secret: required('APP_SECRET'),
  log: (line) => console.log(`[oauth-web] ${line}`),
});
app.server.listen(port, '127.0.0.1', () => console.log(`[oauth-web] listening on http://127.0.0.1:${port}`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.close().finally(() => process.exit(0));
  });
}
