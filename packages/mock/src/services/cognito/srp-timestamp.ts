const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// `ddd MMM D HH:mm:ss UTC YYYY`: English names, day of the month NOT padded, 24-hour clock in UTC.
const TIMESTAMP =
  /^(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):([0-5]\d):([0-5]\d) UTC (\d{4})$/;

/**
 * Whether a PASSWORD_VERIFIER TIMESTAMP has the form Cognito accepts. A zero-padded day (`05`) is
 * refused as real Cognito refuses it (NotAuthorizedException); the signature itself is computed over
 * the string exactly as received.
 */
export function isWellFormedTimestamp(timestamp: string): boolean {
  return TIMESTAMP.test(timestamp);
}

/** Whether a well-formed TIMESTAMP is within `toleranceMs` of `now` (ms). */
export function timestampWithin(timestamp: string, now: number, toleranceMs: number): boolean {
  const match = TIMESTAMP.exec(timestamp);
  if (!match) return false;
  const [day, hours, minutes, seconds, year] = match.slice(2).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const time = Date.UTC(year, MONTHS.indexOf(match[1] as string), day, hours, minutes, seconds);
  return Math.abs(time - now) <= toleranceMs;
}
