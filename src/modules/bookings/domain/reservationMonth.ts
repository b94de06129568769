import { addMonths, daysOfMonth, type LocalDay, type LocalMonth } from '../../../shared/localDays.js';
import {
  changeTiming,
  rentreeWindowFor,
  type ChangeTimingKind,
  type RefusalReason,
} from '../../services/domain/deadlines.js';
import { describeMajoration, majorationAmount } from '../../services/domain/majoration.js';
import { dayOpening, factsFor, schoolYearOf } from '../../services/domain/schoolCalendar.js';
import type { CatalogueService } from '../../services/domain/catalogueService.js';
import { cellKey } from './cells.js';
import { type BookingMember, type ChildContext, type HeldBooking, isFull } from './reservationPlan.js';

/** A cell of the month calendar. */
export type CellState =
  | { kind: 'ferme'; label: string }
  | { kind: 'non-inscrit' }
  | {
      kind: 'ouvert';
      bookedUnit: string | null;
      /** The unit of the child's booking cancelled late on a day not booked now: still billed, and put back without majoration if booked again. */
      cancelledLate: string | null;
      /** No place left for a child who does not hold one. */
      complet: boolean;
      timing: ChangeTimingKind;
      refusal?: RefusalReason;
      onTimeUntil: Date;
      cutoff: Date;
      majorationRule: string;
      /** The majoration of each unit if booked now, in cents (0 when on time, or for the unit cancelled late). */
      majorations: Record<string, number>;
    };

export interface MonthView {
  member: BookingMember;
  month: LocalMonth;
  previous: LocalMonth;
  next: LocalMonth;
  /** The columns: the services the child is enrolled in for a school year of the month. */
  services: CatalogueService[];
  /** Every service the child may book, by id: to name what a confirmation wrote on other months. */
  bookable: ReadonlyMap<string, CatalogueService>;
  days: { day: LocalDay; cells: { serviceId: string; state: CellState }[] }[];
}

/** The month's first and last days, and its columns: the services the child is enrolled in for a school year of the month. */
export function monthFrame(
  context: ChildContext,
  month: LocalMonth,
): { days: LocalDay[]; columns: CatalogueService[] } {
  const days = daysOfMonth(month);
  const first = days[0]!;
  const last = days[days.length - 1]!;
  const years = context.calendar.years.filter((year) => year.startsOn <= last && year.endsOn >= first);
  const columnIds = new Set(years.flatMap((year) => [...(context.enrolled.get(year.id) ?? [])]));
  return { days, columns: [...context.services.values()].filter((service) => columnIds.has(service.id)) };
}

/**
 * The calendar of one month at `now`, from what the child holds in the month (live bookings, bookings
 * cancelled late) and the places taken on its limited days.
 */
export function monthView(
  context: ChildContext,
  month: LocalMonth,
  held: readonly HeldBooking[],
  taken: ReadonlyMap<string, number>,
  now: Date,
): MonthView {
  const { days, columns } = monthFrame(context, month);
  const booked = new Map(
    held.filter((booking) => booking.status === 'reserve').map((booking) => [cellKey(booking), booking.unit]),
  );
  // Several may have been cancelled late on a day: the one the calendar names is the last.
  const cancelled = new Map(
    held
      .filter((booking) => booking.status === 'annule')
      .sort((a, b) => (a.cancelledAt?.getTime() ?? 0) - (b.cancelledAt?.getTime() ?? 0))
      .map((booking) => [cellKey(booking), booking.unit]),
  );
  return {
    member: context.member,
    month,
    previous: addMonths(month, -1),
    next: addMonths(month, 1),
    services: columns,
    bookable: context.services,
    days: days.map((day) => ({
      day,
      cells: columns.map((service) => {
        const key = cellKey({ serviceId: service.id, day });
        const unit = booked.get(key) ?? null;
        return {
          serviceId: service.id,
          state: cellState(
            context,
            service,
            day,
            { unit, cancelledLate: unit === null ? (cancelled.get(key) ?? null) : null },
            taken,
            now,
          ),
        };
      }),
    })),
  };
}

/** The state of one cell of the calendar at `now`: closed, not enrolled, or open with its deadline and price. */
function cellState(
  context: ChildContext,
  service: CatalogueService,
  day: LocalDay,
  held: { unit: string | null; cancelledLate: string | null },
  taken: ReadonlyMap<string, number>,
  now: Date,
): CellState {
  const year = schoolYearOf(context.calendar, day);
  const facts = factsFor(context.calendar, day);
  if (!year || !facts) return { kind: 'ferme', label: 'Hors année scolaire' };
  const opening = dayOpening(day, facts, service.opening);
  if (!opening.open) return { kind: 'ferme', label: opening.label };
  if (!context.enrolled.get(year.id)?.has(service.id)) return { kind: 'non-inscrit' };
  const timing = changeTiming({ now, day, rule: service.rule, rentreeWindowEndsOn: rentreeWindowFor(day, facts.year) });
  const late = timing.timing === 'late';
  return {
    kind: 'ouvert',
    bookedUnit: held.unit,
    cancelledLate: held.cancelledLate,
    complet: held.unit === null && isFull(service.placesPerDay, taken, { serviceId: service.id, day }),
    timing: timing.timing,
    ...(timing.refusal ? { refusal: timing.refusal } : {}),
    onTimeUntil: timing.onTimeUntil,
    cutoff: timing.cutoff,
    majorationRule: describeMajoration(service.majoration),
    // The unit cancelled late comes back as it was (lateCancellations.ts): no majoration for it.
    majorations: Object.fromEntries(
      service.units.map((unit) => [
        unit.code,
        late && unit.code !== held.cancelledLate ? majorationAmount(unit.priceCents, service.majoration) : 0,
      ]),
    ),
  };
}
