import { describe, expect, it } from 'vitest';
import { formatSrpTimestamp } from '../src/index.js';

describe('formatSrpTimestamp', () => {
  it.each([
    ['2024-03-05T07:08:09Z', 'Tue Mar 5 07:08:09 UTC 2024'],
    ['2018-07-10T11:01:00Z', 'Tue Jul 10 11:01:00 UTC 2018'],
    ['2018-07-10T23:59:59Z', 'Tue Jul 10 23:59:59 UTC 2018'],
    ['2025-12-31T13:00:00Z', 'Wed Dec 31 13:00:00 UTC 2025'],
    ['2026-01-01T00:00:00Z', 'Thu Jan 1 00:00:00 UTC 2026'],
    ['2024-02-29T12:34:56.999Z', 'Thu Feb 29 12:34:56 UTC 2024'],
  ])('%s → %s', (iso, expected) => {
    expect(formatSrpTimestamp(new Date(iso))).toBe(expected);
  });

  it('uses UTC whatever the offset the date was written with', () => {
    expect(formatSrpTimestamp(new Date('2024-03-05T23:30:00-05:00'))).toBe('Wed Mar 6 04:30:00 UTC 2024');
  });

  it('agrees with Date#toUTCString on random dates (unpadded day, padded time)', () => {
    for (let i = 0; i < 500; i++) {
      const date = new Date(Math.floor(Math.random() * 4e12));
      const [weekday, day, month, year, time] = date.toUTCString().replace(',', '').split(' ');
      expect(formatSrpTimestamp(date)).toBe(`${weekday} ${month} ${Number(day)} ${time} UTC ${year}`);
    }
  });

  it('defaults to now and refuses an invalid Date', () => {
    expect(formatSrpTimestamp()).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} [1-9]\d? \d\d:\d\d:\d\d UTC \d{4}$/);
    expect(() => formatSrpTimestamp(new Date('nope'))).toThrow(RangeError);
  });
});
