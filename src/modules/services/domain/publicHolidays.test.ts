import { describe, expect, it } from 'vitest';
import { isLocalDay, isoWeekday } from '../../../shared/localDays.js';
import { easterSunday, frenchPublicHolidays, publicHolidayOn } from './publicHolidays.js';

describe('French public holidays', () => {
  it('computes Easter Sunday', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2038)).toBe('2038-04-25'); // the latest possible date
    expect(easterSunday(2285)).toBe('2285-03-22'); // the earliest possible date
  });

  it('lists the eleven days of 2026', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
      { day: '2026-01-01', label: "Jour de l'an" },
      { day: '2026-04-06', label: 'Lundi de Pâques' },
      { day: '2026-05-01', label: 'Fête du Travail' },
      { day: '2026-05-08', label: 'Victoire 1945' },
      { day: '2026-05-14', label: 'Ascension' },
      { day: '2026-05-25', label: 'Lundi de Pentecôte' },
      { day: '2026-07-14', label: 'Fête nationale' },
      { day: '2026-08-15', label: 'Assomption' },
      { day: '2026-11-01', label: 'Toussaint' },
      { day: '2026-11-11', label: 'Armistice 1918' },
      { day: '2026-12-25', label: 'Noël' },
    ]);
  });

  it('lists the eleven days of 2027, Easter on 28 March', () => {
    const days = frenchPublicHolidays(2027).map((holiday) => holiday.day);
    expect(days).toEqual([
      '2027-01-01',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-08',
      '2027-05-17',
      '2027-07-14',
      '2027-08-15',
      '2027-11-01',
      '2027-11-11',
      '2027-12-25',
    ]);
  });

  it('finds the holiday of a day', () => {
    expect(publicHolidayOn('2026-11-11')?.label).toBe('Armistice 1918');
    expect(publicHolidayOn('2027-05-06')?.label).toBe('Ascension');
    expect(publicHolidayOn('2026-11-12')).toBeNull();
  });

  it('answers for every year a local day can have, before 1583 too, and refuses what is not such a year', () => {
    for (let year = 1000; year <= 9999; year++) {
      const easter = easterSunday(year);
      expect(
        isLocalDay(easter) && isoWeekday(easter) === 7 && easter >= `${year}-03-22` && easter <= `${year}-04-25`,
        `${year}: ${easter}`,
      ).toBe(true);
    }
    expect(frenchPublicHolidays(1000)).toHaveLength(11);
    expect(frenchPublicHolidays(1500)).toHaveLength(11);
    expect(publicHolidayOn('1500-12-25')?.label).toBe('Noël');
    expect(publicHolidayOn('1000-01-01')?.label).toBe("Jour de l'an");
    expect(publicHolidayOn('9999-11-11')?.label).toBe('Armistice 1918');
    expect(() => easterSunday(999)).toThrow(RangeError);
    expect(() => easterSunday(10_000)).toThrow(RangeError);
    expect(() => easterSunday(2026.5)).toThrow(RangeError);
  });

  it('hands out copies, so a caller cannot change the next answer', () => {
    frenchPublicHolidays(2026)[0]!.label = 'changé';
    expect(frenchPublicHolidays(2026)[0]!.label).toBe("Jour de l'an");
  });
});
