import { describe, expect, it } from 'vitest';
import { formatLocalDate, formatLocalDateTime, formatLocalTime, localYear } from './dates.js';

describe('local dates', () => {
  it('formats in Europe/Paris whatever the process time zone', () => {
    // 23:30 UTC on 31 December is already the next day and year in Paris.
    expect(formatLocalDate(new Date('2026-12-31T23:30:00Z'))).toBe('01/01/2027');
    expect(localYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
    expect(localYear(new Date('2026-12-31T22:59:59Z'))).toBe(2026);
  });

  it('tells times in Paris on both sides of a DST change', () => {
    expect(formatLocalDateTime(new Date('2019-06-21T10:06:00Z'))).toBe('21/06/2019 à 12:06');
    expect(formatLocalTime(new Date('2026-10-25T00:59:00Z'))).toBe('02:59');
    expect(formatLocalTime(new Date('2026-10-25T01:00:00Z'))).toBe('02:00');
    expect(formatLocalTime(new Date('2026-11-02T23:05:00Z'))).toBe('00:05');
  });
});
