/**
 * Booking again a day whose booking was cancelled late. A late cancellation stays billable
 * (reference/DEADLINES.md), so booking that day again must not bill it a second time: the booking
 * cancelled late comes back as it was — its unit price, and no new majoration, since it was billable
 * all along. Another unit is a change of unit, with bookingPlan's rules: the new unit is booked with
 * its own timing and majoration, and the unit cancelled late stays billable, as a unit replaced late
 * does. A day cancelled on time was not billable: it is booked anew, and is no concern of this file.
 */
import type { LocalDay } from '../../../shared/localDays.js';
import type { PlannedChange } from './bookingPlan.js';
import { cellKey } from './cells.js';

/** A booking of the child cancelled late, still billable. */
export interface LateCancelledBooking {
  id: string;
  day: LocalDay;
  serviceId: string;
  unit: string;
  unitPriceCents: number;
  /** A cell may hold several (a unit replaced late, then the new one cancelled late): the latest is the one a new unit replaces. */
  cancelledAt: Date;
}

/**
 * A planned change, with the booking cancelled late it builds on, if any:
 * - `restore`: that booking is put back, as the unit booked (its price, no majoration);
 * - `replace`: another unit is booked, and that booking stays as it is, cancelled late and billable.
 */
export interface ReservationChange extends PlannedChange {
  lateCancelled?: { bookingId: string; effect: 'restore' | 'replace' };
}

/**
 * The plan's changes, made aware of the child's bookings cancelled late. `changes` come from
 * `planChanges` over the live bookings only: a cell whose booking was cancelled late is free there,
 * and a unit booked on it is a 'book' (or a 'change-unit' when a live unit is also replaced).
 */
export function rebookLateCancellations(
  changes: readonly PlannedChange[],
  cancelled: readonly LateCancelledBooking[],
): ReservationChange[] {
  const byCell = new Map<string, LateCancelledBooking[]>();
  for (const booking of [...cancelled].sort((a, b) => b.cancelledAt.getTime() - a.cancelledAt.getTime())) {
    const key = cellKey(booking);
    if (!byCell.has(key)) byCell.set(key, []);
    byCell.get(key)!.push(booking);
  }
  return changes.map((change): ReservationChange => {
    const bookings = byCell.get(cellKey(change));
    if (!bookings || change.action === 'cancel') return change;
    const same = bookings.find((booking) => booking.unit === change.unit);
    if (same) {
      // The live unit a change replaces (if any) ends as the plan said; the unit booked is the one already billable.
      return {
        ...change,
        unitPriceCents: same.unitPriceCents,
        majorationRule: null,
        majorationCents: 0,
        lateCancelled: { bookingId: same.id, effect: 'restore' },
      };
    }
    // A live unit replaced keeps the plan's change as it is: the unit cancelled late stays billable beside it.
    if (change.action !== 'book') return change;
    const latest = bookings[0]!;
    // Cancelled late, that unit is billable whatever the timing of this change: nothing ends, nothing is given back.
    return {
      ...change,
      action: 'change-unit',
      previousUnit: latest.unit,
      billableIfCancelled: true,
      lateCancelled: { bookingId: latest.id, effect: 'replace' },
    };
  });
}

/**
 * How a change moves the places of a limited day: a booking takes one, a cancellation gives one back,
 * a change of a live unit keeps its one; a unit booked beside one cancelled late takes one, since the
 * cancellation gave its place back.
 */
export function placeDelta(change: ReservationChange): -1 | 0 | 1 {
  if (change.action === 'book') return 1;
  if (change.action === 'cancel') return -1;
  return change.lateCancelled?.effect === 'replace' ? 1 : 0;
}
