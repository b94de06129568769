/**
 * The « semaine type »: book every Monday, Tuesday… of a period in one go. A pattern says, for
 * each weekday, which services (and which unit) the child attends; expanding it over the period
 * gives the wanted cells of its open days, which `planChanges` then turns into changes.
 */
import { daysFrom, isoWeekday, type LocalDay } from '../../../shared/localDays.js';
import { dayOpening, type CalendarFacts, type ServiceOpening } from '../../services/domain/schoolCalendar.js';
import type { WantedCell } from './bookingPlan.js';

/**
 * For an ISO weekday (1 = Monday … 7 = Sunday), either the services booked with their first unit
 * (a set of service ids), or each service with the unit wanted: a code, or null for « not booked »
 * (the pattern then cancels that weekday's bookings). Weekdays and services left out are unchanged.
 */
export type WeekPattern = ReadonlyMap<number, ReadonlySet<string> | ReadonlyMap<string, string | null>>;

export interface PatternService {
  opening: ServiceOpening;
  units: readonly { code: string }[];
}

export interface WeekPatternInput {
  /** First and last day of the period, both included. */
  from: LocalDay;
  to: LocalDay;
  pattern: WeekPattern;
  facts: CalendarFacts;
  /** The child's services; a service id of the pattern that is not here gives no cell. */
  services: ReadonlyMap<string, PatternService>;
}

function unitsOfWeekday(
  entry: ReadonlySet<string> | ReadonlyMap<string, string | null>,
  services: ReadonlyMap<string, PatternService>,
): [string, string | null][] {
  if (entry instanceof Map) return [...(entry as ReadonlyMap<string, string | null>).entries()];
  return [...(entry as ReadonlySet<string>)].flatMap((serviceId): [string, string | null][] => {
    const first = services.get(serviceId)?.units[0];
    return first ? [[serviceId, first.code]] : [];
  });
}

/** The wanted cells of a pattern over a period, on the days each service opens, in day order. */
export function expandWeekPattern(input: WeekPatternInput): WantedCell[] {
  const cells: WantedCell[] = [];
  for (const day of daysFrom(input.from, input.to)) {
    const entry = input.pattern.get(isoWeekday(day));
    if (!entry) continue;
    for (const [serviceId, unit] of unitsOfWeekday(entry, input.services)) {
      const service = input.services.get(serviceId);
      if (service && dayOpening(day, input.facts, service.opening).open) cells.push({ day, serviceId, unit });
    }
  }
  return cells;
}
