import { and, eq } from 'drizzle-orm';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import type { Commune } from '../modules/communes/domain/commune.js';
import { families, familyMembers } from '../modules/families/familiesSchema.js';
import { ServicesRepository } from '../modules/services/servicesRepository.js';
import { enrolments } from '../modules/services/servicesSchema.js';
import { SCHOOL_YEAR_2026, STANDARD_SERVICES } from '../modules/services/standardCatalogue.js';

/** The demo's file of the DUPONT family (seedDemoFamilies.ts), whose child Rémi the demo enrols. */
export const DUPONT_REFERENCE = 'F-2026-0001';

/**
 * The holiday sessions of the demo, in the zone C holidays of 2026-2027 (standardCatalogue.ts): each
 * opens four weeks before its first day, so that the demo's November clock books them on time.
 */
export const DEMO_SESSIONS = [
  {
    name: 'Stage multisport',
    description:
      'Quatre matinées de sports collectifs au gymnase Jean-Moulin : basket, hand-ball, ultimate. Prévoir une tenue de sport et une gourde.',
    startsOn: '2026-12-21',
    endsOn: '2026-12-24',
    minAge: 6,
    maxAge: 11,
    places: 24,
    priceCents: 6000,
  },
  {
    name: 'Atelier cirque',
    description:
      'Jonglage, équilibre et acrobaties avec la compagnie des Vignes, et un petit spectacle pour les familles le vendredi.',
    startsOn: '2027-02-08',
    endsOn: '2027-02-12',
    minAge: 8,
    maxAge: 12,
    places: 16,
    priceCents: 7500,
  },
  {
    name: 'Stage théâtre',
    description: 'Une semaine d’improvisation et de mise en scène à l’Espace Victor Hugo.',
    startsOn: '2027-02-15',
    endsOn: '2027-02-19',
    minAge: 8,
    maxAge: 12,
    places: 20,
    priceCents: 9000,
  },
  {
    name: 'Nature et jardin',
    description: 'Semis, potager et balades au bord de la Seine, avec le service des espaces verts.',
    startsOn: '2027-04-05',
    endsOn: '2027-04-09',
    minAge: 6,
    maxAge: 11,
    places: 12,
    priceCents: 4500,
  },
];

/**
 * The services of each demo commune (PRODUCT.md, « Demo commune »): the standard catalogue with the
 * school year 2026-2027 of zone C, a few holiday sessions, and, in Chanteloup, Rémi DUPONT enrolled to
 * the canteen and the evening care — not to the Wednesday centre, which his parent asks for in the
 * demo's journey. Runs once, on a new database, after the families (seedDemo.ts).
 */
export async function seedDemoServices(db: Db, clock: Clock, communes: Commune[]): Promise<void> {
  const repository = new ServicesRepository(db);
  for (const commune of communes) {
    const { periods, ...year } = SCHOOL_YEAR_2026;
    const schoolYear = await repository.insertSchoolYear(commune.id, year, db);
    await repository.insertPeriods(commune.id, periods, db);
    const services = await repository.insertServices(commune.id, STANDARD_SERVICES, db);
    const byKind = new Map(services.map((service) => [service.kind, service]));
    const holidays = byKind.get('vacances')!;
    for (const session of DEMO_SESSIONS)
      await repository.insertSession(commune.id, { serviceId: holidays.id, ...session }, db);

    const [remi] = await db
      .select({ familyId: familyMembers.familyId, memberId: familyMembers.id })
      .from(familyMembers)
      .innerJoin(families, eq(families.id, familyMembers.familyId))
      .where(
        and(
          eq(families.communeId, commune.id),
          eq(families.reference, DUPONT_REFERENCE),
          eq(familyMembers.firstName, 'Rémi'),
        ),
      );
    if (!remi) continue;
    await db.insert(enrolments).values(
      (['restauration', 'soir'] as const).map((kind) => ({
        communeId: commune.id,
        familyId: remi.familyId,
        memberId: remi.memberId,
        serviceId: byKind.get(kind)!.id,
        schoolYearId: schoolYear.id,
        createdAt: clock.now(),
      })),
    );
  }
}
