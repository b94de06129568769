import { and, asc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import type { PgInsertSelectQueryBuilder } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/database.js';
import type { LocalDay } from '../../shared/localDays.js';
import { familyMembers } from '../families/familiesSchema.js';
import { enrolments, services } from '../services/servicesSchema.js';
import { bookings } from './bookingsSchema.js';
import { DayPlacesRepository, type ServiceDay } from './dayPlacesRepository.js';
import { cellKey } from './domain/cells.js';
import type { BookingMember, HeldBooking } from './domain/reservationPlan.js';

export type { PlaceMove, ServiceDay } from './dayPlacesRepository.js';

export type Booking = typeof bookings.$inferSelect;
export type NewBooking = Omit<typeof bookings.$inferInsert, 'id'>;

/** What every cell a confirmation books shares: the child's, by whom, when and from where. */
export type BookingAuthorship = Required<
  Pick<NewBooking, 'communeId' | 'familyId' | 'memberId' | 'bookedAt' | 'bookedByKind' | 'bookedById' | 'source'>
>;

/** A cell to book, at the unit, price and majoration its plan gave it. */
export type CellToBook = ServiceDay &
  Required<Pick<NewBooking, 'unit' | 'late' | 'unitPriceCents' | 'majorationRule' | 'majorationCents'>>;

/** An active inscription of a member, with its service as it is now. */
export interface EnrolledService {
  serviceId: string;
  schoolYearId: string;
  active: boolean;
  placesPerDay: number | null;
}

/** A member of the family with their active inscriptions. */
export interface ChildEnrolments {
  member: BookingMember;
  enrolments: EnrolledService[];
}

/** The live booking to end on a cell, and how. */
export interface EndedBooking extends ServiceDay {
  /** Only the booking of this unit is ended: a unit changed meanwhile by someone else is left alone. */
  unit: string;
  late: boolean;
}

/**
 * Bookings of days, and the places of their limited days (`DayPlacesRepository`); every method is scoped
 * to the commune. The reads of every page and confirmation are built once (`prepareReads`): building a
 * select costs about as much main-thread time as PGlite takes to run it, and a server keeps a named
 * statement prepared.
 */
export class BookingsRepository extends DayPlacesRepository {
  private readonly reads: ReturnType<typeof prepareReads>;

  constructor(db: Db) {
    super(db);
    this.reads = prepareReads(db);
  }

  /** The family's members, oldest first; none for another family's id. */
  async membersOf(communeId: string, familyId: string, tx: Db = this.db): Promise<BookingMember[]> {
    return tx
      .select(memberColumns)
      .from(familyMembers)
      .where(and(eq(familyMembers.communeId, communeId), eq(familyMembers.familyId, familyId)))
      .orderBy(asc(familyMembers.birthDate), asc(familyMembers.firstName));
  }

  /**
   * One member of the family (null for anyone else's) with their active inscriptions and what their
   * service is now: whether it is still offered and its places per day, read afresh, so that a limit
   * just set by the commune is counted even while an instance still keeps the older set-up
   * (BookingService.setUpOf). One statement.
   */
  async childOf(communeId: string, familyId: string, memberId: string): Promise<ChildEnrolments | null> {
    const rows = await this.reads.child.execute({ communeId, familyId, memberId });
    const first = rows[0];
    if (!first) return null;
    const { serviceId: _s, schoolYearId: _y, active: _a, placesPerDay: _p, ...member } = first;
    const enrolments: EnrolledService[] = [];
    for (const row of rows) {
      if (row.serviceId !== null && row.schoolYearId !== null && row.active !== null) {
        enrolments.push({
          serviceId: row.serviceId,
          schoolYearId: row.schoolYearId,
          active: row.active,
          placesPerDay: row.placesPerDay,
        });
      }
    }
    return { member, enrolments };
  }

  /** What the member holds between two days, both included: live bookings, and bookings cancelled late (still billable). */
  async heldBetween(communeId: string, memberId: string, from: LocalDay, to: LocalDay): Promise<HeldBooking[]> {
    return this.reads.heldBetween.execute({ communeId, memberId, from, to });
  }

  /**
   * What the member holds on these cells: the live bookings, and the bookings cancelled late (still
   * billable), which booking the day again puts back rather than billing it twice
   * (`domain/lateCancellations.ts`). One statement.
   */
  async heldOn(communeId: string, memberId: string, cells: readonly ServiceDay[]): Promise<HeldBooking[]> {
    if (cells.length === 0) return [];
    const days = cells.map((cell) => cell.day).sort();
    const wanted = new Set(cells.map(cellKey));
    // The member's index narrows to the days' range; the exact cells are picked here rather than in a long OR.
    const rows = await this.heldBetween(communeId, memberId, days[0]!, days[days.length - 1]!);
    return rows.filter((row) => wanted.has(cellKey(row)));
  }

  /** What one confirmation wrote for the member: the rows it booked and the rows it cancelled, at that instant. */
  async writtenAt(communeId: string, memberId: string, at: Date): Promise<Booking[]> {
    // A placeholder is sent as given, not through its column's mapping: the instant as timestamptz text.
    return this.reads.writtenAt.execute({ communeId, memberId, at: at.toISOString() });
  }

  /**
   * Ends the member's live bookings of these cells (status 'annule'), each only while it is still
   * live and of the unit planned: the cells really ended. A late one stays billable (`cancelled_late`).
   * One statement, the late ones told apart in it.
   */
  async endLive(
    communeId: string,
    memberId: string,
    ended: readonly EndedBooking[],
    at: Date,
    tx: Db,
  ): Promise<ServiceDay[]> {
    if (ended.length === 0) return [];
    const cellOf = (cell: EndedBooking) =>
      and(eq(bookings.serviceId, cell.serviceId), eq(bookings.day, cell.day), eq(bookings.unit, cell.unit));
    const late = ended.filter((cell) => cell.late);
    const cancelledLate =
      late.length === 0 ? false : late.length === ended.length ? true : sql<boolean>`(${or(...late.map(cellOf))})`;
    return tx
      .update(bookings)
      .set({ status: 'annule', cancelledAt: at, cancelledLate })
      .where(
        and(
          eq(bookings.communeId, communeId),
          eq(bookings.memberId, memberId),
          eq(bookings.status, 'reserve'),
          or(...ended.map(cellOf)),
        ),
      )
      .returning({ serviceId: bookings.serviceId, day: bookings.day });
  }

  /** Puts back the member's bookings cancelled late that a confirmation books again (`restoreCancelled`): the cells restored. */
  async restoreLateCancelled(
    communeId: string,
    bookingIds: readonly string[],
    changes: RestoreChanges,
    tx: Db,
  ): Promise<ServiceDay[]> {
    return restoreCancelled(tx, communeId, bookingIds, changes);
  }

  /**
   * Books the cells ('reserve'); a cell the member already holds live is left as it is (the partial
   * unique index `bookings_one_live_per_day`): an identical request at the same moment neither books
   * twice nor fails. One statement whose text is the same whatever the number of cells (`insertLive`
   * below): the cells really booked.
   */
  async insertLive(by: BookingAuthorship, cells: readonly CellToBook[], tx: Db): Promise<ServiceDay[]> {
    if (cells.length === 0) return [];
    // Kept built for the pool; inside a transaction, built on it at each call (the same text and name).
    const statement = tx === this.db ? this.reads.insertLive : prepareInsertLive(tx);
    return statement.execute({
      ...by,
      // Placeholders are sent as given, not through their columns' mappings.
      bookedAt: by.bookedAt.toISOString(),
      services: cells.map((cell) => cell.serviceId),
      days: cells.map((cell) => cell.day),
      units: cells.map((cell) => cell.unit),
      late: cells.map((cell) => cell.late),
      prices: cells.map((cell) => cell.unitPriceCents),
      rules: cells.map((cell) => cell.majorationRule),
      majorations: cells.map((cell) => cell.majorationCents),
    });
  }
}

/** What a booking put back may take from whoever puts it back: who booked it, when, how, and at what price. */
export type RestoreChanges = Partial<
  Omit<
    NewBooking,
    'communeId' | 'familyId' | 'memberId' | 'serviceId' | 'day' | 'status' | 'cancelledAt' | 'cancelledLate'
  >
>;

/**
 * Puts cancelled bookings back ('reserve', no longer cancelled), with `changes`, each only while it is
 * still cancelled: another writer who put it back first (or changed it) wins, and the row is not among
 * those returned. A live booking of the same cell makes the statement fail on the partial unique index
 * `bookings_one_live_per_day`, as an insert would without `on conflict`: the caller decides again.
 * Shared by the family's confirmation and the pointage (`attendanceRepository.ts`).
 */
export async function restoreCancelled(
  tx: Db,
  communeId: string,
  bookingIds: readonly string[],
  changes: RestoreChanges,
): Promise<(ServiceDay & { id: string })[]> {
  if (bookingIds.length === 0) return [];
  return tx
    .update(bookings)
    .set({ ...changes, status: 'reserve', cancelledAt: null, cancelledLate: false })
    .where(and(eq(bookings.communeId, communeId), inArray(bookings.id, [...bookingIds]), eq(bookings.status, 'annule')))
    .returning({ id: bookings.id, serviceId: bookings.serviceId, day: bookings.day });
}

const memberColumns = {
  id: familyMembers.id,
  familyId: familyMembers.familyId,
  firstName: familyMembers.firstName,
  lastName: familyMembers.lastName,
  relation: familyMembers.relation,
  birthDate: familyMembers.birthDate,
  sex: familyMembers.sex,
};

/** The reads on every calendar page and confirmation, and the calendar a confirmation leads to, built once with placeholders. */
function prepareReads(db: Db) {
  const communeId = sql.placeholder('communeId');
  const memberId = sql.placeholder('memberId');
  const between = and(
    eq(bookings.communeId, communeId),
    eq(bookings.memberId, memberId),
    gte(bookings.day, sql.placeholder('from')),
    lte(bookings.day, sql.placeholder('to')),
  );
  return {
    child: db
      .select({
        ...memberColumns,
        serviceId: enrolments.serviceId,
        schoolYearId: enrolments.schoolYearId,
        active: services.active,
        placesPerDay: services.placesPerDay,
      })
      .from(familyMembers)
      .leftJoin(
        enrolments,
        and(
          eq(enrolments.communeId, communeId),
          eq(enrolments.memberId, familyMembers.id),
          eq(enrolments.status, 'active'),
        ),
      )
      .leftJoin(services, eq(services.id, enrolments.serviceId))
      .where(
        and(
          eq(familyMembers.communeId, communeId),
          eq(familyMembers.familyId, sql.placeholder('familyId')),
          eq(familyMembers.id, memberId),
        ),
      )
      .prepare('bookings_child_enrolments'),
    heldBetween: db
      .select({
        id: bookings.id,
        day: bookings.day,
        serviceId: bookings.serviceId,
        unit: bookings.unit,
        status: bookings.status,
        unitPriceCents: bookings.unitPriceCents,
        cancelledAt: bookings.cancelledAt,
      })
      .from(bookings)
      .where(and(between, or(eq(bookings.status, 'reserve'), eq(bookings.cancelledLate, true))))
      .orderBy(asc(bookings.day))
      .prepare('bookings_held_between'),
    writtenAt: db
      .select()
      .from(bookings)
      .where(
        and(
          eq(bookings.communeId, communeId),
          eq(bookings.memberId, memberId),
          or(eq(bookings.bookedAt, sql.placeholder('at')), eq(bookings.cancelledAt, sql.placeholder('at'))),
        ),
      )
      .orderBy(asc(bookings.day), asc(bookings.serviceId), asc(bookings.bookedAt))
      .prepare('bookings_written_at'),
    insertLive: prepareInsertLive(db),
  };
}

/**
 * A confirmation's new bookings: the cells as one array per column, unnested into rows, so that the
 * text is one statement whatever the number of cells (a server and PGlite keep it parsed) and it
 * carries fourteen parameters rather than fifteen per cell. An insert from a select takes every column
 * of the table: the select names each, in the table's order, which Drizzle checks.
 */
function prepareInsertLive(db: Db) {
  const p = (name: string) => sql.placeholder(name);
  return db
    .insert(bookings)
    .select((qb) => {
      // Named as the columns: the select's fields must be named, and Drizzle compares them with the table's.
      const rows: PgInsertSelectQueryBuilder<typeof bookings> = qb
        .select({
          // The column's default, written out: a select gives every column its value.
          id: sql`gen_random_uuid()`.as('id'),
          communeId: sql`${p('communeId')}::uuid`.as('commune_id'),
          familyId: sql`${p('familyId')}::uuid`.as('family_id'),
          memberId: sql`${p('memberId')}::uuid`.as('member_id'),
          serviceId: sql`cell.service_id`.as('service_id'),
          day: sql`cell.day`.as('day'),
          unit: sql`cell.unit`.as('unit'),
          status: sql`'reserve'`.as('status'),
          late: sql`cell.late`.as('late'),
          unitPriceCents: sql`cell.unit_price_cents`.as('unit_price_cents'),
          majorationRule: sql`cell.majoration_rule`.as('majoration_rule'),
          majorationCents: sql`cell.majoration_cents`.as('majoration_cents'),
          bookedAt: sql`${p('bookedAt')}::timestamptz`.as('booked_at'),
          bookedByKind: sql`${p('bookedByKind')}::text`.as('booked_by_kind'),
          bookedById: sql`${p('bookedById')}::uuid`.as('booked_by_id'),
          cancelledAt: sql`null::timestamptz`.as('cancelled_at'),
          cancelledLate: sql`false`.as('cancelled_late'),
          source: sql`${p('source')}::text`.as('source'),
        })
        .from(
          sql`unnest(${p('services')}::uuid[], ${p('days')}::date[], ${p('units')}::text[], ${p('late')}::boolean[],
            ${p('prices')}::integer[], ${p('rules')}::text[], ${p('majorations')}::integer[])
            as cell(service_id, day, unit, late, unit_price_cents, majoration_rule, majoration_cents)`,
        );
      return rows;
    })
    .onConflictDoNothing({
      target: [bookings.memberId, bookings.serviceId, bookings.day],
      where: sql`status = 'reserve'`,
    })
    .returning({ serviceId: bookings.serviceId, day: bookings.day })
    .prepare('bookings_insert_live');
}
