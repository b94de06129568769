/**
 * Days and times as the commune reads them: Europe/Paris, whatever the server's time zone.
 * Rules compare instants; these helpers only format them for people.
 */
import { keptAnswers } from './keptAnswers.js';

export const COMMUNE_TIME_ZONE = 'Europe/Paris';

export const HOUR_MS = 3_600_000;

const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: COMMUNE_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const yearFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: COMMUNE_TIME_ZONE, year: 'numeric' });

/** 21/06/2019 */
export function formatLocalDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** The calendar year of an instant in the commune's time zone (the © line turns at local midnight). */
export function localYear(instant: Date): number {
  return yearOfHour(Math.floor(instant.getTime() / HOUR_MS));
}

// Asked by every page's footer. Paris turns a year at a whole UTC hour, so each UTC hour has one year.
const yearOfHour = keptAnswers((hour: number) => Number(yearFormat.format(new Date(hour * HOUR_MS))), 64);

const timeFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: COMMUNE_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** HH:MM in the commune's time zone, e.g. « 12:06 ». */
export function formatLocalTime(instant: Date): string {
  return timeFormat.format(instant);
}

/** « 21/06/2019 à 12:06 », the way the portal tells an instant. */
export function formatLocalDateTime(instant: Date): string {
  return `${formatLocalDate(instant)} à ${formatLocalTime(instant)}`;
}

/** « 10:02 » when it is today, « 10:00 le 03/11/2026 » on another day: when a delay ends. */
export function formatUntil(until: Date, now: Date): string {
  const day = formatLocalDate(until);
  return day === formatLocalDate(now) ? formatLocalTime(until) : `${formatLocalTime(until)} le ${day}`;
}
