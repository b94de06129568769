import { and, asc, desc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { isUuid } from '../../shared/ids.js';
import type { LocalDay } from '../../shared/localDays.js';
import type { CatalogueService } from './domain/catalogueService.js';
import { activitySessions, calendarPeriods, enrolments, schoolYears, services } from './servicesSchema.js';

export type SchoolYear = typeof schoolYears.$inferSelect;
export type CalendarPeriod = typeof calendarPeriods.$inferSelect;
export type ActivitySession = typeof activitySessions.$inferSelect;
export type Enrolment = typeof enrolments.$inferSelect;
type ServiceRow = typeof services.$inferSelect;

/** The commune's calendar: its school years and days off; `factsFor` picks what the rules need for a day. */
export interface CommuneCalendar {
  years: SchoolYear[];
  periods: CalendarPeriod[];
}

export function toCatalogueService(row: ServiceRow): CatalogueService {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    description: row.description,
    opening: { openWeekdays: row.openWeekdays, schoolPeriodsOnly: row.schoolPeriodsOnly },
    rule: {
      deadlineDaysBefore: row.deadlineDaysBefore,
      deadlineTime: row.deadlineTime,
      cutoffDaysBefore: row.cutoffDaysBefore,
      cutoffTime: row.cutoffTime,
      rentreeWindow: row.rentreeWindow,
    },
    majoration:
      row.majorationKind === 'percent'
        ? { kind: 'percent', basisPoints: row.majorationValue }
        : { kind: 'fixed', cents: row.majorationValue },
    illnessReportTime: row.illnessReportTime,
    requiredDocuments: row.requiredDocuments,
    placesPerDay: row.placesPerDay,
    units: row.units,
    active: row.active,
  };
}

/**
 * Read side of the commune's set-up, shared by every module that books or shows days: what the rules need,
 * already in their types. Writes are the administrator's, in `servicesRepository.ts`.
 */
export class ServiceCatalogue {
  constructor(private readonly db: Db) {}

  async services(
    communeId: string,
    options: { includeInactive?: boolean } = {},
    tx: Db = this.db,
  ): Promise<CatalogueService[]> {
    const rows = await tx
      .select()
      .from(services)
      .where(
        options.includeInactive
          ? eq(services.communeId, communeId)
          : and(eq(services.communeId, communeId), eq(services.active, true)),
      )
      .orderBy(asc(services.position), asc(services.name));
    return rows.map(toCatalogueService);
  }

  async service(communeId: string, serviceId: string, tx: Db = this.db): Promise<CatalogueService | null> {
    if (!isUuid(serviceId)) return null;
    const [row] = await tx
      .select()
      .from(services)
      .where(and(eq(services.communeId, communeId), eq(services.id, serviceId)));
    return row ? toCatalogueService(row) : null;
  }

  async calendar(communeId: string, tx: Db = this.db): Promise<CommuneCalendar> {
    const [years, periods] = await Promise.all([
      tx.select().from(schoolYears).where(eq(schoolYears.communeId, communeId)).orderBy(asc(schoolYears.startsOn)),
      tx
        .select()
        .from(calendarPeriods)
        .where(eq(calendarPeriods.communeId, communeId))
        .orderBy(asc(calendarPeriods.startsOn)),
    ]);
    return { years, periods };
  }

  /** Sessions whose last day is on or after `from`, the soonest first. */
  async sessions(communeId: string, options: { from?: LocalDay } = {}, tx: Db = this.db): Promise<ActivitySession[]> {
    return tx
      .select()
      .from(activitySessions)
      .where(
        and(
          eq(activitySessions.communeId, communeId),
          options.from ? gte(activitySessions.endsOn, options.from) : undefined,
        ),
      )
      .orderBy(asc(activitySessions.startsOn), asc(activitySessions.name));
  }

  async session(communeId: string, sessionId: string, tx: Db = this.db): Promise<ActivitySession | null> {
    if (!isUuid(sessionId)) return null;
    const [row] = await tx
      .select()
      .from(activitySessions)
      .where(and(eq(activitySessions.communeId, communeId), eq(activitySessions.id, sessionId)));
    return row ?? null;
  }

  /** A member's active inscriptions. */
  async enrolmentsOf(communeId: string, memberId: string, tx: Db = this.db): Promise<Enrolment[]> {
    return tx
      .select()
      .from(enrolments)
      .where(
        and(eq(enrolments.communeId, communeId), eq(enrolments.memberId, memberId), eq(enrolments.status, 'active')),
      );
  }

  /** Whether the member may book the service on that day: an active inscription for the day's school year. */
  async isEnrolled(
    communeId: string,
    memberId: string,
    serviceId: string,
    day: LocalDay,
    tx: Db = this.db,
  ): Promise<boolean> {
    const [row] = await tx
      .select({ id: enrolments.id })
      .from(enrolments)
      .innerJoin(schoolYears, eq(schoolYears.id, enrolments.schoolYearId))
      .where(
        and(
          eq(enrolments.communeId, communeId),
          eq(enrolments.memberId, memberId),
          eq(enrolments.serviceId, serviceId),
          eq(enrolments.status, 'active'),
          lte(schoolYears.startsOn, day),
          gte(schoolYears.endsOn, day),
        ),
      );
    return row !== undefined;
  }

  /**
   * Whether the member may book a holiday session: an active inscription to its service for the last school
   * year begun by the session's first day (summer sessions come after the year's last day and still belong to it).
   */
  async isEnrolledForSession(
    communeId: string,
    memberId: string,
    session: Pick<ActivitySession, 'serviceId' | 'startsOn'>,
    tx: Db = this.db,
  ): Promise<boolean> {
    const [year] = await tx
      .select({ id: schoolYears.id })
      .from(schoolYears)
      .where(and(eq(schoolYears.communeId, communeId), lte(schoolYears.startsOn, session.startsOn)))
      .orderBy(desc(schoolYears.startsOn))
      .limit(1);
    if (!year) return false;
    const [row] = await tx
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(
        and(
          eq(enrolments.communeId, communeId),
          eq(enrolments.memberId, memberId),
          eq(enrolments.serviceId, session.serviceId),
          eq(enrolments.schoolYearId, year.id),
          eq(enrolments.status, 'active'),
        ),
      );
    return row !== undefined;
  }
}
