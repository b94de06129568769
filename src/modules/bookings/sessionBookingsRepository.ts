import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { isUuid } from '../../shared/ids.js';
import { families, familyMembers } from '../families/familiesSchema.js';
import { type ActivitySession, toCatalogueService } from '../services/serviceCatalogue.js';
import type { CatalogueService } from '../services/domain/catalogueService.js';
import { activitySessions, services } from '../services/servicesSchema.js';
import { sessionBookings } from './bookingsSchema.js';

export type SessionBooking = typeof sessionBookings.$inferSelect;
export type NewSessionBooking = Omit<typeof sessionBookings.$inferInsert, 'id'>;
export type SessionMember = Pick<
  typeof familyMembers.$inferSelect,
  'id' | 'familyId' | 'firstName' | 'lastName' | 'birthDate' | 'relation' | 'sex'
>;

/** A live booking of the family, with the position its family reads when it waits (1 = next). */
export interface FamilySessionBooking extends SessionBooking {
  rank: number | null;
}

/** A booking as the guichet's session page lists it: the child, their file and the flags the staff need. */
export interface DeskSessionBooking extends SessionBooking {
  firstName: string;
  lastName: string;
  birthDate: string;
  diet: string;
  pai: boolean;
  reference: string;
}

const LIVE = ['inscrit', 'attente'] as const;
const memberColumns = {
  id: familyMembers.id,
  familyId: familyMembers.familyId,
  firstName: familyMembers.firstName,
  lastName: familyMembers.lastName,
  birthDate: familyMembers.birthDate,
  relation: familyMembers.relation,
  sex: familyMembers.sex,
};

/**
 * The holiday sessions' bookings and waiting lists. A session's counters (`booked`, `waitlist_next`)
 * and its bookings change only inside a transaction that holds the session row's lock
 * (`lockSession`): on one PostgreSQL server that orders every change of one session, whatever the
 * number of app instances.
 */
export class SessionBookingsRepository {
  constructor(private readonly db: Db) {}

  /** SELECT … FOR UPDATE of the session: held until the transaction ends. */
  async lockSession(communeId: string, sessionId: string, tx: Db): Promise<ActivitySession | null> {
    const [row] = await tx
      .select()
      .from(activitySessions)
      .where(and(eq(activitySessions.communeId, communeId), eq(activitySessions.id, sessionId)))
      .for('update');
    return row ?? null;
  }

  /** A session of the commune with its service as the rules read it, in one query: the booking's hot path. */
  async sessionWithService(
    communeId: string,
    sessionId: string,
  ): Promise<{ session: ActivitySession; service: CatalogueService } | null> {
    if (!isUuid(sessionId)) return null;
    const [row] = await this.db
      .select({ session: activitySessions, service: services })
      .from(activitySessions)
      .innerJoin(services, eq(services.id, activitySessions.serviceId))
      .where(and(eq(activitySessions.communeId, communeId), eq(activitySessions.id, sessionId)));
    return row ? { session: row.session, service: toCatalogueService(row.service) } : null;
  }

  async setCounters(
    communeId: string,
    sessionId: string,
    counters: { booked: number; waitlistNext: number },
    tx: Db,
  ): Promise<void> {
    await tx
      .update(activitySessions)
      .set(counters)
      .where(and(eq(activitySessions.communeId, communeId), eq(activitySessions.id, sessionId)));
  }

  /**
   * A new live booking and the session's counters after it, in one statement; false (and nothing
   * written) when the member already holds a live booking of the session: the partial unique index
   * `session_bookings_one_live` is the arbiter, so a duplicate is an answer, not an error. One
   * statement, so that the session's lock is held for one round trip less.
   */
  async insertLive(
    booking: NewSessionBooking,
    counters: { booked: number; waitlistNext: number },
    tx: Db,
  ): Promise<boolean> {
    const inserted = tx.$with('inserted').as(
      tx
        .insert(sessionBookings)
        .values(booking)
        .onConflictDoNothing({
          target: [sessionBookings.sessionId, sessionBookings.memberId],
          where: sql.raw(`status in ('inscrit', 'attente')`),
        })
        .returning({ id: sessionBookings.id }),
    );
    const rows = await tx
      .with(inserted)
      .update(activitySessions)
      .set(counters)
      .where(
        and(
          eq(activitySessions.communeId, booking.communeId),
          eq(activitySessions.id, booking.sessionId),
          sql`exists (select 1 from ${inserted})`,
        ),
      )
      .returning({ id: activitySessions.id });
    return rows.length === 1;
  }

  /** A member of the family, or null: the family comes from the session of the logged-in account, never from the form. */
  async memberOfFamily(communeId: string, familyId: string, memberId: string): Promise<SessionMember | null> {
    if (!isUuid(memberId)) return null;
    const [row] = await this.db
      .select(memberColumns)
      .from(familyMembers)
      .where(
        and(
          eq(familyMembers.communeId, communeId),
          eq(familyMembers.familyId, familyId),
          eq(familyMembers.id, memberId),
        ),
      );
    return row ?? null;
  }

  async childrenOf(communeId: string, familyId: string): Promise<SessionMember[]> {
    return this.db
      .select(memberColumns)
      .from(familyMembers)
      .where(
        and(
          eq(familyMembers.communeId, communeId),
          eq(familyMembers.familyId, familyId),
          eq(familyMembers.relation, 'enfant'),
        ),
      )
      .orderBy(asc(familyMembers.birthDate), asc(familyMembers.firstName));
  }

