// Small helpers to report figures over rounds or trials: median and range, never a single number.
import { median } from './compare.mjs';

export { median };

/** `median 1.23 (range 1.10–1.40)` with `digits` decimals and an optional unit. */
export function spread(values, digits = 2, unit = '') {
  if (values.length === 0) return 'n/a';
  const fmt = (n) => `${n.toFixed(digits)}${unit}`;
  return `median ${fmt(median(values))} (range ${fmt(Math.min(...values))}–${fmt(Math.max(...values))}, n=${values.length})`;
}

/** `{ median, min, max, values }` for a benchmark's returned figures. */
export function summary(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), values };
}

/** Why the Redis benchmarks cannot run here (prints the skip line), or `undefined` when they can. */
export async function redisSkip(name) {
  const { redisSkipReason } = await import('../../scripts/redis-server.mjs');
  const reason = redisSkipReason();
  if (reason) console.log(`${name}: SKIPPED (${reason})`);
  return reason;
}
