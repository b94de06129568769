/**
 * Local days of the commune: 'YYYY-MM-DD' strings read in Europe/Paris, and the instants of a
 * wall-clock time on such a day. Day arithmetic is done on the calendar alone (UTC dates, no zone),
 * and every conversion between a day and an instant goes through Intl with the commune's zone, so
 * the results are the same whatever the time zone of the process.
 */
import { COMMUNE_TIME_ZONE, HOUR_MS } from './dates.js';
import { keptAnswers } from './keptAnswers.js';

/** A calendar day of the commune, 'YYYY-MM-DD'. */
export type LocalDay = string;
/** A calendar month, 'YYYY-MM'. */
export type LocalMonth = string;
/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const DAY_MS = 86_400_000;
const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const monthPattern = /^(\d{4})-(\d{2})$/;
const timePattern = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/**
 * The years a day or a month may have: four digits with no leading zero. Date.UTC reads the years
 * 0–99 as 1900–1999, so a smaller year would not be the day it is written as.
 */
export const FIRST_YEAR = 1000;
export const LAST_YEAR = 9999;

const isYear = (year: number) => year >= FIRST_YEAR && year <= LAST_YEAR;

/** True for a real calendar day written 'YYYY-MM-DD', of a year from 1000 to 9999 (2026-02-30 is not one). */
export function isLocalDay(value: unknown): value is LocalDay {
  if (typeof value !== 'string') return false;
  const match = dayPattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isYear(year)) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** True for a month written 'YYYY-MM', of a year from 1000 to 9999 as for a day. */
export function isLocalMonth(value: unknown): value is LocalMonth {
  if (typeof value !== 'string') return false;
  const match = monthPattern.exec(value);
  return match !== null && isYear(Number(match[1])) && Number(match[2]) >= 1 && Number(match[2]) <= 12;
}

/**
 * The days the portal's calendar holds: a commune sets up its school years, holidays and sessions
 * between these (a year typed 1500 or 2206 is a slip), so no page has anything to show outside them.
 * Days and months read from an address are kept inside them. Both ends included.
 */
export const FIRST_CALENDAR_DAY: LocalDay = '2000-01-01';
export const LAST_CALENDAR_DAY: LocalDay = '2100-12-31';

/** True for a real day of the portal's calendar (2000–2100). */
export function isCalendarDay(value: unknown): value is LocalDay {
  return isLocalDay(value) && value >= FIRST_CALENDAR_DAY && value <= LAST_CALENDAR_DAY;
}

/** True for a month of the portal's calendar (2000-01 to 2100-12). */
export function isCalendarMonth(value: unknown): value is LocalMonth {
  return isLocalMonth(value) && value >= FIRST_CALENDAR_DAY.slice(0, 7) && value <= LAST_CALENDAR_DAY.slice(0, 7);
}

/**
 * How many days' conversions are kept: a calendar page, a summary or a run asks for the same few
 * hundred days thousands of times (each cell's deadline, weekday and label).
 */
const KEPT_DAYS = 4096;

/** The day's midnight UTC, in milliseconds; a RangeError for anything that is not a day. */
const dayToUtc = keptAnswers((day: LocalDay): number => {
  if (!isLocalDay(day)) throw new RangeError(`not a local day: ${day}`);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, date);
}, KEPT_DAYS);

const utcToDay = keptAnswers((utc: number): LocalDay => new Date(utc).toISOString().slice(0, 10), KEPT_DAYS);

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: COMMUNE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall-clock reading in Paris of an instant, written as if it were UTC (milliseconds dropped). */
function parisWallClock(instant: number): number {
  const parts: Record<string, number> = {};
  for (const part of partsFormat.formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
}

/** How far Paris is ahead of UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function parisOffset(instant: number): number {
  const whole = Math.floor(instant / 1000) * 1000;
  return parisWallClock(whole) - whole;
}

/**
 * Paris's offset over each UTC hour already asked (the last 1,024), or null for an hour in which
 * it changes: every request asks for today, and a calendar or a confirmation for the day of many
 * instants, each of which would cost a call to Intl. Paris changes its time at whole UTC hours
 * (01:00 since 1996), so an hour whose first and last seconds read the same offset keeps it throughout.
 */
const offsetOverHour = keptAnswers((hour: number): number | null => {
  const start = hour * HOUR_MS;
  const end = start + HOUR_MS - 1000;
  const first = parisWallClock(start) - start;
  return parisWallClock(end) - end === first ? first : null;
}, 1024);

/** The commune's calendar day at an instant. */
export function localDayOf(instant: Date): LocalDay {
  const time = instant.getTime();
  const offset = offsetOverHour(Math.floor(time / HOUR_MS));
  const wall = offset === null ? parisWallClock(time) : time + offset;
  // The wall clock's midnight: the days kept are days, not every instant asked.
  return utcToDay(Math.floor(wall / DAY_MS) * DAY_MS);
}

/**
 * The instants already computed, by day and time (the last 4,096): every cell of a calendar and
 * every change of a confirmation asks for its deadline, cut-off and rentrée window, each of which asks
 * Intl for Paris's offset three or four times; the days asked are a few hundred a year.
 */
const instants = keptAnswers((dayAndTime: string) => {
  // Neither a day nor a time holds a « | »: anything else than two parts was not a day and a time.
  const parts = dayAndTime.split('|');
  if (parts.length !== 2) throw new RangeError(`not a day and a time: ${dayAndTime}`);
  return parisInstant(parts[0]!, parts[1]!);
}, 4096);

/**
 * The instant at which the clocks of Paris show `time` ('HH:MM' or 'HH:MM:SS') on `day`.
 *
 * Two days a year a wall-clock time is not one instant:
 * - spring forward (last Sunday of March, 02:00 → 03:00): 02:00–02:59:59 never happens. Such a time
 *   gives the instant right after the gap, 03:00 CEST (01:00 UTC): the first moment that is not
 *   earlier than the time asked, so a deadline set in the gap is never met before its wall time.
 * - fall back (last Sunday of October, 03:00 → 02:00): 02:00–02:59:59 happens twice. Such a time
 *   gives its first occurrence (CEST), the earlier instant, so a deadline never moves later.
 */
export function localInstant(day: LocalDay, time: string): Date {
  return new Date(instants(`${day}|${time}`));
}

/** `localInstant`, computed: in milliseconds since the epoch. */
function parisInstant(day: LocalDay, time: string): number {
  const match = timePattern.exec(time);
  if (!match) throw new RangeError(`not a time: ${time}`);
  const wall = dayToUtc(day) + (Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0)) * 1000;
  // The offsets a day before and after cover the two sides of any change of time near the wall time.
  const offsets = [parisOffset(wall - DAY_MS), parisOffset(wall + DAY_MS)];
  const matching = offsets.map((offset) => wall - offset).filter((candidate) => parisWallClock(candidate) === wall);
  if (matching.length > 0) return Math.min(...matching);
  // In the gap: find the instant the clocks jump (between the two readings), to the second.
  let before = wall - Math.max(...offsets);
  let after = wall - Math.min(...offsets);
  const offsetBefore = parisOffset(before);
  while (after - before > 1000) {
    const middle = before + Math.floor((after - before) / 2000) * 1000;
    if (parisOffset(middle) === offsetBefore) before = middle;
    else after = middle;
  }
  return after;
}

