// Side-by-side comparison: baseline and candidate run in alternating rounds (A B, then B A, …) in the
// same process and moment, so machine noise hits both; the reported figure is the median of the
// per-round ratios, never an absolute time compared with a number from another run.

/**
 * @param {object} spec
 * @param {string} spec.name
 * @param {{ label: string, run: () => Promise<number>, before?: () => Promise<void> }} spec.baseline
 *   run() does one timed batch and returns the ops it did; before() prepares a batch, untimed
 * @param {{ label: string, run: () => Promise<number> }} spec.candidate
 * @param {number} [spec.rounds]
 * @param {number} [spec.warmupRounds]
 * @param {'higher-is-better' | 'lower-is-better'} [spec.direction] what the ops/s ratio means
 */
export async function compare({ name, baseline, candidate, rounds = 7, warmupRounds = 1 }) {
  for (let i = 0; i < warmupRounds; i++) {
    for (const side of [baseline, candidate]) {
      await side.before?.();
      await side.run();
    }
  }
  const ratios = [];
  const baseRates = [];
  const candRates = [];
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? [baseline, candidate] : [candidate, baseline];
    const rates = new Map();
    for (const side of order) {
      await side.before?.();
      rates.set(side, await timed(side.run));
    }
    baseRates.push(rates.get(baseline));
    candRates.push(rates.get(candidate));
    ratios.push(rates.get(candidate) / rates.get(baseline));
  }
  return {
    name,
    baseline: { label: baseline.label, opsPerSec: median(baseRates) },
    candidate: { label: candidate.label, opsPerSec: median(candRates) },
    ratio: median(ratios),
    ratios,
  };
}

async function timed(run) {
  const start = process.hrtime.bigint();
  const ops = await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return ops / seconds;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Prints one comparison as a line, with the goal and whether it was met. */
export function printComparison(result, goal) {
  const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
  const verdict =
    goal === undefined ? '' : result.ratio >= goal ? `  goal ≥ ${goal}: met` : `  goal ≥ ${goal}: NOT met`;
  console.log(
    `${result.name}\n  ${result.candidate.label}: ${fmt(result.candidate.opsPerSec)}/s   ${result.baseline.label}: ${fmt(result.baseline.opsPerSec)}/s\n  ratio ${result.ratio.toFixed(3)} (rounds: ${result.ratios.map((r) => r.toFixed(2)).join(' ')})${verdict}`,
  );
}

/** Runs `count` calls of `fn` with at most `concurrency` in flight. */
export async function pooled(count, concurrency, fn) {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      await fn();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return count;
}
