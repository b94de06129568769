import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  ageOnDay,
  compareDays,
  daysBetween,
  daysFrom,
  daysOfMonth,
  formatDay,
  formatMonth,
  formatShortDay,
  isLocalDay,
  isLocalMonth,
  isoWeekday,
  localDayOf,
  localInstant,
  monthOf,
} from './localDays.js';

describe('local days', () => {
  it('recognises real days only', () => {
    expect(isLocalDay('2026-11-17')).toBe(true);
    expect(isLocalDay('2028-02-29')).toBe(true);
    expect(isLocalDay('2027-02-29')).toBe(false);
    expect(isLocalDay('2026-13-01')).toBe(false);
    expect(isLocalDay('2026-1-01')).toBe(false);
    expect(isLocalDay('2026-11-17T00:00')).toBe(false);
    expect(isLocalDay(20261117)).toBe(false);
    expect(isLocalMonth('2026-11')).toBe(true);
    expect(isLocalMonth('2026-00')).toBe(false);
  });

  it('takes the years 1000 to 9999 alone, for days and months alike (Date.UTC reads 0000–0099 as 1900–1999)', () => {
    for (const year of ['0000', '0001', '0099', '0100', '0999']) {
      expect(isLocalDay(`${year}-01-01`)).toBe(false);
      expect(isLocalMonth(`${year}-01`)).toBe(false);
    }
    expect(isLocalDay('1000-01-01')).toBe(true);
    expect(isLocalMonth('1000-01')).toBe(true);
    expect(isLocalDay('9999-12-31')).toBe(true);
    expect(isLocalMonth('9999-12')).toBe(true);
    expect(() => daysOfMonth('0000-01')).toThrow(RangeError);
    expect(() => formatMonth('0050-06')).toThrow(RangeError);
    expect(() => addDays('0999-12-31', 1)).toThrow(RangeError);
  });

  it('measures a span by arithmetic, whatever its length, without listing its days', () => {
    expect(daysBetween('2026-11-17', '2026-11-17')).toBe(0);
    expect(daysBetween('2026-11-17', '2026-11-18')).toBe(1);
    expect(daysBetween('2026-11-18', '2026-11-17')).toBe(-1);
    // Across both changes of time, a year's end and a leap day: calendar days, never hours / 24.
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-09-01', '2027-09-01')).toBe(365);
    expect(daysBetween('2027-09-01', '2028-09-01')).toBe(366);
    expect(daysBetween('1000-01-01', '9999-12-31')).toBe(3_287_181);
    expect(daysBetween('2026-10-24', '2026-10-27')).toBe(daysFrom('2026-10-24', '2026-10-27').length - 1);
    const started = performance.now();
    daysBetween('2026-11-17', '9999-12-31');
    expect(performance.now() - started).toBeLessThan(50);
    expect(() => daysBetween('2026-11-17', '31/12/9999')).toThrow(RangeError);
  });

  it('reads the day of an instant in Paris, whatever the process zone', () => {
    expect(localDayOf(new Date('2026-11-02T22:59:59Z'))).toBe('2026-11-02');
    expect(localDayOf(new Date('2026-11-02T23:00:00Z'))).toBe('2026-11-03');
    // Summer: midnight in Paris is 22:00 UTC.
    expect(localDayOf(new Date('2026-06-30T21:59:59.999Z'))).toBe('2026-06-30');
    expect(localDayOf(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
    expect(localDayOf(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
  });

  it('reads the same day as Intl around the changes of time and in years of other rules, the offsets kept per hour', () => {
    const intlDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', dateStyle: 'short' });
    // The spring and autumn changes of 2026, an hour of 1911 when Paris left its mean time (+00:09:21), and 1940's change to German time.
    for (const from of [
      '2026-03-28T20:00:00Z',
      '2026-10-24T20:00:00Z',
      '1911-03-10T20:00:00Z',
      '1940-06-14T20:00:00Z',
    ]) {
      for (
        let instant = Date.parse(from);
        instant < Date.parse(from) + 2 * 86_400_000;
        instant += 7 * 60_000 + 13_001
      ) {
        expect(localDayOf(new Date(instant))).toBe(intlDay.format(new Date(instant)));
      }
    }
  });

  it('gives the instant of a wall-clock time in Paris, winter and summer', () => {
    expect(localInstant('2026-11-02', '23:59:59').toISOString()).toBe('2026-11-02T22:59:59.000Z');
    expect(localInstant('2026-07-14', '10:00').toISOString()).toBe('2026-07-14T08:00:00.000Z');
    expect(localInstant('2026-11-16', '10:00:00').toISOString()).toBe('2026-11-16T09:00:00.000Z');
    expect(localInstant('2026-11-17', '00:00').toISOString()).toBe('2026-11-16T23:00:00.000Z');
  });

  it('on the spring-forward day, a time inside the gap gives the instant right after it (03:00 CEST)', () => {
    // 29 March 2026: 02:00 CET jumps to 03:00 CEST at 01:00 UTC.
    expect(localInstant('2026-03-29', '01:59:59').toISOString()).toBe('2026-03-29T00:59:59.000Z');
    expect(localInstant('2026-03-29', '02:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(localInstant('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(localInstant('2026-03-29', '02:59:59').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(localInstant('2026-03-29', '03:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(localInstant('2026-03-29', '03:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(localInstant('2027-03-28', '23:59:59').toISOString()).toBe('2027-03-28T21:59:59.000Z');
  });

  it('on the fall-back day, an hour met twice gives its first occurrence (CEST)', () => {
    // 25 October 2026: 03:00 CEST falls back to 02:00 CET at 01:00 UTC.
    expect(localInstant('2026-10-25', '01:59:59').toISOString()).toBe('2026-10-24T23:59:59.000Z');
    expect(localInstant('2026-10-25', '02:00').toISOString()).toBe('2026-10-25T00:00:00.000Z');
    expect(localInstant('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(localInstant('2026-10-25', '02:59:59').toISOString()).toBe('2026-10-25T00:59:59.000Z');
    expect(localInstant('2026-10-25', '03:00').toISOString()).toBe('2026-10-25T02:00:00.000Z');
    expect(localInstant('2026-10-25', '23:59:59').toISOString()).toBe('2026-10-25T22:59:59.000Z');
  });

  it('refuses what is not a day or a time', () => {
    expect(() => localInstant('2026-02-30', '10:00')).toThrow(RangeError);
    expect(() => localInstant('2026-11-02', '24:00')).toThrow(RangeError);
    expect(() => localInstant('2026-11-02', '9:00')).toThrow(RangeError);
    expect(() => addDays('02/11/2026', 1)).toThrow(RangeError);
  });

  it('counts days on the calendar, across months, years, leap days and DST changes', () => {
    expect(addDays('2026-11-17', -15)).toBe('2026-11-02');
    expect(addDays('2026-10-19', -28)).toBe('2026-09-21');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysFrom('2026-10-24', '2026-10-27')).toEqual(['2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27']);
    expect(daysFrom('2026-11-02', '2026-11-02')).toEqual(['2026-11-02']);
    expect(daysFrom('2026-11-03', '2026-11-02')).toEqual([]);
  });

  it('gives ISO weekdays and compares days', () => {
    expect(isoWeekday('2026-11-16')).toBe(1);
    expect(isoWeekday('2026-11-17')).toBe(2);
    expect(isoWeekday('2026-11-22')).toBe(7);
    expect(isoWeekday('2026-09-01')).toBe(2);
    // Before 1970 as after it.
    expect(isoWeekday('1969-12-31')).toBe(3);
    expect(isoWeekday('1000-01-01')).toBe(new Date(Date.UTC(1000, 0, 1)).getUTCDay() || 7);
    expect(compareDays('2026-11-02', '2026-11-17')).toBeLessThan(0);
    expect(compareDays('2026-11-17', '2026-11-17')).toBe(0);
    expect(compareDays('2027-01-01', '2026-12-31')).toBeGreaterThan(0);
  });

  it('works with months', () => {
    expect(monthOf('2026-11-17')).toBe('2026-11');
    expect(daysOfMonth('2026-11')).toHaveLength(30);
    expect(daysOfMonth('2026-11')[0]).toBe('2026-11-01');
    expect(daysOfMonth('2026-11').at(-1)).toBe('2026-11-30');
    expect(daysOfMonth('2028-02')).toHaveLength(29);
    expect(daysOfMonth('2027-02')).toHaveLength(28);
    expect(addMonths('2026-11', 1)).toBe('2026-12');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-09', 10)).toBe('2027-07');
  });

  it('formats days and months in French', () => {
    expect(formatDay('2026-11-17')).toBe('mardi 17 novembre 2026');
    expect(formatDay('2026-09-01')).toBe('mardi 1er septembre 2026');
    expect(formatDay('2026-09-11')).toBe('vendredi 11 septembre 2026');
    expect(formatShortDay('2026-11-17')).toBe('17/11/2026');
    expect(formatMonth('2026-11')).toBe('novembre 2026');
    expect(formatMonth('2027-08')).toBe('août 2027');
  });

  it('counts full years of age on a day', () => {
    expect(ageOnDay('2018-10-19', '2026-10-18')).toBe(7);
    expect(ageOnDay('2018-10-19', '2026-10-19')).toBe(8);
    expect(ageOnDay('2020-02-29', '2027-02-28')).toBe(6);
    expect(ageOnDay('2020-02-29', '2027-03-01')).toBe(7);
  });
});