/** The day `n` days after (or before, when negative) `day`. */
export function addDays(day: LocalDay, n: number): LocalDay {
  return utcToDay(dayToUtc(day) + n * DAY_MS);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: LocalDay): IsoWeekday {
  // 1 January 1970, day 0, was a Thursday (4).
  const days = dayToUtc(day) / DAY_MS;
  return (((((days + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

/**
 * How many days `b` comes after `a`: 0 for the same day, negative when `b` comes before. Arithmetic
 * on the two dates alone, so a span typed by someone (a last day in 9999) is measured before any
 * list of its days is built.
 */
export function daysBetween(a: LocalDay, b: LocalDay): number {
  return Math.round((dayToUtc(b) - dayToUtc(a)) / DAY_MS);
}

/**
 * Every day from `first` to `last`, both included; empty when `last` is before `first`. The list is
 * as long as the span: bound a span that comes from a form with `daysBetween` first.
 */
export function daysFrom(first: LocalDay, last: LocalDay): LocalDay[] {
  const days: LocalDay[] = [];
  for (let utc = dayToUtc(first), end = dayToUtc(last); utc <= end; utc += DAY_MS) days.push(utcToDay(utc));
  return days;
}

/** Negative, zero or positive, as for sort(): 'YYYY-MM-DD' strings compare in calendar order. */
export function compareDays(a: LocalDay, b: LocalDay): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** 'YYYY-MM' of a day. */
export function monthOf(day: LocalDay): LocalMonth {
  return day.slice(0, 7);
}

function monthStart(month: LocalMonth): { year: number; month: number } {
  if (!isLocalMonth(month)) throw new RangeError(`not a month: ${month}`);
  const [year, number] = month.split('-').map(Number) as [number, number];
  return { year, month: number };
}

/** Every day of a month, in order. */
export function daysOfMonth(month: LocalMonth): LocalDay[] {
  const { year, month: number } = monthStart(month);
  const first = utcToDay(Date.UTC(year, number - 1, 1));
  const last = utcToDay(Date.UTC(year, number, 0));
  return daysFrom(first, last);
}

/** The month `n` months after (or before) `month`. */
export function addMonths(month: LocalMonth, n: number): LocalMonth {
  const { year, month: number } = monthStart(month);
  return utcToDay(Date.UTC(year, number - 1 + n, 1)).slice(0, 7);
}

// Days are formatted from their UTC noon in UTC: the calendar day itself, no zone involved.
const longDayFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const monthFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** « mardi 17 novembre 2026 »; the first of the month is written « 1er », as French does. */
export const formatDay = keptAnswers((day: LocalDay): string => {
  const text = longDayFormat.format(new Date(dayToUtc(day) + DAY_MS / 2));
  return day.endsWith('-01') ? text.replace(/ 1 /, ' 1er ') : text;
}, KEPT_DAYS);

/** « 17/11/2026 » */
export function formatShortDay(day: LocalDay): string {
  const [year, month, date] = day.split('-');
  dayToUtc(day);
  return `${date}/${month}/${year}`;
}

/** « novembre 2026 » */
export function formatMonth(month: LocalMonth): string {
  const { year, month: number } = monthStart(month);
  return monthFormat.format(new Date(Date.UTC(year, number - 1, 15)));
}

/** Full years of age on a day; someone born on 29 February has a birthday on 1 March in other years. */
export function ageOnDay(birthDate: LocalDay, day: LocalDay): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
