/**
 * What a change of the set-up means for what families have already booked. The bookings made stay as
 * they are (they were taken under the rules of their time): the administrator is told what they now
 * go beyond, so that the families concerned can be called.
 */
import type { LocalDay } from '../../../shared/localDays.js';

/** A day of a service and the live bookings it holds. */
export interface DayBookings {
  day: LocalDay;
  booked: number;
}

/**
 * The days from `from` on that hold more bookings than the service's places per day, in day order:
 * they keep their bookings and take no new one until places free up.
 */
export function daysOverLimit(
  days: readonly DayBookings[],
  placesPerDay: number | null,
  from: LocalDay,
): DayBookings[] {
  if (placesPerDay === null) return [];
  return days
    .filter((day) => day.day >= from && day.booked > placesPerDay)
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

/** What children are booked or waiting for a session under: its dates, the ages it takes, the service it belongs to. */
export type SessionTerm = 'dates' | 'ages' | 'service';
export const SESSION_TERMS: readonly SessionTerm[] = ['dates', 'ages', 'service'];

const termSettings: Record<SessionTerm, readonly string[]> = {
  dates: ['startsOn', 'endsOn'],
  ages: ['minAge', 'maxAge'],
  service: ['serviceId'],
};

/** The terms touched by the session's settings that changed (its price or places are not terms a child was booked under). */
export function sessionTermsChanged(changedSettings: readonly string[]): SessionTerm[] {
  return SESSION_TERMS.filter((term) => termSettings[term].some((setting) => changedSettings.includes(setting)));
}
