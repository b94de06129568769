import { and, asc, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { LocalDay } from '../../shared/localDays.js';
import { familyMembers } from '../families/familiesSchema.js';
import { activitySessions } from '../services/servicesSchema.js';
import { absences, attendance, bookings, sessionBookings } from './bookingsSchema.js';

/** A member as the agenda names them: the first name is all the calendar feed ever shows. */
export interface AgendaMember {
  id: string;
  familyId: string;
  firstName: string;
  lastName: string;
  relation: string;
}

/** A day at a service the child holds, or held and still pays for (cancelled late). */
export interface AgendaBooking {
  id: string;
  day: LocalDay;
  serviceId: string;
  unit: string;
  status: 'reserve' | 'annule';
  late: boolean;
  majorationRule: string | null;
  cancelledLate: boolean;
}

/** A holiday session the child is booked on or waits for; `waitingRank` is the place in the queue now. */
export interface AgendaSessionBooking {
  id: string;
  sessionId: string;
  sessionName: string;
  serviceId: string;
  startsOn: LocalDay;
  endsOn: LocalDay;
  status: 'inscrit' | 'attente';
  late: boolean;
  waitingRank: number | null;
}

export interface AgendaAbsence {
  id: string;
  firstDay: LocalDay;
  lastDay: LocalDay;
  serviceIds: string[];
  reason: 'maladie' | 'autre';
  justified: boolean;
}

export interface AgendaAttendance {
  serviceId: string;
  day: LocalDay;
  present: boolean;
}

/**
 * The read side of a member's agenda: what they are booked on, wait for, were reported absent from
 * and were seen at, between two days. Every method takes the commune.
 */
export class AgendaRepository {
  constructor(private readonly db: Db) {}

  /** The member when they belong to this family of this commune; null for anyone else's. */
  async memberOfFamily(communeId: string, familyId: string, memberId: string): Promise<AgendaMember | null> {
    const [row] = await this.db
      .select({
        id: familyMembers.id,
        familyId: familyMembers.familyId,
        firstName: familyMembers.firstName,
        lastName: familyMembers.lastName,
        relation: familyMembers.relation,
      })
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

  /** Live bookings, and those cancelled late (still billable), of the member between two days. */
  async bookings(communeId: string, memberId: string, from: LocalDay, to: LocalDay): Promise<AgendaBooking[]> {
    return this.db
      .select({
        id: bookings.id,
        day: bookings.day,
        serviceId: bookings.serviceId,
        unit: bookings.unit,
        status: bookings.status,
        late: bookings.late,
        majorationRule: bookings.majorationRule,
        cancelledLate: bookings.cancelledLate,
      })
      .from(bookings)
      .where(
        and(
          eq(bookings.communeId, communeId),
          eq(bookings.memberId, memberId),
          gte(bookings.day, from),
          lte(bookings.day, to),
          or(eq(bookings.status, 'reserve'), eq(bookings.cancelledLate, true)),
        ),
      )
      .orderBy(asc(bookings.day), asc(bookings.bookedAt));
  }

  /** Sessions overlapping the days on which the member is booked or waiting, with their rank among those still waiting. */
  async sessionBookings(
    communeId: string,
    memberId: string,
    from: LocalDay,
    to: LocalDay,
  ): Promise<AgendaSessionBooking[]> {
    const rows = await this.db
      .select({
        id: sessionBookings.id,
        sessionId: sessionBookings.sessionId,
        sessionName: activitySessions.name,
        serviceId: activitySessions.serviceId,
        startsOn: activitySessions.startsOn,
        endsOn: activitySessions.endsOn,
        status: sessionBookings.status,
        late: sessionBookings.late,
        // The ticket is distinct and only grows; the rank is how many still waiting hold one up to it.
        waitingRank: sql<
          number | null
        >`case when ${sessionBookings.status} = 'attente' then (select count(*)::int from session_bookings w where w.session_id = ${sessionBookings.sessionId} and w.status = 'attente' and w.position <= ${sessionBookings.position}) end`,
      })
      .from(sessionBookings)
      .innerJoin(activitySessions, eq(activitySessions.id, sessionBookings.sessionId))
      .where(
        and(
          eq(sessionBookings.communeId, communeId),
          eq(sessionBookings.memberId, memberId),
          inArray(sessionBookings.status, ['inscrit', 'attente']),
          lte(activitySessions.startsOn, to),
          gte(activitySessions.endsOn, from),
        ),
      )
      .orderBy(asc(activitySessions.startsOn), asc(activitySessions.name));
    return rows.map((row) => ({
      ...row,
      status: row.status as 'inscrit' | 'attente',
      waitingRank: row.waitingRank === null ? null : Number(row.waitingRank),
    }));
  }

  /** Absences reported for the member that cover part of the days. */
  async absences(communeId: string, memberId: string, from: LocalDay, to: LocalDay): Promise<AgendaAbsence[]> {
    return this.db
      .select({
        id: absences.id,
        firstDay: absences.firstDay,
        lastDay: absences.lastDay,
        serviceIds: absences.serviceIds,
        reason: absences.reason,
        justified: absences.justified,
      })
      .from(absences)
      .where(
        and(
          eq(absences.communeId, communeId),
          eq(absences.memberId, memberId),
          lte(absences.firstDay, to),
          gte(absences.lastDay, from),
        ),
      )
      .orderBy(asc(absences.firstDay), asc(absences.reportedAt));
  }

  /** The pointage of the member between the days. */
  async attendance(communeId: string, memberId: string, from: LocalDay, to: LocalDay): Promise<AgendaAttendance[]> {
    return this.db
      .select({ serviceId: attendance.serviceId, day: attendance.day, present: attendance.present })
      .from(attendance)
      .where(
        and(
          eq(attendance.communeId, communeId),
          eq(attendance.memberId, memberId),
          gte(attendance.day, from),
          lte(attendance.day, to),
        ),
      );
  }
}
