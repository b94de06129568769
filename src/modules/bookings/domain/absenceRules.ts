/**
 * « Signaler une absence » (PRODUCT.md, reference/DEADLINES.md): which absences a family may still
 * report online, against the clock.
 *
 * - An illness on day D can be reported until D at the service's illness-report hour (09:00 by
 *   default), inclusive; after it only the guichet unique can record it. The first day decides: every
 *   later day of the range is reportable whenever the first one is. With several services, the
 *   earliest hour among them decides, since the report covers them all.
 * - Another reason can be reported for any day that is not past; it is recorded, but the days stay
 *   billable: only an illness, once the guichet unique has seen its certificate, justifies them.
 * - A range runs from its first to its last day, both included, 31 days at most, on one service at least.
 */
import { compareDays, daysBetween, daysFrom, localDayOf, type LocalDay } from '../../../shared/localDays.js';
import { illnessReport } from '../../services/domain/deadlines.js';

export type AbsenceReason = 'maladie' | 'autre';
export const ABSENCE_REASONS: readonly AbsenceReason[] = ['maladie', 'autre'];

/** The longest absence reported at once: a month. Longer ones are a matter for the guichet unique. */
export const MAX_ABSENCE_DAYS = 31;

export interface AbsenceReport {
  now: Date;
  firstDay: LocalDay;
  lastDay: LocalDay;
  reason: AbsenceReason;
  /** The illness-report hour ('HH:MM' or 'HH:MM:SS') of each service the absence covers. */
  illnessReportTimes: string[];
}

/** Why an absence cannot be reported online, tied to the field the family should change. */
export type AbsenceProblem =
  | { field: 'lastDay'; problem: 'before-first-day' }
  | { field: 'lastDay'; problem: 'too-long'; maxDays: number }
  | { field: 'firstDay'; problem: 'past' }
  /** An illness on today's date, past the report hour: `until` is when it closed. */
  | { field: 'firstDay'; problem: 'illness-too-late'; until: Date }
  | { field: 'services'; problem: 'no-service' };

/** Everything wrong with the report, in the order of the form; empty when it can be made. */
export function absenceProblems(report: AbsenceReport): AbsenceProblem[] {
  const problems: AbsenceProblem[] = [];
  const { now, firstDay, lastDay, reason, illnessReportTimes } = report;
  const today = localDayOf(now);
  if (compareDays(firstDay, today) < 0) {
    problems.push({ field: 'firstDay', problem: 'past' });
  } else if (reason === 'maladie' && illnessReportTimes.length > 0) {
    // The earliest hour closes first: once it has passed, the report no longer covers every service.
    const closed = illnessReportTimes
      .map((time) => illnessReport({ now, day: firstDay, time }))
      .filter((report) => !report.allowed)
      .sort((a, b) => a.until.getTime() - b.until.getTime());
    if (closed[0]) problems.push({ field: 'firstDay', problem: 'illness-too-late', until: closed[0].until });
  }
  if (compareDays(lastDay, firstDay) < 0) problems.push({ field: 'lastDay', problem: 'before-first-day' });
  // Measured, not listed: a last day typed in 9999 must not build millions of days first.
  else if (daysBetween(firstDay, lastDay) + 1 > MAX_ABSENCE_DAYS)
    problems.push({ field: 'lastDay', problem: 'too-long', maxDays: MAX_ABSENCE_DAYS });
  if (illnessReportTimes.length === 0) problems.push({ field: 'services', problem: 'no-service' });
  return problems;
}

/** An absence of the member already reported: its days (both included) and services. */
export interface ReportedRange {
  firstDay: LocalDay;
  lastDay: LocalDay;
  serviceIds: readonly string[];
}

/**
 * The first reported absence that shares a day and a service with the new report, or null. Given the
 * absences whose request is still open or accepted, it is the same absence reported twice (a double
 * click, two parents at once): one request is enough, and the second is refused. An absence with no
 * service listed covers them all.
 */
export function overlappingAbsence<T extends ReportedRange>(reported: readonly T[], report: ReportedRange): T | null {
  const services = new Set(report.serviceIds);
  return (
    reported.find(
      (absence) =>
        compareDays(absence.firstDay, report.lastDay) <= 0 &&
        compareDays(report.firstDay, absence.lastDay) <= 0 &&
        (absence.serviceIds.length === 0 || absence.serviceIds.some((id) => services.has(id))),
    ) ?? null
  );
}

/**
 * Whether accepting the report justifies its days (they are then not billed): an illness, whose
 * certificate the guichet unique has seen. Another reason stays billable even once accepted.
 */
export function justifiesWhenAccepted(reason: AbsenceReason): boolean {
  return reason === 'maladie';
}

/** The days of a range that fall inside another range, both inclusive: what a query's window keeps of an absence. */
export function daysWithin(
  range: { firstDay: LocalDay; lastDay: LocalDay },
  window: { from: LocalDay; to: LocalDay },
): LocalDay[] {
  const first = compareDays(range.firstDay, window.from) < 0 ? window.from : range.firstDay;
  const last = compareDays(range.lastDay, window.to) > 0 ? window.to : range.lastDay;
  return compareDays(first, last) <= 0 ? daysFrom(first, last) : [];
}

/** The document type whose validation justifies a child's illness: the medical certificate. */
export const MEDICAL_CERTIFICATE = 'certificat-medical';

/**
 * Whether a medical certificate valid from `validFrom` to `validUntil` (null: with no end) justifies
 * an absence: an illness whose every day it covers. An absence longer than the certificate stays
 * billable until the guichet unique sees one that covers it all (or accepts the report).
 */
export function certificateJustifies(
  absence: { reason: AbsenceReason; firstDay: LocalDay; lastDay: LocalDay },
  certificate: { validFrom: LocalDay; validUntil: LocalDay | null },
): boolean {
  return (
    absence.reason === 'maladie' &&
    compareDays(certificate.validFrom, absence.firstDay) <= 0 &&
    (certificate.validUntil === null || compareDays(absence.lastDay, certificate.validUntil) <= 0)
  );
}
