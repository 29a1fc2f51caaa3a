// Imports the modules named on the command line, one after another, and prints
// { cpuMs, checkpoints } (CPU since the process started, after each import).
const started = process.cpuUsage();
const cpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};
const checkpoints = [['node bootstrap', (started.user + started.system) / 1000]];
for (const specifier of process.argv.slice(2)) {
  await import(specifier);
  checkpoints.push([`import ${specifier}`, cpu()]);
}
process.stdout.write(`${JSON.stringify({ cpuMs: cpu(), checkpoints })}\n`);
process.exit(0);
