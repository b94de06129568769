import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { Enrolment, SchoolYear } from './serviceCatalogue.js';
import { enrolments, schoolYears, services } from './servicesSchema.js';

/** An inscription as the family's pages list it: whose, to what, for which year. */
export interface EnrolmentLine {
  id: string;
  memberId: string;
  serviceId: string;
  serviceName: string;
  schoolYearId: string;
  schoolYearLabel: string;
}

/**
 * Inscriptions (enrolments): written when the guichet unique accepts an « inscription » request.
 * The read side every module uses is `ServiceCatalogue`; this is what the inscriptions need besides.
 * Every method is scoped to the commune.
 */
export class EnrolmentsRepository {
  constructor(private readonly db: Db) {}

  /** The member's inscription to the service for the year, active or ended: there is at most one (unique index). */
  async find(
    communeId: string,
    key: { memberId: string; serviceId: string; schoolYearId: string },
    tx: Db = this.db,
  ): Promise<Enrolment | null> {
    const [row] = await tx
      .select()
      .from(enrolments)
      .where(
        and(
          eq(enrolments.communeId, communeId),
          eq(enrolments.memberId, key.memberId),
          eq(enrolments.serviceId, key.serviceId),
          eq(enrolments.schoolYearId, key.schoolYearId),
        ),
      );
    return row ?? null;
  }

  /** The commune's school years, the earliest first (one query: usable inside a transaction's single connection). */
  async schoolYears(communeId: string, tx: Db = this.db): Promise<SchoolYear[]> {
    return tx.select().from(schoolYears).where(eq(schoolYears.communeId, communeId)).orderBy(asc(schoolYears.startsOn));
  }

  /** Inserts an active inscription; null when one already exists for the member, service and year (a race lost). */
  async insert(
    enrolment: Omit<typeof enrolments.$inferInsert, 'id' | 'status'>,
    tx: Db = this.db,
  ): Promise<Enrolment | null> {
    const [row] = await tx
      .insert(enrolments)
      .values({ ...enrolment, status: 'active' })
      .onConflictDoNothing()
      .returning();
    return row ?? null;
  }

  /** Makes an ended inscription active again, from the request that asked for it; false when it was not ended. */
  async reactivate(communeId: string, id: string, requestId: string, tx: Db = this.db): Promise<boolean> {
    const rows = await tx
      .update(enrolments)
      .set({ status: 'active', requestId })
      .where(and(eq(enrolments.communeId, communeId), eq(enrolments.id, id), eq(enrolments.status, 'ended')))
      .returning({ id: enrolments.id });
    return rows.length === 1;
  }

  /** The family's active inscriptions, by year then service. */
  async activeOfFamily(communeId: string, familyId: string, tx: Db = this.db): Promise<EnrolmentLine[]> {
    return tx
      .select({
        id: enrolments.id,
        memberId: enrolments.memberId,
        serviceId: enrolments.serviceId,
        serviceName: services.name,
        schoolYearId: enrolments.schoolYearId,
        schoolYearLabel: schoolYears.label,
      })
      .from(enrolments)
      .innerJoin(services, eq(services.id, enrolments.serviceId))
      .innerJoin(schoolYears, eq(schoolYears.id, enrolments.schoolYearId))
      .where(
        and(eq(enrolments.communeId, communeId), eq(enrolments.familyId, familyId), eq(enrolments.status, 'active')),
      )
      .orderBy(asc(schoolYears.startsOn), asc(services.position), asc(services.name));
  }
}
