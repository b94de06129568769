import type { Container } from '../src/container.js';
import type { Commune } from '../src/modules/communes/domain/commune.js';
import {
  activitySessions,
  calendarPeriods,
  enrolments,
  schoolYears,
  services,
} from '../src/modules/services/servicesSchema.js';
import type { ServiceKind } from '../src/modules/services/domain/catalogueService.js';
import { SCHOOL_YEAR_2026, STANDARD_SERVICES } from '../src/modules/services/standardCatalogue.js';

export type TestServices = Awaited<ReturnType<typeof setUpServices>>;

/**
 * The standard set-up on a test commune: the school year 2026-2027 (rentrée 1 September, window until
 * 30 September), zone C's holidays, and the five services with the demo's rules. `overrides` changes a
 * service's rules (places per day, deadline…) before it is written.
 */
export async function setUpServices(
  container: Container,
  commune: Commune,
  overrides: Partial<Record<ServiceKind, Partial<typeof services.$inferInsert>>> = {},
) {
  const db = container.database.db;
  const { periods, ...year } = SCHOOL_YEAR_2026;
  const [schoolYear] = await db
    .insert(schoolYears)
    .values({ communeId: commune.id, ...year })
    .returning();
  await db.insert(calendarPeriods).values(periods.map((period) => ({ communeId: commune.id, ...period })));
  const rows = await db
    .insert(services)
    .values(
      STANDARD_SERVICES.map((service, position) => ({
        communeId: commune.id,
        position,
        ...service,
        ...overrides[service.kind],
      })),
    )
    .returning();
  const byKind = Object.fromEntries(rows.map((row) => [row.kind, row])) as Record<ServiceKind, (typeof rows)[number]>;
  return { schoolYear: schoolYear!, services: byKind };
}

/** A holiday session of the commune's « Activités vacances » service. */
export async function createSession(
  container: Container,
  commune: Commune,
  serviceId: string,
  overrides: Partial<typeof activitySessions.$inferInsert> = {},
) {
  const [row] = await container.database.db
    .insert(activitySessions)
    .values({
      communeId: commune.id,
      serviceId,
      name: 'Stage multisport',
      description: 'Quatre matinées de sports collectifs au gymnase.',
      startsOn: '2026-12-21',
      endsOn: '2026-12-24',
      minAge: 6,
      maxAge: 11,
      places: 10,
      priceCents: 6000,
      ...overrides,
    })
    .returning();
  return row!;
}

/** An accepted inscription, as if the guichet unique had accepted the family's request. */
export async function enrol(
  container: Container,
  commune: Commune,
  enrolment: { familyId: string; memberId: string; serviceId: string; schoolYearId: string },
) {
  const [row] = await container.database.db
    .insert(enrolments)
    .values({ communeId: commune.id, ...enrolment, createdAt: container.clock.now() })
    .returning();
  return row!;
}
