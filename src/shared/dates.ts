/**
 * Days and times as the commune reads them: Europe/Paris, whatever the server's time zone.
 * Rules compare instants; these helpers only format them for people.
 */
export const COMMUNE_TIME_ZONE = 'Europe/Paris';

const dateFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: COMMUNE_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const yearFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: COMMUNE_TIME_ZONE, year: 'numeric' });

/** 21/06/2019 */
export function formatLocalDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** The calendar year of an instant in the commune's time zone (the © line turns at local midnight). */
export function localYear(instant: Date): number {
  return Number(yearFormat.format(instant));
}
