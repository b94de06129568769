/**
 * Whether a service opens on a day: the school year, the commune's closure days, the public
 * holidays, the school holidays and the service's weekdays, in that order, so that a closed day
 * gives the reason a parent most needs to read (a closure or a holiday before « no service on
 * that weekday »).
 */
import { isoWeekday, type LocalDay } from '../../../shared/localDays.js';
import { publicHolidayOn } from './publicHolidays.js';

export type CalendarPeriodKind = 'vacances' | 'fermeture';

/** What the rules need of the commune's calendar for one school year. */
export interface CalendarFacts {
  year: { startsOn: LocalDay; endsOn: LocalDay; rentreeWindowEndsOn: LocalDay };
  /** Days off, both ends included: school holidays and the commune's closure days. */
  periods: { kind: CalendarPeriodKind; label: string; startsOn: LocalDay; endsOn: LocalDay }[];
}

/** A school year as the calendar's rules read it. */
export interface CalendarYear {
  id: string;
  startsOn: LocalDay;
  endsOn: LocalDay;
  rentreeWindowEndsOn: LocalDay;
}

/** The commune's calendar as the rules read it: its school years and its days off. */
export interface CalendarOfYears<Year extends CalendarYear = CalendarYear> {
  years: Year[];
  periods: CalendarFacts['periods'];
}

/** The school year holding a day, if any. */
export function schoolYearOf<Year extends CalendarYear>(calendar: CalendarOfYears<Year>, day: LocalDay): Year | null {
  return calendar.years.find((year) => year.startsOn <= day && day <= year.endsOn) ?? null;
}

/**
 * The facts the calendar rules need for a day: its school year (none: the day is outside every year) and
 * the commune's days off.
 */
export function factsFor(calendar: CalendarOfYears, day: LocalDay): CalendarFacts | null {
  const year = schoolYearOf(calendar, day);
  if (!year) return null;
  return {
    year: { startsOn: year.startsOn, endsOn: year.endsOn, rentreeWindowEndsOn: year.rentreeWindowEndsOn },
    periods: calendar.periods.map(({ kind, label, startsOn, endsOn }) => ({ kind, label, startsOn, endsOn })),
  };
}

/** When a service may open. */
export interface ServiceOpening {
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  openWeekdays: number[];
  /** Closed during school holidays (the periscolaire services). */
  schoolPeriodsOnly: boolean;
}

export type ClosedReason = 'hors-annee' | 'jour-sans-accueil' | 'vacances' | 'ferie' | 'fermeture';

export type DayOpening = { open: true } | { open: false; reason: ClosedReason; label: string };

/** The period of a kind that covers a day, if any. */
export function periodOn(
  day: LocalDay,
  facts: CalendarFacts,
  kind: CalendarPeriodKind,
): CalendarFacts['periods'][number] | null {
  return facts.periods.find((period) => period.kind === kind && period.startsOn <= day && day <= period.endsOn) ?? null;
}

/** True when a day is inside the school year (both ends included). */
export function inSchoolYear(day: LocalDay, facts: CalendarFacts): boolean {
  return facts.year.startsOn <= day && day <= facts.year.endsOn;
}

/** Whether `service` opens on `day`; when not, why, in the words shown to families. */
export function dayOpening(day: LocalDay, facts: CalendarFacts, service: ServiceOpening): DayOpening {
  if (!inSchoolYear(day, facts)) return { open: false, reason: 'hors-annee', label: 'Hors année scolaire' };
  const closure = periodOn(day, facts, 'fermeture');
  if (closure) return { open: false, reason: 'fermeture', label: closure.label };
  const holiday = publicHolidayOn(day);
  if (holiday) return { open: false, reason: 'ferie', label: `${holiday.label} (jour férié)` };
  if (service.schoolPeriodsOnly) {
    const schoolHolidays = periodOn(day, facts, 'vacances');
    if (schoolHolidays) return { open: false, reason: 'vacances', label: schoolHolidays.label };
  }
  if (!service.openWeekdays.includes(isoWeekday(day)))
    return { open: false, reason: 'jour-sans-accueil', label: "Pas d'accueil ce jour-là" };
  return { open: true };
}
