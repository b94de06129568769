import { describe, expect, it } from 'vitest';
import { parseTypedDay, typedDayText } from './typedDay.js';

describe('parseTypedDay', () => {
  it('reads JJ/MM/AAAA, with or without the leading zeros, and the date picker’s AAAA-MM-JJ', () => {
    expect(parseTypedDay('02/11/2026')).toBe('2026-11-02');
    expect(parseTypedDay('2/1/2026')).toBe('2026-01-02');
    expect(parseTypedDay('2026-11-02')).toBe('2026-11-02');
    expect(parseTypedDay('  17/11/2026 ')).toBe('2026-11-17');
  });

  it('takes the first and last days of a month and of a year, and 29 February of a leap year', () => {
    expect(parseTypedDay('01/01/2026')).toBe('2026-01-01');
    expect(parseTypedDay('31/12/2026')).toBe('2026-12-31');
    expect(parseTypedDay('30/04/2026')).toBe('2026-04-30');
    expect(parseTypedDay('29/02/2028')).toBe('2028-02-29');
  });

  it('refuses a day one past the end of its month, a month 13, a day 0, and 29 February of another year', () => {
    for (const wrong of [
      '31/04/2026',
      '32/01/2026',
      '01/13/2026',
      '00/01/2026',
      '01/00/2026',
      '29/02/2027',
      '2026-02-30',
      '2026-13-01',
    ]) {
      expect(parseTypedDay(wrong), wrong).toBeNull();
    }
  });

  it('refuses a year not written with four digits, from 1000 on, and what is not a day', () => {
    for (const wrong of [
      '1/1/26',
      '01/01/0999',
      '01/01/12026',
      '2026-1-1',
      '02.11.2026',
      '02/11/2026 10:00',
      'hier',
      '',
    ]) {
      expect(parseTypedDay(wrong), wrong).toBeNull();
    }
    expect(parseTypedDay('01/01/1000')).toBe('1000-01-01');
    expect(parseTypedDay('31/12/9999')).toBe('9999-12-31');
  });
});

describe('typedDayText', () => {
  it('rewrites a JJ/MM/AAAA text as AAAA-MM-JJ without checking the day, and leaves any other text trimmed', () => {
    expect(typedDayText(' 31/02/2026 ')).toBe('2026-02-31');
    expect(typedDayText(' demain ')).toBe('demain');
  });
});
