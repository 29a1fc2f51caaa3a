const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * The TIMESTAMP of a PASSWORD_VERIFIER answer: `ddd MMM D HH:mm:ss UTC YYYY` in UTC, English names,
 * 24-hour clock, and the day of the month NOT padded (`Tue Mar 5 07:08:09 UTC 2024`): Cognito
 * rejects `05`.
 *
 * @throws RangeError for an invalid Date.
 */
export function formatSrpTimestamp(date: Date = new Date()): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid Date');
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  const day = DAYS[date.getUTCDay()];
  const month = MONTHS[date.getUTCMonth()];
  return `${day} ${month} ${date.getUTCDate()} ${time} UTC ${date.getUTCFullYear()}`;
}
