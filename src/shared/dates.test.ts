import { describe, expect, it } from 'vitest';
import { formatLocalDate, localYear } from './dates.js';

describe('local dates', () => {
  it('formats in Europe/Paris whatever the process time zone', () => {
    // 23:30 UTC on 31 December is already the next day and year in Paris.
    expect(formatLocalDate(new Date('2026-12-31T23:30:00Z'))).toBe('01/01/2027');
    expect(localYear(new Date('2026-12-31T23:30:00Z'))).toBe(2027);
    expect(localYear(new Date('2026-12-31T22:59:59Z'))).toBe(2026);
  });
});
