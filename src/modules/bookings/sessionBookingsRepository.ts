import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { isUuid } from '../../shared/ids.js';
import { families, familyMembers } from '../families/familiesSchema.js';
import { type ActivitySession, toCatalogueService } from '../services/serviceCatalogue.js';
import type { CatalogueService } from '../services/domain/catalogueService.js';
import { activitySessions, enrolments, schoolYears, services } from '../services/servicesSchema.js';
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
  private readonly factsLookup: ReturnType<typeof prepareBookingFacts>;

  constructor(private readonly db: Db) {
    this.factsLookup = prepareBookingFacts(db);
  }

  /**
   * What a booking needs before it is decided, in one statement built once: the session of the
   * commune with its service, the family's member, and whether the member is inscribed to the
   * service for the school year of the session (as `ServiceCatalogue.isEnrolledForSession` says).
   * Null when the session or the member is not the commune's and the family's.
   */
  async bookingFacts(
    communeId: string,
    familyId: string,
    sessionId: string,
    memberId: string,
  ): Promise<{ session: ActivitySession; service: CatalogueService; member: SessionMember; enrolled: boolean } | null> {
    if (!isUuid(sessionId) || !isUuid(memberId)) return null;
    const [row] = await this.factsLookup.execute({ communeId, familyId, sessionId, memberId });
    return row
      ? { session: row.session, service: toCatalogueService(row.service), member: row.member, enrolled: row.enrolled }
      : null;
  }

  /**
   * Books the session for the member, first come, first served: a place while `booked < places`,
   * else the next waiting-list ticket (`waitlist_next + 1`), decided on the counters as locked.
   * One statement, its own transaction: the session row is locked (`FOR UPDATE`, which reads the
   * row as the last booking committed it), the booking written and the counters moved, and the lock
   * is released at its commit, without a round trip to the app while it is held: bookings of one
   * session pass one after the other at the database's pace, not the event loop's (ADR 0034).
   * `already` (and nothing written) when the member holds a live booking of the session: the partial
   * unique index `session_bookings_one_live` is the arbiter. Null when there is no such session.
   */
  async bookFirstComeFirstServed(
    booking: Omit<NewSessionBooking, 'status' | 'position'>,
  ): Promise<{ status: 'inscrit' | 'attente'; position: number | null } | 'already' | null> {
    const { communeId, sessionId } = booking;
    const result = (await this.db.execute(sql`
      with locked as (
        select id, places, booked, waitlist_next from activity_sessions
        where commune_id = ${communeId} and id = ${sessionId}
        for update
      ), seat as (
        select id, booked < places as placed, booked, waitlist_next from locked
      ), inserted as (
        insert into session_bookings (commune_id, session_id, family_id, member_id, status, position,
          late, price_cents, majoration_rule, majoration_cents, created_at)
        select ${communeId}, seat.id, ${booking.familyId}, ${booking.memberId},
          case when seat.placed then 'inscrit' else 'attente' end,
          case when seat.placed then null else seat.waitlist_next + 1 end,
          ${booking.late ?? false}, ${booking.priceCents}, ${booking.majorationRule ?? null},
          ${booking.majorationCents ?? 0}, ${booking.createdAt.toISOString()}::timestamptz
        from seat
        on conflict (session_id, member_id) where status in ('inscrit', 'attente') do nothing
        returning status, position
      ), counted as (
        update activity_sessions set
          booked = seat.booked + case when inserted.status = 'inscrit' then 1 else 0 end,
          waitlist_next = coalesce(inserted.position, seat.waitlist_next)
        from seat, inserted
        where activity_sessions.id = seat.id
        returning activity_sessions.id
      )
      select inserted.status, inserted.position, (select count(*) from counted)::int as counted
      from seat left join inserted on true`)) as unknown as {
      rows: { status: 'inscrit' | 'attente' | null; position: number | null; counted: number }[];
    };
    const [row] = result.rows;
    if (!row) return null;
    if (!row.status) return 'already';
    if (Number(row.counted) !== 1) throw new Error(`the counters of session ${sessionId} were not moved`);
    return { status: row.status, position: row.position === null ? null : Number(row.position) };
  }

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

/**
 * `bookingFacts`' query, built once (a named statement on a server): the booking's reads before its
 * decision were four statements, three round trips one after the other.
 */
function prepareBookingFacts(db: Db) {
  const communeId = sql.placeholder('communeId');
  const year = sql`(select ${schoolYears.id} from ${schoolYears}
    where ${schoolYears.communeId} = ${communeId} and ${schoolYears.startsOn} <= ${activitySessions.startsOn}
    order by ${schoolYears.startsOn} desc limit 1)`;
  return db
    .select({
      session: activitySessions,
      service: services,
      member: memberColumns,
      enrolled: sql<boolean>`exists (select 1 from ${enrolments}
        where ${enrolments.communeId} = ${communeId} and ${enrolments.memberId} = ${familyMembers.id}
          and ${enrolments.serviceId} = ${activitySessions.serviceId} and ${enrolments.status} = 'active'
          and ${enrolments.schoolYearId} = ${year})`,
    })
    .from(activitySessions)
    .innerJoin(services, eq(services.id, activitySessions.serviceId))
    .innerJoin(
      familyMembers,
      and(
        eq(familyMembers.communeId, communeId),
        eq(familyMembers.familyId, sql.placeholder('familyId')),
        eq(familyMembers.id, sql.placeholder('memberId')),
      ),
    )
    .where(and(eq(activitySessions.communeId, communeId), eq(activitySessions.id, sql.placeholder('sessionId'))))
    .prepare('session_booking_facts');
}
