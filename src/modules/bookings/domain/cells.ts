/**
 * A (day, service) cell: a day of a child's calendar for one service, or a day of a limited service
 * whose places are counted. Bookings, places, plans and absences are matched cell by cell, always
 * through `cellKey`, so two maps built in different files agree on their keys.
 */
import type { LocalDay } from '../../../shared/localDays.js';

export interface ServiceDay {
  serviceId: string;
  day: LocalDay;
}

/** The key of a cell in a Map or a Set: equal for the same day and service, different otherwise. */
export function cellKey(cell: ServiceDay): string {
  // A day has no '|' and a service id (a UUID) neither: the key cannot be read two ways. The service
  // comes first: the places of one service are read back by day after it (servicesService.daysOverLimit).
  return `${cell.serviceId}|${cell.day}`;
}

/** Cells in calendar order, then by service id: the order plans, refusals and locks are listed in. */
export function byCell(a: ServiceDay, b: ServiceDay): number {
  if (a.day !== b.day) return a.day < b.day ? -1 : 1;
  return a.serviceId < b.serviceId ? -1 : a.serviceId > b.serviceId ? 1 : 0;
}
