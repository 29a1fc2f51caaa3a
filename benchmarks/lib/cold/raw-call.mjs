// The baseline of cold-start.bench: a fresh process that makes the same Data API call with raw undici
// and a fixed token. Prints { cpuMs, checkpoints }. COLD_CONFIG: { baseUrl, token }.
const started = process.cpuUsage();
const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const checkpoints = [['node bootstrap', (started.user + started.system) / 1000]];
const config = JSON.parse(process.env.COLD_CONFIG);

const { request } = await import('undici');
checkpoints.push(['import undici', cpu()]);

const base = new URL(config.baseUrl);
const res = await request(
  new URL(
    `${base.pathname.replace(/\/$/, '')}/fmi/data/vLatest/databases/Contacts/layouts/Contacts/records?_limit=1`,
    base,
  ),
  { method: 'GET', headers: { authorization: `Bearer ${config.token}` } },
);
const body = JSON.parse(await res.body.text());
if (res.statusCode !== 200 || body.messages[0].code !== '0' || body.response.data.length !== 1) {
  throw new Error(`raw call failed: ${res.statusCode} ${JSON.stringify(body.messages)}`);
}
const cpuMs = cpu();
checkpoints.push(['one call', cpuMs]);
process.stdout.write(`${JSON.stringify({ cpuMs, checkpoints })}\n`);
process.exit(0);
