import { createHash } from 'node:crypto';
import type { LocalDay } from '../../../shared/localDays.js';
import {
  type CalendarOfYears,
  type CalendarYear,
  factsFor,
  schoolYearOf,
} from '../../services/domain/schoolCalendar.js';
import type { CatalogueService } from '../../services/domain/catalogueService.js';
import {
  type PlanRefusal,
  type PlanRefusalCode,
  type PlanService,
  type PlannedChange,
  type WantedCell,
  planChanges,
} from './bookingPlan.js';
import { byCell, cellKey, type ServiceDay } from './cells.js';
import { type ReservationChange, placeDelta, rebookLateCancellations } from './lateCancellations.js';

/**
 * The planning and pricing of a child's reservations: the changes the cells asked for would make
 * (each with its timing and majoration, from `bookingPlan.ts`, a day cancelled late put back
 * by `lateCancellations.ts`), the days with no place left, and the summary that names this exact
 * plan. Nothing here reads or writes: the service gives it the bookings and the places.
 */

/** A member of a family, as the reservation pages name them. */
export interface BookingMember {
  id: string;
  familyId: string;
  firstName: string;
  lastName: string;
  relation: string;
  birthDate: string;
  /** « F », « M », or empty: the pages' words agree with it (« inscrite »). */
  sex?: string;
}

/** A booking of the member as a confirmation plans from it: live ('reserve'), or cancelled late (still billable). */
export interface HeldBooking {
  id: string;
  day: LocalDay;
  serviceId: string;
  unit: string;
  status: 'reserve' | 'annule';
  unitPriceCents: number;
  cancelledAt: Date | null;
}

/** A change that will not be made, with its reason in French: closed, too late, not enrolled, or full. */
export interface SummaryRefusal extends Omit<PlanRefusal, 'code'> {
  code: PlanRefusalCode | 'complet';
}

/** What saving would do, as the summary shows it and the confirmation checks it again. */
export interface ReservationSummary {
  member: BookingMember;
  /** The commune's services by id, to name them. */
  services: Map<string, CatalogueService>;
  changes: ReservationChange[];
  refusals: SummaryRefusal[];
  /** The cells asked for: what the confirmation form sends back. */
  wanted: WantedCell[];
  /** Names this exact plan (changes, timings, amounts, refusals): the confirmation applies only the plan the parent saw. */
  fingerprint: string;
  totalMajorationCents: number;
}

/** A member of the family, with what the rules need to plan their days. */
export interface ChildContext<Year extends CalendarYear = CalendarYear> {
  communeId: string;
  member: BookingMember;
  calendar: CalendarOfYears<Year>;
  /** The services the child may book (offered, not holiday sessions), as they are now. */
  services: Map<string, CatalogueService>;
  /** Bookable service ids the child is enrolled in, by school year id. */
  enrolled: Map<string, Set<string>>;
}

export interface Plan {
  changes: ReservationChange[];
  refusals: SummaryRefusal[];
}

const isLimited = (context: ChildContext, serviceId: string) => context.services.get(serviceId)?.placesPerDay != null;

/**
 * The plan of the wanted cells over what the child holds (live bookings and bookings cancelled late),
 * school year by school year (each with its calendar and the child's inscriptions of that year); a day
 * outside every school year is refused. Places are not counted here.
 */
