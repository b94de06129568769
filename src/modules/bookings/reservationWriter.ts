import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { BookingsRepository, CellToBook, EndedBooking, ServiceDay } from './bookingsRepository.js';
import { type ReservationChange, placeDelta } from './domain/lateCancellations.js';
import { cellKey } from './domain/cells.js';

/** Who books: the parent's account, or an agent at the desk. */
export interface BookingAuthor {
  kind: 'citizen' | 'agent';
  id: string;
}

export interface ChangesToWrite {
  communeId: string;
  familyId: string;
  memberId: string;
  /** The plan the parent confirmed, made again and found the same. */
  changes: readonly ReservationChange[];
  /** Whether a service counts its places per day: the changes on its days move their counters. */
  limited: (serviceId: string) => boolean;
  author: BookingAuthor;
  now: Date;
}

/**
 * Writes a confirmed plan, in the caller's transaction (which holds the locks of the limited days the
 * plan moves, ADR 0007): the live bookings ended, the bookings cancelled late put back, the new ones
 * inserted, the counters moved — one statement each at most, whatever the number of days. Every write
 * is conditional, so that what another writer did meanwhile wins: a booking ended only while still
 * live and of the unit planned, put back only while still cancelled, inserted only where the child
 * holds no live booking (`bookings_one_live_per_day`). The changes really made come back, in plan order.
 */
export async function writeChanges(
  repository: BookingsRepository,
  input: ChangesToWrite,
  tx: Db,
): Promise<ReservationChange[]> {
  const { communeId, memberId, changes, author, now } = input;
  const restores = (change: ReservationChange) => change.lateCancelled?.effect === 'restore';
  // A unit cancelled late and replaced is not live: nothing of it ends.
  const ends: EndedBooking[] = changes
    .filter((c) => c.action === 'cancel' || (c.action === 'change-unit' && c.lateCancelled?.effect !== 'replace'))
    .map((c) => ({
      serviceId: c.serviceId,
      day: c.day,
      unit: c.action === 'cancel' ? c.unit : c.previousUnit!,
      late: c.billableIfCancelled,
    }));
  const ended = new Set((await repository.endLive(communeId, memberId, ends, now, tx)).map(cellKey));
  // A change of a live unit writes its new unit only once the old one has ended.
  const free = (c: ReservationChange) =>
    c.action === 'book' || c.lateCancelled?.effect === 'replace' || ended.has(cellKey(c));

  const by = {
    bookedAt: now,
    bookedByKind: author.kind,
    bookedById: author.id,
    source: author.kind === 'citizen' ? ('famille' as const) : ('guichet' as const),
  };
  // Put back as it was (unit, price, majoration of its own booking), by whom and when it is booked again.
  const toRestore = changes.filter((c) => restores(c) && free(c)).map((c) => c.lateCancelled!.bookingId);
  const restored = new Set((await repository.restoreLateCancelled(communeId, toRestore, by, tx)).map(cellKey));

  const cells: CellToBook[] = changes
    .filter((c) => c.action !== 'cancel' && !restores(c) && free(c))
    .map((c) => ({
      serviceId: c.serviceId,
      day: c.day,
      unit: c.unit,
      late: c.timing === 'late',
      unitPriceCents: c.unitPriceCents,
      majorationRule: c.majorationRule,
      majorationCents: c.majorationCents,
    }));
  const booked = new Set(
    (await repository.insertLive({ communeId, familyId: input.familyId, memberId, ...by }, cells, tx)).map(cellKey),
  );

  const applied = changes.filter((c) =>
    (c.action === 'cancel' ? ended : restores(c) ? restored : booked).has(cellKey(c)),
  );
  const moves = applied
    .filter((c) => input.limited(c.serviceId))
    .map((c): ServiceDay & { delta: number } => ({ serviceId: c.serviceId, day: c.day, delta: placeDelta(c) }));
  await repository.movePlaces(communeId, moves, tx);
  return applied;
}

/**
 * Writes a confirmed plan in one transaction, or without one when the plan is a single statement on
 * its own: it only books (nothing put back, no unit changed) or only cancels, on services that count
 * no places. One statement is atomic by itself; `BEGIN` and `COMMIT` around it would be two statements
 * more for nothing. A plan that counts places is written by the caller, under the locks it took.
 */
export function writeConfirmed(
  db: Db,
  repository: BookingsRepository,
  input: ChangesToWrite,
): Promise<ReservationChange[]> {
  return isOneStatement(input)
    ? writeChanges(repository, input, db)
    : inTransaction(db, (tx) => writeChanges(repository, input, tx));
}

function isOneStatement({ changes, limited }: ChangesToWrite): boolean {
  if (changes.some((c) => limited(c.serviceId))) return false;
  return (
    changes.every((c) => c.action === 'book' && c.lateCancelled?.effect !== 'restore') ||
    changes.every((c) => c.action === 'cancel')
  );
}