  async liveOfMember(
    communeId: string,
    sessionId: string,
    memberId: string,
    tx: Db = this.db,
  ): Promise<SessionBooking | null> {
    const [row] = await tx
      .select()
      .from(sessionBookings)
      .where(
        and(
          eq(sessionBookings.communeId, communeId),
          eq(sessionBookings.sessionId, sessionId),
          eq(sessionBookings.memberId, memberId),
          inArray(sessionBookings.status, [...LIVE]),
        ),
      );
    return row ?? null;
  }

  /** One booking of the session with its child's name; another session's, or another commune's, is not found. */
  async findInSession(
    communeId: string,
    sessionId: string,
    bookingId: string,
    tx: Db = this.db,
  ): Promise<(SessionBooking & { firstName: string; lastName: string }) | null> {
    if (!isUuid(bookingId)) return null;
    const [row] = await tx
      .select({ booking: sessionBookings, firstName: familyMembers.firstName, lastName: familyMembers.lastName })
      .from(sessionBookings)
      .innerJoin(familyMembers, eq(familyMembers.id, sessionBookings.memberId))
      .where(
        and(
          eq(sessionBookings.communeId, communeId),
          eq(sessionBookings.sessionId, sessionId),
          eq(sessionBookings.id, bookingId),
        ),
      );
    return row ? { ...row.booking, firstName: row.firstName, lastName: row.lastName } : null;
  }

  async cancel(communeId: string, bookingId: string, change: { at: Date; late: boolean }, tx: Db): Promise<void> {
    await tx
      .update(sessionBookings)
      .set({ status: 'annule', cancelledAt: change.at, cancelledLate: change.late })
      .where(and(eq(sessionBookings.communeId, communeId), eq(sessionBookings.id, bookingId)));
  }

  /** A waiting entry gets a place; its ticket stays, so that the desk can still tell the order they came in. */
  async promote(communeId: string, bookingId: string, at: Date, tx: Db): Promise<void> {
    await tx
      .update(sessionBookings)
      .set({ status: 'inscrit', promotedAt: at })
      .where(
        and(
          eq(sessionBookings.communeId, communeId),
          eq(sessionBookings.id, bookingId),
          eq(sessionBookings.status, 'attente'),
        ),
      );
  }

  /** The waiting list of a session with the children's names, lowest ticket first. */
  async waiting(
    communeId: string,
    sessionId: string,
    tx: Db = this.db,
  ): Promise<(SessionBooking & { firstName: string })[]> {
    const rows = await tx
      .select({ booking: sessionBookings, firstName: familyMembers.firstName })
      .from(sessionBookings)
      .innerJoin(familyMembers, eq(familyMembers.id, sessionBookings.memberId))
      .where(
        and(
          eq(sessionBookings.communeId, communeId),
          eq(sessionBookings.sessionId, sessionId),
          eq(sessionBookings.status, 'attente'),
        ),
      )
      .orderBy(asc(sessionBookings.position));
    return rows.map((row) => ({ ...row.booking, firstName: row.firstName }));
  }

  /** The family's live bookings, each waiting one with its rank among those still waiting. */
  async liveOfFamily(communeId: string, familyId: string): Promise<FamilySessionBooking[]> {
    // Written out whole: drizzle names the outer row's columns without their table, which the inner `w` would shadow.
    const rank = sql<number | null>`case when session_bookings.status = 'attente' then (
      select count(*)::int from session_bookings w
      where w.session_id = session_bookings.session_id and w.status = 'attente' and w.position <= session_bookings.position
    ) end`;
    const rows = await this.db
      .select({ booking: sessionBookings, rank })
      .from(sessionBookings)
      .where(
        and(
          eq(sessionBookings.communeId, communeId),
          eq(sessionBookings.familyId, familyId),
          inArray(sessionBookings.status, [...LIVE]),
        ),
      );
    return rows.map((row) => ({ ...row.booking, rank: row.rank === null ? null : Number(row.rank) }));
  }

  /** Every booking of a session (cancelled ones too: a late cancellation stays billable), for the guichet. */
  async ofSession(communeId: string, sessionId: string): Promise<DeskSessionBooking[]> {
    const rows = await this.db
      .select({
        booking: sessionBookings,
        firstName: familyMembers.firstName,
        lastName: familyMembers.lastName,
        birthDate: familyMembers.birthDate,
        diet: familyMembers.diet,
        pai: familyMembers.pai,
        reference: families.reference,
      })
      .from(sessionBookings)
      .innerJoin(familyMembers, eq(familyMembers.id, sessionBookings.memberId))
      .innerJoin(families, eq(families.id, sessionBookings.familyId))
      .where(and(eq(sessionBookings.communeId, communeId), eq(sessionBookings.sessionId, sessionId)))
      .orderBy(asc(sessionBookings.createdAt), asc(sessionBookings.position), asc(familyMembers.lastName));
    return rows.map(({ booking, ...member }) => ({ ...booking, ...member }));
  }

  /** How many children wait for each session of the commune. */
  async waitingCounts(communeId: string): Promise<Map<string, number>> {
    const rows = await this.db
      .select({ sessionId: sessionBookings.sessionId, waiting: sql<number>`count(*)::int` })
      .from(sessionBookings)
      .where(and(eq(sessionBookings.communeId, communeId), eq(sessionBookings.status, 'attente')))
      .groupBy(sessionBookings.sessionId);
    return new Map(rows.map((row) => [row.sessionId, Number(row.waiting)]));
  }
}