export function evaluate(
  context: ChildContext,
  wanted: readonly WantedCell[],
  held: readonly HeldBooking[],
  now: Date,
): Plan {
  const live = held.filter((booking) => booking.status === 'reserve');
  const units = new Map(live.map((booking) => [cellKey(booking), booking.unit]));
  const byYear = new Map<string, WantedCell[]>();
  const refusals: SummaryRefusal[] = [];
  for (const cell of wanted) {
    const year = schoolYearOf(context.calendar, cell.day);
    if (year) {
      if (!byYear.has(year.id)) byYear.set(year.id, []);
      byYear.get(year.id)!.push(cell);
    } else if ((units.get(cellKey(cell)) ?? null) !== cell.unit)
      refusals.push({
        day: cell.day,
        serviceId: cell.serviceId,
        code: 'hors-annee',
        reason: 'Fermé : hors année scolaire.',
      });
  }
  const planned: PlannedChange[] = [];
  const current = live.map(({ day, serviceId, unit }) => ({ day, serviceId, unit }));
  for (const [yearId, yearCells] of byYear) {
    const facts = factsFor(context.calendar, yearCells[0]!.day)!;
    const enrolled = context.enrolled.get(yearId) ?? new Set<string>();
    const services = new Map<string, PlanService>([...context.services].filter(([id]) => enrolled.has(id)));
    const plan = planChanges({ now, facts, services, current, wanted: yearCells });
    planned.push(...plan.changes);
    refusals.push(...plan.refusals);
  }
  const cancelledLate = held.filter(
    (booking): booking is HeldBooking & { cancelledAt: Date } =>
      booking.status === 'annule' && booking.cancelledAt !== null,
  );
  const changes = rebookLateCancellations(planned, cancelledLate);
  return { changes: changes.sort(byCell), refusals: refusals.sort(byCell) };
}

/** The limited days whose counters the plan moves: what the confirmation locks (ADR 0007). */
export function placesMoved(context: ChildContext, plan: Plan): ServiceDay[] {
  return plan.changes
    .filter((change) => placeDelta(change) !== 0 && isLimited(context, change.serviceId))
    .map(({ serviceId, day }) => ({ serviceId, day }));
}

/** The limited services of the days the plan takes a place on, and the span of those days: what the summary counts without a lock. */
export function placesWanted(
  context: ChildContext,
  plan: Plan,
): { serviceIds: string[]; from: LocalDay; to: LocalDay } | null {
  const taking = plan.changes.filter((change) => placeDelta(change) > 0 && isLimited(context, change.serviceId));
  if (taking.length === 0) return null;
  const days = taking.map((change) => change.day).sort();
  return {
    serviceIds: [...new Set(taking.map((change) => change.serviceId))],
    from: days[0]!,
    to: days[days.length - 1]!,
  };
}

/**
 * « Complet »: a limited day whose places are all taken. `taken` is by `cellKey`, as the repository
 * counts them; a day never counted has none taken. A service with no limit is never full.
 */
export function isFull(placesPerDay: number | null, taken: ReadonlyMap<string, number>, cell: ServiceDay): boolean {
  return placesPerDay !== null && (taken.get(cellKey(cell)) ?? 0) >= placesPerDay;
}

/** A change that takes a place on a limited day with none left becomes a refusal « complet » (a change of a live unit keeps its place). */
export function withPlaces(context: ChildContext, plan: Plan, taken: ReadonlyMap<string, number>): Plan {
  const changes: ReservationChange[] = [];
  const refusals = [...plan.refusals];
  for (const change of plan.changes) {
    if (placeDelta(change) > 0 && isFull(context.services.get(change.serviceId)?.placesPerDay ?? null, taken, change)) {
      refusals.push({
        day: change.day,
        serviceId: change.serviceId,
        code: 'complet',
        reason: 'Complet : il n’y a plus de place ce jour-là.',
      });
    } else changes.push(change);
  }
  return { changes, refusals: refusals.sort(byCell) };
}

export function summarize(context: ChildContext, plan: Plan, wanted: WantedCell[]): ReservationSummary {
  const text = JSON.stringify([
    plan.changes.map((c) => [
      c.day,
      c.serviceId,
      c.action,
      c.unit,
      c.previousUnit ?? '',
      c.timing,
      c.unitPriceCents,
      c.majorationRule,
      c.majorationCents,
      c.billableIfCancelled,
      c.lateCancelled?.effect ?? '',
      c.lateCancelled?.bookingId ?? '',
    ]),
    plan.refusals.map((r) => [r.day, r.serviceId, r.code]),
  ]);
  return {
    member: context.member,
    services: context.services,
    changes: plan.changes,
    refusals: plan.refusals,
    wanted,
    fingerprint: createHash('sha256').update(text).digest('base64url').slice(0, 32),
    totalMajorationCents: plan.changes.reduce((total, change) => total + change.majorationCents, 0),
  };
}
