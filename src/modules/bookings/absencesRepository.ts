import { and, asc, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { LocalDay } from '../../shared/localDays.js';
import { OPEN_STATUSES } from '../requests/domain/requestStatus.js';
import { requests } from '../requests/requestsSchema.js';
import { absences, bookings } from './bookingsSchema.js';
import { daysWithin } from './domain/absenceRules.js';
import { byCell, cellKey, type ServiceDay } from './domain/cells.js';

export type Absence = typeof absences.$inferSelect;

export type { ServiceDay } from './domain/cells.js';

/** An absence as the family's page lists it, with where its request stands. */
export interface ReportedAbsence extends Absence {
  requestStatus: string | null;
}

/** Absences the families report; every method is scoped to the commune. */
export class AbsencesRepository {
  constructor(private readonly db: Db) {}

  async insert(absence: Omit<typeof absences.$inferInsert, 'id'>, tx: Db = this.db): Promise<Absence> {
    const [row] = await tx.insert(absences).values(absence).returning();
    return row!;
  }

  /** The absence a request reported. */
  async ofRequest(communeId: string, requestId: string, tx: Db = this.db): Promise<Absence | null> {
    const [row] = await tx
      .select()
      .from(absences)
      .where(and(eq(absences.communeId, communeId), eq(absences.requestId, requestId)));
    return row ?? null;
  }

  async markJustified(communeId: string, id: string, tx: Db = this.db): Promise<void> {
    await tx
      .update(absences)
      .set({ justified: true })
      .where(and(eq(absences.communeId, communeId), eq(absences.id, id)));
  }

  /**
   * The member's illnesses not yet justified, reported from `from` on, whose request is still open or
   * was accepted: those a medical certificate starting on `from` may justify.
   */
  async unjustifiedIllnessesFrom(
    communeId: string,
    memberId: string,
    from: LocalDay,
    tx: Db = this.db,
  ): Promise<Absence[]> {
    const rows = await tx
      .select({ absence: absences })
      .from(absences)
      .innerJoin(requests, and(eq(requests.id, absences.requestId), eq(requests.communeId, communeId)))
      .where(
        and(
          eq(absences.communeId, communeId),
          eq(absences.memberId, memberId),
          eq(absences.reason, 'maladie'),
          eq(absences.justified, false),
          gte(absences.firstDay, from),
          inArray(requests.status, [...OPEN_STATUSES, 'acceptee']),
        ),
      )
      .orderBy(asc(absences.firstDay));
    return rows.map(({ absence }) => absence);
  }

  /** The family's latest absences, the most recent first days first. */
  async ofFamily(communeId: string, familyId: string, limit = 20, tx: Db = this.db): Promise<ReportedAbsence[]> {
    const rows = await tx
      .select({ absence: absences, requestStatus: requests.status })
      .from(absences)
      .leftJoin(requests, eq(requests.id, absences.requestId))
      .where(and(eq(absences.communeId, communeId), eq(absences.familyId, familyId)))
      .orderBy(desc(absences.firstDay), desc(absences.reportedAt))
      .limit(limit);
    return rows.map(({ absence, requestStatus }) => ({ ...absence, requestStatus }));
  }

  /**
   * The member's absences meeting the days from `from` to `to` (both included) whose request is still
   * open or was accepted: the ones a new report must not repeat. Refused and cancelled ones are left.
   */
  async standingBetween(
    communeId: string,
    memberId: string,
    from: LocalDay,
    to: LocalDay,
    tx: Db = this.db,
  ): Promise<ReportedAbsence[]> {
    const rows = await tx
      .select({ absence: absences, requestStatus: requests.status })
      .from(absences)
      .innerJoin(requests, and(eq(requests.id, absences.requestId), eq(requests.communeId, communeId)))
      .where(
        and(
          eq(absences.communeId, communeId),
          eq(absences.memberId, memberId),
          lte(absences.firstDay, to),
          gte(absences.lastDay, from),
          inArray(requests.status, [...OPEN_STATUSES, 'acceptee']),
        ),
      )
      .orderBy(asc(absences.firstDay), asc(absences.reportedAt));
    return rows.map(({ absence, requestStatus }) => ({ ...absence, requestStatus }));
  }

  /** The member's live bookings of these services between two days, both included: what an absence there covers. */
  async bookedDays(
    communeId: string,
    memberId: string,
    serviceIds: string[],
    from: LocalDay,
    to: LocalDay,
    tx: Db = this.db,
  ): Promise<ServiceDay[]> {
    if (serviceIds.length === 0) return [];
    return tx
      .select({ day: bookings.day, serviceId: bookings.serviceId })
      .from(bookings)
      .where(
        and(
          eq(bookings.communeId, communeId),
          eq(bookings.memberId, memberId),
          inArray(bookings.serviceId, serviceIds),
          eq(bookings.status, 'reserve'),
          gte(bookings.day, from),
          lte(bookings.day, to),
        ),
      )
      .orderBy(asc(bookings.day));
  }

  /**
   * The days × services between `from` and `to` (both included) that a justified absence of the member
   * covers: billing does not charge their bookings, and the agenda shows them as excused.
   */
  async justifiedDays(
    communeId: string,
    memberId: string,
    from: LocalDay,
    to: LocalDay,
    tx: Db = this.db,
  ): Promise<ServiceDay[]> {
    const rows = await tx
      .select({ firstDay: absences.firstDay, lastDay: absences.lastDay, serviceIds: absences.serviceIds })
      .from(absences)
      .where(
        and(
          eq(absences.communeId, communeId),
          eq(absences.memberId, memberId),
          eq(absences.justified, true),
          lte(absences.firstDay, to),
          gte(absences.lastDay, from),
        ),
      );
    const covered = new Map<string, ServiceDay>();
    for (const row of rows) {
      for (const day of daysWithin(row, { from, to })) {
        for (const serviceId of row.serviceIds) covered.set(cellKey({ day, serviceId }), { day, serviceId });
      }
    }
    return [...covered.values()].sort(byCell);
  }
}
