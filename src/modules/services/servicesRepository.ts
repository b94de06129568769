import { and, asc, count, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { isUuid } from '../../shared/ids.js';
import { sessionBookings } from '../bookings/bookingsSchema.js';
import { communes } from '../communes/communesSchema.js';
import type { ActivitySession, CalendarPeriod, SchoolYear } from './serviceCatalogue.js';
import { activitySessions, calendarPeriods, schoolYears, services } from './servicesSchema.js';
import type { StandardService } from './standardCatalogue.js';

type ServiceRow = typeof services.$inferSelect;
export type SchoolYearValues = Pick<SchoolYear, 'label' | 'startsOn' | 'endsOn' | 'rentreeWindowEndsOn'>;
export type PeriodValues = Pick<CalendarPeriod, 'kind' | 'label' | 'startsOn' | 'endsOn'>;
/** What the administrator changes of a service: everything but its kind, its position and its units' codes. */
export type ServiceValues = Omit<ServiceRow, 'id' | 'communeId' | 'kind' | 'position'>;
export type SessionValues = Pick<
  ActivitySession,
  'serviceId' | 'name' | 'description' | 'startsOn' | 'endsOn' | 'minAge' | 'maxAge' | 'places' | 'priceCents'
>;

/**
 * The writes of the commune's set-up: school years, days off, services' settings, holiday sessions.
 * Every method takes the commune; an id of another commune finds nothing. The reads the rules need
 * are `ServiceCatalogue`'s; the reads here are the ones a write needs, under its locks.
 */
export class ServicesRepository {
  constructor(private readonly db: Db) {}

  /**
   * Serialises the commune's changes to its calendar and catalogue: the checks that look at the other
   * years (no day in two years) or at an empty catalogue see what the write will be added to.
   */
  async lockSetUp(communeId: string, tx: Db): Promise<void> {
    await tx.select({ id: communes.id }).from(communes).where(eq(communes.id, communeId)).for('update');
  }

  /** How much of the set-up exists: a commune with neither is offered the standard catalogue. */
  async setUpCounts(communeId: string, tx: Db = this.db): Promise<{ schoolYears: number; services: number }> {
    // One after the other: inside a transaction, the queries share one connection.
    const [years] = await tx.select({ n: count() }).from(schoolYears).where(eq(schoolYears.communeId, communeId));
    const [rows] = await tx.select({ n: count() }).from(services).where(eq(services.communeId, communeId));
    return { schoolYears: Number(years?.n ?? 0), services: Number(rows?.n ?? 0) };
  }

  async schoolYear(communeId: string, id: string, tx: Db = this.db): Promise<SchoolYear | null> {
    if (!isUuid(id)) return null;
    const [row] = await tx
      .select()
      .from(schoolYears)
      .where(and(eq(schoolYears.communeId, communeId), eq(schoolYears.id, id)));
    return row ?? null;
  }

  /** The commune's other school years, in order: what a year's dates and name are checked against. */
  async otherSchoolYears(communeId: string, exceptId: string | null, tx: Db = this.db): Promise<SchoolYear[]> {
    return tx
      .select()
      .from(schoolYears)
      .where(and(eq(schoolYears.communeId, communeId), exceptId ? ne(schoolYears.id, exceptId) : undefined))
      .orderBy(asc(schoolYears.startsOn));
  }

  async insertSchoolYear(communeId: string, values: SchoolYearValues, tx: Db = this.db): Promise<SchoolYear> {
    const [row] = await tx
      .insert(schoolYears)
      .values({ communeId, ...values })
      .returning();
    return row!;
  }

  async updateSchoolYear(
    communeId: string,
    id: string,
    values: SchoolYearValues,
    tx: Db = this.db,
  ): Promise<SchoolYear | null> {
    if (!isUuid(id)) return null;
    const [row] = await tx
      .update(schoolYears)
      .set(values)
      .where(and(eq(schoolYears.communeId, communeId), eq(schoolYears.id, id)))
      .returning();
    return row ?? null;
  }

  async period(communeId: string, id: string, tx: Db = this.db): Promise<CalendarPeriod | null> {
    if (!isUuid(id)) return null;
    const [row] = await tx
      .select()
      .from(calendarPeriods)
      .where(and(eq(calendarPeriods.communeId, communeId), eq(calendarPeriods.id, id)));
    return row ?? null;
  }

  async insertPeriods(communeId: string, values: PeriodValues[], tx: Db = this.db): Promise<CalendarPeriod[]> {
    if (values.length === 0) return [];
    return tx
      .insert(calendarPeriods)
      .values(values.map((period) => ({ communeId, ...period })))
      .returning();
  }

  async updatePeriod(
    communeId: string,
    id: string,
    values: PeriodValues,
    tx: Db = this.db,
  ): Promise<CalendarPeriod | null> {
    if (!isUuid(id)) return null;
    const [row] = await tx
      .update(calendarPeriods)
      .set(values)
      .where(and(eq(calendarPeriods.communeId, communeId), eq(calendarPeriods.id, id)))
      .returning();
    return row ?? null;
  }

  async deletePeriod(communeId: string, id: string, tx: Db = this.db): Promise<CalendarPeriod | null> {
    if (!isUuid(id)) return null;
    const [row] = await tx
      .delete(calendarPeriods)
      .where(and(eq(calendarPeriods.communeId, communeId), eq(calendarPeriods.id, id)))
      .returning();
    return row ?? null;
  }

  /** A service's row, locked: two administrators saving at once each see the other's save, in turn. */
  async lockService(communeId: string, id: string, tx: Db): Promise<ServiceRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await tx
      .select()
      .from(services)
      .where(and(eq(services.communeId, communeId), eq(services.id, id)))
      .for('update');
    return row ?? null;
  }

  async updateService(
    communeId: string,
    id: string,
    values: ServiceValues,
    tx: Db = this.db,
  ): Promise<ServiceRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await tx
      .update(services)
      .set(values)
      .where(and(eq(services.communeId, communeId), eq(services.id, id)))
      .returning();
    return row ?? null;
  }

  /** The standard services, in the catalogue's order, with the columns' default times and majoration. */
  async insertServices(communeId: string, standard: StandardService[], tx: Db = this.db): Promise<ServiceRow[]> {
    return tx
      .insert(services)
      .values(standard.map((service, position) => ({ communeId, position, ...service })))
      .returning();
  }

  /** A session locked for a change: its `booked` counter only moves under this lock, so the check against it holds. */
  async lockSession(communeId: string, id: string, tx: Db): Promise<ActivitySession | null> {
    if (!isUuid(id)) return null;
    const [row] = await tx
      .select()
      .from(activitySessions)
      .where(and(eq(activitySessions.communeId, communeId), eq(activitySessions.id, id)))
      .for('update');
    return row ?? null;
  }

  /** How many children hold a place or a waiting ticket at the session: read under its lock, which every booking takes. */
  async liveSessionBookings(communeId: string, sessionId: string, tx: Db): Promise<number> {
    const [row] = await tx
      .select({ n: count() })
      .from(sessionBookings)
      .where(
        and(
          eq(sessionBookings.communeId, communeId),
          eq(sessionBookings.sessionId, sessionId),
          inArray(sessionBookings.status, ['inscrit', 'attente']),
        ),
      );
    return Number(row?.n ?? 0);
  }

  async insertSession(communeId: string, values: SessionValues, tx: Db = this.db): Promise<ActivitySession> {
    const [row] = await tx
      .insert(activitySessions)
      .values({ communeId, ...values })
      .returning();
    return row!;
  }

  async updateSession(
    communeId: string,
    id: string,
    values: SessionValues,
    tx: Db = this.db,
  ): Promise<ActivitySession | null> {
    if (!isUuid(id)) return null;
    const [row] = await tx
      .update(activitySessions)
      .set(values)
      .where(and(eq(activitySessions.communeId, communeId), eq(activitySessions.id, id)))
      .returning();
    return row ?? null;
  }
}
