/**
 * The eleven public holidays (« jours fériés ») of France outside Alsace-Moselle, Code du travail
 * art. L3133-1. They are computed, never typed in by the commune: three move with Easter.
 */
import { FIRST_YEAR, LAST_YEAR, addDays, type LocalDay } from '../../../shared/localDays.js';

export interface PublicHoliday {
  day: LocalDay;
  label: string;
}

/**
 * Easter Sunday of a year (the anonymous Gregorian computus, Meeus/Jones/Butcher). Local days are
 * days of the Gregorian calendar carried back before its adoption in 1582 (as Date.UTC counts them),
 * and the computus carries back with it: every year a local day can have (1000–9999) gets its day,
 * so that no date typed in a form makes the calendar fail.
 */
export function easterSunday(year: number): LocalDay {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR)
    throw new RangeError(`year out of range: ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const cache = new Map<number, readonly PublicHoliday[]>();

/** The public holidays of a calendar year, in day order. */
export function frenchPublicHolidays(year: number): PublicHoliday[] {
  let holidays = cache.get(year);
  if (!holidays) {
    const easter = easterSunday(year);
    const fixed = (monthDay: string) => `${year}-${monthDay}`;
    holidays = [
      { day: fixed('01-01'), label: "Jour de l'an" },
      { day: addDays(easter, 1), label: 'Lundi de Pâques' },
      { day: fixed('05-01'), label: 'Fête du Travail' },
      { day: fixed('05-08'), label: 'Victoire 1945' },
      { day: addDays(easter, 39), label: 'Ascension' },
      { day: addDays(easter, 50), label: 'Lundi de Pentecôte' },
      { day: fixed('07-14'), label: 'Fête nationale' },
      { day: fixed('08-15'), label: 'Assomption' },
      { day: fixed('11-01'), label: 'Toussaint' },
      { day: fixed('11-11'), label: 'Armistice 1918' },
      { day: fixed('12-25'), label: 'Noël' },
    ].sort((x, y) => (x.day < y.day ? -1 : 1));
    cache.set(year, holidays);
  }
  return holidays.map((holiday) => ({ ...holiday }));
}

/** The public holiday on a day, or null. */
export function publicHolidayOn(day: LocalDay): PublicHoliday | null {
  const year = Number(day.slice(0, 4));
  return frenchPublicHolidays(year).find((holiday) => holiday.day === day) ?? null;
}
