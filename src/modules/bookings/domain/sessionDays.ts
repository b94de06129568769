/**
 * The days a holiday session runs. A session is set up by its first and last day; it runs on the
 * days of that range its service opens (its weekdays), except public holidays and the commune's
 * closure days. Neither the school year (summer sessions run after its last day) nor the school
 * holidays (when sessions run) close it.
 */
import type { LocalDay } from '../../../shared/localDays.js';
import {
  type CalendarFacts,
  type DayOpening,
  type ServiceOpening,
  dayOpening,
} from '../../services/domain/schoolCalendar.js';

/** Whether a session of a service with this opening runs on `day`, by the calendar's rules; when not, why. */
export function sessionDayOpening(
  day: LocalDay,
  periods: CalendarFacts['periods'],
  opening: Pick<ServiceOpening, 'openWeekdays'>,
): DayOpening {
  // The day stands for its own year: only the closures, public holidays and weekdays can close it.
  return dayOpening(
    day,
    { year: { startsOn: day, endsOn: day, rentreeWindowEndsOn: day }, periods },
    { openWeekdays: opening.openWeekdays, schoolPeriodsOnly: false },
  );
}
