// cloud-cold-sign-in.bench, ours: a fresh process that imports @fmauth/core and the FileMaker Cloud
// strategy, signs in to Claris ID (Cognito USER_SRP_AUTH, no token store), logs in to the Data API and
// makes one call. Prints { cpuMs, checkpoints }. COLD_CONFIG: { baseUrl, cognitoEndpoint, pool }.
const started = process.cpuUsage();
const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const checkpoints = [['node bootstrap', (started.user + started.system) / 1000]];
const config = JSON.parse(process.env.COLD_CONFIG);

const { createDataApiSession } = await import('@fmauth/core');
const { fileMakerCloud } = await import('@fmauth/strategy-filemaker-cloud');
checkpoints.push(['import @fmauth/core + strategy-filemaker-cloud', cpu()]);

const strategy = fileMakerCloud({
  clarisId: 'dev@example.com',
  password: 'ClarisID-pass-1',
  pool: config.pool,
  cognito: { endpoint: config.cognitoEndpoint, maxAttempts: 1 },
});
const session = createDataApiSession({ baseUrl: config.baseUrl, database: 'Contacts', strategy });
// The sign-in on its own (the session's login then reuses the strategy's fresh ID token).
await strategy.authenticate({ signal: AbortSignal.timeout(30_000) });
checkpoints.push(['SRP sign-in (loads the AWS SDK + SRP code)', cpu()]);
const { data } = await session.getRecords('Contacts', { limit: 1 });
if (data.length !== 1) throw new Error(`expected 1 record, got ${data.length}`);
const cpuMs = cpu();
checkpoints.push(['Data API login + one call', cpuMs]);
process.stdout.write(`${JSON.stringify({ cpuMs, checkpoints })}\n`);
process.exit(0);
