/** First reconnect delay after a lost connection; doubles per failed attempt. */
export const RECONNECT_BASE_MS = 50;
/**
 * The longest wait between reconnect attempts: Redis back from a restart is used again within about
 * this long, while a long outage costs one cheap connection attempt per process every few seconds.
 */
export const RECONNECT_MAX_MS = 2000;

/**
 * Milliseconds before reconnect attempt `attempt` (0-based): exponential, capped, with "equal jitter"
 * (half fixed, half random) so a fleet of processes that lost Redis together does not return in step.
 */
export function reconnectDelay(attempt: number): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.min(Math.max(attempt, 0), 16));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
