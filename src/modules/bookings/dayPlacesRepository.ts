import { and, asc, eq, gte, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { LocalDay } from '../../shared/localDays.js';
import { serviceDayPlaces } from './bookingsSchema.js';
import { cellKey, type ServiceDay } from './domain/cells.js';

export type { ServiceDay } from './domain/cells.js';

/** A limited day's counter moved by a confirmation: +1 for a place taken, −1 for one given back. */
export interface PlaceMove extends ServiceDay {
  delta: number;
}

/**
 * The places of the days of services that have a limit (`service_day_places`), every method scoped to
 * the commune: read without a lock for the pages, locked in (service, day) order and moved in the
 * transaction of a confirmation, counted again from the bookings when a limit is set (ADR 0007).
 */
export class DayPlacesRepository {
  constructor(protected readonly db: Db) {}

  /** Places taken on the days of limited services, by `cellKey`: what the calendar shows as « complet ». */
  async placesTaken(
    communeId: string,
    serviceIds: readonly string[],
    from: LocalDay,
    to: LocalDay,
    tx: Db = this.db,
  ): Promise<Map<string, number>> {
    if (serviceIds.length === 0) return new Map();
    const rows = await tx
      .select()
      .from(serviceDayPlaces)
      .where(
        and(
          eq(serviceDayPlaces.communeId, communeId),
          inArray(serviceDayPlaces.serviceId, [...serviceIds]),
          gte(serviceDayPlaces.day, from),
          lte(serviceDayPlaces.day, to),
        ),
      );
    return new Map(rows.map((row) => [cellKey(row), row.booked]));
  }

  /**
   * Makes the counters of these days exist, then locks them in (service, day) order, so that two
   * confirmations never wait on each other crosswise (ADR 0007): the places taken, by `cellKey`.
   * Only in a transaction: the locks hold until it ends.
   */
  async lockPlaces(communeId: string, days: readonly ServiceDay[], tx: Db): Promise<Map<string, number>> {
    if (days.length === 0) return new Map();
    const ordered = [...new Map(days.map((d) => [cellKey(d), d])).values()].sort((a, b) =>
      a.serviceId === b.serviceId ? (a.day < b.day ? -1 : a.day > b.day ? 1 : 0) : a.serviceId < b.serviceId ? -1 : 1,
    );
    await tx
      .insert(serviceDayPlaces)
      .values(ordered.map((d) => ({ communeId, serviceId: d.serviceId, day: d.day, booked: 0 })))
      .onConflictDoNothing();
    const rows = await tx
      .select()
      .from(serviceDayPlaces)
      .where(
        and(
          eq(serviceDayPlaces.communeId, communeId),
          or(...ordered.map((d) => and(eq(serviceDayPlaces.serviceId, d.serviceId), eq(serviceDayPlaces.day, d.day)))),
        ),
      )
      .orderBy(asc(serviceDayPlaces.serviceId), asc(serviceDayPlaces.day))
      .for('update');
    return new Map(rows.map((row) => [cellKey(row), row.booked]));
  }

  /** Moves the counters of locked days (places taken, or given back), in one statement. Only in the transaction that locked them. */
  async movePlaces(communeId: string, moves: readonly PlaceMove[], tx: Db): Promise<void> {
    const moved = moves.filter((move) => move.delta !== 0);
    if (moved.length === 0) return;
    const values = sql.join(
      moved.map((move) => sql`(${move.serviceId}::uuid, ${move.day}::date, ${move.delta}::int)`),
      sql`, `,
    );
    await tx.execute(
      sql`update service_day_places set booked = service_day_places.booked + moves.delta from (values ${values}) as moves (service_id, day, delta)
          where service_day_places.commune_id = ${communeId} and service_day_places.service_id = moves.service_id and service_day_places.day = moves.day`,
    );
  }

  /**
   * Counts the places taken on every day of a service again, from its live bookings: the counters
   * are only kept while the service has a limit, so a limit set (or set again) must start from the
   * bookings as they are. The same order as `lockPlaces` (ADR 0007): the missing counters are made,
   * then all of the service's are locked in day order, then set; a day left without a live booking
   * goes back to 0. Only in a transaction. The days holding live bookings, with their count, in day order.
   */
  async rebuildDayPlaces(communeId: string, serviceId: string, tx: Db): Promise<{ day: LocalDay; booked: number }[]> {
    // The columns in the table's order: commune_id, service_id, day, booked.
    const perDay = (booked: SQL) =>
      tx
        .insert(serviceDayPlaces)
        .select(
          sql`select commune_id, service_id, day, ${booked} from bookings where commune_id = ${communeId} and service_id = ${serviceId} and status = 'reserve' group by commune_id, service_id, day order by day`,
        );
    await perDay(sql`0`).onConflictDoNothing();
    await tx
      .select({ day: serviceDayPlaces.day })
      .from(serviceDayPlaces)
      .where(and(eq(serviceDayPlaces.communeId, communeId), eq(serviceDayPlaces.serviceId, serviceId)))
      .orderBy(asc(serviceDayPlaces.day))
      .for('update');
    const counted = await perDay(sql`count(*)::int`)
      .onConflictDoUpdate({
        target: [serviceDayPlaces.serviceId, serviceDayPlaces.day],
        set: { booked: sql`excluded.booked` },
      })
      .returning({ day: serviceDayPlaces.day, booked: serviceDayPlaces.booked });
    await tx
      .update(serviceDayPlaces)
      .set({ booked: 0 })
      .where(
        and(
          eq(serviceDayPlaces.communeId, communeId),
          eq(serviceDayPlaces.serviceId, serviceId),
          sql`${serviceDayPlaces.booked} <> 0`,
          sql`not exists (select 1 from bookings where bookings.commune_id = ${communeId} and bookings.service_id = service_day_places.service_id and bookings.day = service_day_places.day and bookings.status = 'reserve')`,
        ),
      );
    return counted.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }
}
