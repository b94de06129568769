/**
 * On time, late or refused: the deadline engine of reference/DEADLINES.md.
 *
 * - Deadline of a change for day D: (D − N days) at T, inclusive.
 * - Rentrée window: until W at 23:59:59 inclusive, every change for a day of that school year is on
 *   time, for the services where it applies (not the holiday sessions).
 * - Hard cut-off: (D − M days) at T'; after it nothing is changed online. A past day never is.
 * - Illness report: until D at the service's hour.
 *
 * Deadlines are written to the second (« 23:59:59 »), so instants are compared to the second:
 * 23:59:59.400 is still « at 23:59:59 », 00:00:00 the next day is after it.
 */
import { addDays, localDayOf, localInstant, type LocalDay } from '../../../shared/localDays.js';

export interface DeadlineRule {
  deadlineDaysBefore: number;
  /** 'HH:MM' or 'HH:MM:SS', Europe/Paris. */
  deadlineTime: string;
  cutoffDaysBefore: number;
  cutoffTime: string;
  /** Whether the rentrée window applies to this service. */
  rentreeWindow: boolean;
}

export type ChangeTimingKind = 'on-time' | 'late' | 'refused';
export type RefusalReason = 'passe' | 'cut-off';

export interface ChangeTiming {
  timing: ChangeTimingKind;
  /** Set when refused: the day is past, or the hard cut-off has passed. */
  refusal?: RefusalReason;
  deadline: Date;
  cutoff: Date;
  /**
   * Until when a change is on time: the later of the deadline and the end of the rentrée window
   * (when it applies), never later than the cut-off, since nothing is changed online after it.
   */
  onTimeUntil: Date;
}

/** The end of the rentrée window: the last second of its last day. */
export const RENTREE_WINDOW_TIME = '23:59:59';

function wholeSeconds(instant: Date): number {
  return Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The rentrée window to give `changeTiming` for a day: the window of the day's own school year.
 * A day outside that year (the previous or the next one) gets none.
 */
export function rentreeWindowFor(
  day: LocalDay,
  year: { startsOn: LocalDay; endsOn: LocalDay; rentreeWindowEndsOn: LocalDay },
): LocalDay | undefined {
  return year.startsOn <= day && day <= year.endsOn ? year.rentreeWindowEndsOn : undefined;
}

/**
 * The timing of a change (book or cancel) made at `now` for `day` (a session's first day for a
 * holiday session). `rentreeWindowEndsOn` must be the window of the day's school year
 * (`rentreeWindowFor`); it counts only when the rule says the window applies.
 */
export function changeTiming(input: {
  now: Date;
  day: LocalDay;
  rule: DeadlineRule;
  rentreeWindowEndsOn?: LocalDay | null;
}): ChangeTiming {
  const { now, day, rule, rentreeWindowEndsOn } = input;
  const deadline = localInstant(addDays(day, -rule.deadlineDaysBefore), rule.deadlineTime);
  const cutoff = localInstant(addDays(day, -rule.cutoffDaysBefore), rule.cutoffTime);
  let onTime = deadline.getTime();
  if (rule.rentreeWindow && rentreeWindowEndsOn)
    onTime = Math.max(onTime, localInstant(rentreeWindowEndsOn, RENTREE_WINDOW_TIME).getTime());
  const onTimeUntil = new Date(Math.min(onTime, cutoff.getTime()));
  const at = wholeSeconds(now);
  const dates = { deadline, cutoff, onTimeUntil };
  if (day < localDayOf(now)) return { timing: 'refused', refusal: 'passe', ...dates };
  if (at > cutoff.getTime()) return { timing: 'refused', refusal: 'cut-off', ...dates };
  return { timing: at <= onTimeUntil.getTime() ? 'on-time' : 'late', ...dates };
}

/**
 * Whether an illness on `day` can still be reported online at `now`: until `day` at `time`
 * (the service's illness-report hour), inclusive. Earlier days are past it, later days are not.
 */
export function illnessReport(input: { now: Date; day: LocalDay; time: string }): { allowed: boolean; until: Date } {
  const until = localInstant(input.day, input.time);
  return { allowed: wholeSeconds(input.now) <= until.getTime(), until };
}
