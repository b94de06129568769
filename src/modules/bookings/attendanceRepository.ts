import { and, asc, desc, eq, gte, ilike, inArray, lte, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { LocalDay } from '../../shared/localDays.js';
import { familyMembers } from '../families/familiesSchema.js';
import { requests } from '../requests/requestsSchema.js';
import { activitySessions } from '../services/servicesSchema.js';
import { absences, attendance, bookings, serviceDayPlaces, sessionBookings } from './bookingsSchema.js';
import { type RestoreChanges, restoreCancelled } from './bookingsRepository.js';

/**
 * A child as the staff on site need them: name, school, class, meal and whether a PAI is in place.
 * Whether the file holds allergy notes comes out as a yes or no computed by the database: the notes
 * themselves never leave it on this side.
 */
export interface ChildOnList {
  memberId: string;
  familyId: string;
  firstName: string;
  lastName: string;
  schoolName: string;
  schoolClass: string;
  diet: string;
  pai: boolean;
  hasAllergies: boolean;
}

/** A child expected at a service on a day, by a booking or a holiday session's place. */
export interface ExpectedRow extends ChildOnList {
  bookingId: string | null;
  unit: string | null;
  sessionName: string | null;
  late: boolean;
  source: 'famille' | 'guichet' | 'pointage' | null;
}

/** An absence as the staff on site see it: that there is one, and whether it is justified; never its reason (a health fact). */
export interface DayAbsence {
  memberId: string;
  serviceIds: string[];
  justified: boolean;
  requestStatus: string | null;
}

/** A cancelled booking of the day that the pointage may put back. */
export interface CancelledBooking {
  id: string;
  /** Cancelled after the deadline: still billable, so it comes back as it was. */
  cancelledLate: boolean;
}

export interface Mark {
  memberId: string;
  present: boolean;
}

export interface FoundChild extends ChildOnList {
  birthDate: string;
}

const child = {
  memberId: familyMembers.id,
  familyId: familyMembers.familyId,
  firstName: familyMembers.firstName,
  lastName: familyMembers.lastName,
  schoolName: familyMembers.schoolName,
  schoolClass: familyMembers.schoolClass,
  diet: familyMembers.diet,
  pai: familyMembers.pai,
  hasAllergies: sql<boolean>`(${familyMembers.allergies} <> '')`,
};

/** The day lists and the pointage: who is expected where, who was there. Every method takes the commune. */
export class AttendanceRepository {
  constructor(private readonly db: Db) {}

  /** The live bookings of a service on a day, with their children. */
  async expectedBookings(
    communeId: string,
    serviceId: string,
    day: LocalDay,
    tx: Db = this.db,
  ): Promise<ExpectedRow[]> {
    return tx
      .select({
        ...child,
        bookingId: bookings.id,
        unit: bookings.unit,
        sessionName: sql<string | null>`null`,
        late: bookings.late,
        source: bookings.source,
      })
      .from(bookings)
      .innerJoin(familyMembers, eq(familyMembers.id, bookings.memberId))
      .where(
        and(
          eq(bookings.communeId, communeId),
          eq(bookings.serviceId, serviceId),
          eq(bookings.day, day),
          eq(bookings.status, 'reserve'),
        ),
      )
      .orderBy(asc(familyMembers.lastName), asc(familyMembers.firstName));
  }

  /** The children with a place (not a waiting ticket) at a session of the service running that day. */
  async expectedAtSessions(
    communeId: string,
    serviceId: string,
    day: LocalDay,
    tx: Db = this.db,
  ): Promise<ExpectedRow[]> {
    const rows = await tx
      .select({
        ...child,
        bookingId: sql<string | null>`null`,
        unit: sql<string | null>`null`,
        sessionName: activitySessions.name,
        late: sessionBookings.late,
      })
      .from(sessionBookings)
      .innerJoin(activitySessions, eq(activitySessions.id, sessionBookings.sessionId))
      .innerJoin(familyMembers, eq(familyMembers.id, sessionBookings.memberId))
      .where(
        and(
          eq(sessionBookings.communeId, communeId),
          eq(sessionBookings.status, 'inscrit'),
          eq(activitySessions.serviceId, serviceId),
          lte(activitySessions.startsOn, day),
          gte(activitySessions.endsOn, day),
        ),
      )
      .orderBy(asc(familyMembers.lastName), asc(familyMembers.firstName));
    return rows.map((row) => ({ ...row, source: null }));
  }

  /** The absences reported for these children that cover the day, with their request's status (null: none left). */
  async absencesOn(communeId: string, day: LocalDay, memberIds: string[]): Promise<DayAbsence[]> {
    if (memberIds.length === 0) return [];
    return this.db
      .select({
        memberId: absences.memberId,
        serviceIds: absences.serviceIds,
        justified: absences.justified,
        requestStatus: requests.status,
      })
      .from(absences)
      .leftJoin(requests, and(eq(requests.id, absences.requestId), eq(requests.communeId, communeId)))
      .where(
        and(
          eq(absences.communeId, communeId),
          inArray(absences.memberId, memberIds),
          lte(absences.firstDay, day),
          gte(absences.lastDay, day),
        ),
      );
  }

  /** The pointage already taken for the service and day. */
  async marksOn(communeId: string, serviceId: string, day: LocalDay): Promise<Mark[]> {
    return this.db
      .select({ memberId: attendance.memberId, present: attendance.present })
      .from(attendance)
      .where(and(eq(attendance.communeId, communeId), eq(attendance.serviceId, serviceId), eq(attendance.day, day)));
  }

  /** Writes the marks; a second pointage of the same child, service and day replaces the first (unique index). */
  async saveMarks(
    rows: {
      communeId: string;
      serviceId: string;
      day: LocalDay;
      memberId: string;
      present: boolean;
      bookingId: string | null;
      markedAt: Date;
      markedById: string;
    }[],
    tx: Db,
  ): Promise<void> {
    if (rows.length === 0) return;
    await tx
      .insert(attendance)
      .values(rows)
      .onConflictDoUpdate({
        target: [attendance.serviceId, attendance.memberId, attendance.day],
        set: {
          present: sql`excluded.present`,
          bookingId: sql`excluded.booking_id`,
          markedAt: sql`excluded.marked_at`,
          markedById: sql`excluded.marked_by_id`,
        },
      });
  }

  /** The schools the commune's children go to, for the lists' filter. */
  async schools(communeId: string): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ name: familyMembers.schoolName })
      .from(familyMembers)
      .where(
        and(
          eq(familyMembers.communeId, communeId),
          eq(familyMembers.relation, 'enfant'),
          ne(familyMembers.schoolName, ''),
        ),
      )
      .orderBy(asc(familyMembers.schoolName));
    return rows.map((row) => row.name);
  }

  /** The commune's children whose first or last name holds the text. */
  async searchChildren(communeId: string, text: string, limit = 20): Promise<FoundChild[]> {
    const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.db
      .select({ ...child, birthDate: familyMembers.birthDate })
      .from(familyMembers)
      .where(
        and(
          eq(familyMembers.communeId, communeId),
          eq(familyMembers.relation, 'enfant'),
          or(
            ilike(familyMembers.lastName, pattern),
            ilike(familyMembers.firstName, pattern),
            ilike(sql`${familyMembers.firstName} || ' ' || ${familyMembers.lastName}`, pattern),
          ),
        ),
      )
      .orderBy(asc(familyMembers.lastName), asc(familyMembers.firstName))
      .limit(limit);
  }

  /** A child of one of the commune's families. */
  async childOfCommune(communeId: string, memberId: string, tx: Db = this.db): Promise<ChildOnList | null> {
    const [row] = await tx
      .select(child)
      .from(familyMembers)
      .where(
        and(
          eq(familyMembers.communeId, communeId),
          eq(familyMembers.id, memberId),
          eq(familyMembers.relation, 'enfant'),
        ),
      );
    return row ?? null;
  }

  /** The child's live booking of the service that day, if any. */
  async liveBooking(
    communeId: string,
    memberId: string,
    serviceId: string,
    day: LocalDay,
    tx: Db,
  ): Promise<{ id: string } | null> {
    const [row] = await tx
      .select({ id: bookings.id })
      .from(bookings)
      .where(
        and(
          eq(bookings.communeId, communeId),
          eq(bookings.memberId, memberId),
          eq(bookings.serviceId, serviceId),
          eq(bookings.day, day),
          eq(bookings.status, 'reserve'),
        ),
      );
    return row ?? null;
  }

  /** The child's cancelled booking of the service that day, a late one (billable) first, then the last cancelled. */
  async cancelledBooking(
    communeId: string,
    memberId: string,
    serviceId: string,
    day: LocalDay,
    tx: Db,
  ): Promise<CancelledBooking | null> {
    const [row] = await tx
      .select({ id: bookings.id, cancelledLate: bookings.cancelledLate })
      .from(bookings)
      .where(
        and(
          eq(bookings.communeId, communeId),
          eq(bookings.memberId, memberId),
          eq(bookings.serviceId, serviceId),
          eq(bookings.day, day),
          eq(bookings.status, 'annule'),
        ),
      )
      .orderBy(desc(bookings.cancelledLate), desc(bookings.cancelledAt))
      .limit(1);
    return row ?? null;
  }

  /**
   * Puts a cancelled booking back ('reserve'), with `changes`, only while it is still cancelled: false when
   * another writer got there first. A live booking of the same day makes it fail on the partial unique index,
   * like an insert would. The same statement as the family's confirmation puts a day cancelled late back with.
   */
  async restoreBooking(communeId: string, bookingId: string, changes: RestoreChanges, tx: Db): Promise<boolean> {
    return (await restoreCancelled(tx, communeId, [bookingId], changes)).length > 0;
  }

  async insertBooking(values: typeof bookings.$inferInsert, tx: Db): Promise<{ id: string }> {
    const [row] = await tx.insert(bookings).values(values).returning({ id: bookings.id });
    return row!;
  }

  /**
   * Counts a place taken on a day of a service with a limit. The child is already there, so nothing
   * is refused: the counter only stays true. The upsert takes the row's lock, as every other writer does.
   */
  async takePlace(communeId: string, serviceId: string, day: LocalDay, tx: Db): Promise<void> {
    await tx
      .insert(serviceDayPlaces)
      .values({ communeId, serviceId, day, booked: 1 })
      .onConflictDoUpdate({
        target: [serviceDayPlaces.serviceId, serviceDayPlaces.day],
        set: { booked: sql`${serviceDayPlaces.booked} + 1` },
      });
  }
}
