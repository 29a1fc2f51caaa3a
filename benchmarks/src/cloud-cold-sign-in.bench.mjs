// A cold Claris ID sign-in: the CPU of a fresh Node process that signs in to Claris ID (Cognito
// USER_SRP_AUTH) and makes its first Data API call (login with `FMID <ID token>`, then one call), ours
// (@fmauth/core + @fmauth/strategy-filemaker-cloud, no token store) against amazon-cognito-identity-js
// for the sign-in plus undici for the Data API, both against the mock's Cognito and FileMaker Cloud (a
// child process). Separately, the CPU of importing each side's modules alone.
//
// CPU: process.cpuUsage() (user + system, all threads) read inside each child right after its call's
// response is parsed, so it counts from the process's start (Node's bootstrap included). The two kinds
// of process alternate (A B, then B A, …); the figure is the median of the per-round ratios,
// identity-js / ours (above 1: ours uses less CPU). No goal: an earlier measurement, before the AWS SDK
// loaded lazily, found about 1.15× in our favour.
import { mockControl } from '@fmauth/mock';
import { mockCli, startChild } from '../lib/child-server.mjs';
import { coldScript, runCold, stageLines } from '../lib/cold-process.mjs';
import { median, spread, summary } from '../lib/figures.mjs';

const ROUNDS = 10;
const NAME = 'cold Claris ID sign-in + first Data API call';

export default async function run() {
  const mock = await startChild(mockCli(), ['--json', '--quiet']);
  const control = mockControl(mock.ready.endpoints.control);
  const config = {
    baseUrl: mock.ready.endpoints.filemakerCloud,
    cognitoEndpoint: mock.ready.endpoints.cognito,
    pool: mock.ready.cognito,
  };
  const importOnly = coldScript('import-only.mjs');
  const sides = {
    ours: () => runCold(coldScript('cloud-sign-in.mjs'), { config }),
    theirs: () => runCold(coldScript('identity-js-sign-in.mjs'), { config }),
    oursImport: () => runCold(importOnly, { args: ['@fmauth/core', '@fmauth/strategy-filemaker-cloud'] }),
    theirsImport: () => runCold(importOnly, { args: ['amazon-cognito-identity-js', 'undici'] }),
  };
  try {
    // One of each first, untimed: the page cache and the mock's JIT.
    for (const side of Object.values(sides)) await side();
    const reports = { ours: [], theirs: [], oursImport: [], theirsImport: [] };
    const ratios = [];
    const importRatios = [];
    for (let round = 0; round < ROUNDS; round++) {
      await control.reset();
      const order = round % 2 === 0 ? ['theirs', 'ours'] : ['ours', 'theirs'];
      for (const side of order) reports[side].push(await sides[side]());
      ratios.push(reports.theirs.at(-1).cpuMs / reports.ours.at(-1).cpuMs);
      const importOrder = round % 2 === 0 ? ['theirsImport', 'oursImport'] : ['oursImport', 'theirsImport'];
      for (const side of importOrder) reports[side].push(await sides[side]());
      importRatios.push(reports.theirsImport.at(-1).cpuMs / reports.oursImport.at(-1).cpuMs);
    }
    const stats = await control.stats();
    const cpu = (side) =>
      spread(
        reports[side].map((r) => r.cpuMs),
        0,
        ' ms',
      );
    const ratio = median(ratios);
    console.log(
      `${NAME}: fresh process, CPU from process start to the call's parsed response, ${ROUNDS} alternating rounds\n` +
        `  ours (@fmauth/core + strategy-filemaker-cloud, no store): ${cpu('ours')}\n${stageLines(reports.ours)}\n` +
        `  amazon-cognito-identity-js + undici: ${cpu('theirs')}\n${stageLines(reports.theirs)}\n` +
        `  ratio identity-js / ours: ${spread(ratios, 2, '×')}  (rounds: ${ratios.map((r) => r.toFixed(2)).join(' ')}; above 1: ours uses less CPU)\n` +
        `  import alone: ours ${cpu('oursImport')}   identity-js + undici ${cpu('theirsImport')}\n` +
        `    ratio identity-js / ours: ${spread(importRatios, 2, '×')}\n` +
        `  (the last round's mock: ${stats.cognito.srpSignIns} SRP sign-ins, ${stats.filemakerCloud.successfulLogins} Data API logins: one per process)\n` +
        `  no goal; earlier figure before the lazy AWS SDK: ≈ 1.15× in our favour`,
    );
    return {
      ratio,
      ratios: summary(ratios),
      oursCpuMs: summary(reports.ours.map((r) => r.cpuMs)),
      theirsCpuMs: summary(reports.theirs.map((r) => r.cpuMs)),
      importRatios: summary(importRatios),
      oursImportCpuMs: summary(reports.oursImport.map((r) => r.cpuMs)),
      theirsImportCpuMs: summary(reports.theirsImport.map((r) => r.cpuMs)),
    };
  } finally {
    await mock.stop();
  }
}
