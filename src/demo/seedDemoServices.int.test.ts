import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { CommunesRepository } from '../modules/communes/communesRepository.js';
import { families, familyMembers } from '../modules/families/familiesSchema.js';
import { changeTiming } from '../modules/services/domain/deadlines.js';
import { holidaysHolding } from '../modules/services/domain/serviceSettings.js';
import { ServiceCatalogue } from '../modules/services/serviceCatalogue.js';
import { TestClock } from '../platform/clock.js';
import type { Database } from '../platform/db/database.js';
import { ageOnDay } from '../shared/localDays.js';
import { seedDemo } from './seedDemo.js';
import { DUPONT_REFERENCE } from './seedDemoServices.js';

// The demo's communes have fixed slugs: seeded on a fresh embedded database only, never on the shared server.
describe.each(testDatabases().filter((database) => database.name === 'pglite'))(
  'the demo’s services on $name',
  ({ open }) => {
    let database: Database;
    const clock = new TestClock();
    beforeAll(async () => {
      database = await open();
      await database.db.transaction((tx) => seedDemo(tx as unknown as Database['db'], clock));
    });
    afterAll(async () => {
      await database?.close();
    });

    it('gives each demo commune the standard catalogue, the school year 2026-2027 of zone C and holiday sessions families can book on time', async () => {
      const catalogue = new ServiceCatalogue(database.db);
      const communes = new CommunesRepository(database.db);
      for (const slug of ['chanteloup-les-vignes', 'belrive-sur-oise']) {
        const commune = (await communes.findBySlug(slug))!;
        const services = await catalogue.services(commune.id);
        expect(
          services.map((service) => service.kind),
          slug,
        ).toEqual(['matin', 'soir', 'restauration', 'mercredi', 'vacances']);
        const calendar = await catalogue.calendar(commune.id);
        expect(calendar.years.map((year) => year.label)).toEqual(['2026-2027']);
        expect(calendar.periods.filter((period) => period.kind === 'vacances')).toHaveLength(5);
        const sessions = await catalogue.sessions(commune.id);
        expect(sessions.length).toBeGreaterThanOrEqual(3);
        const holidays = services.find((service) => service.kind === 'vacances')!;
        for (const session of sessions) {
          expect(session.serviceId).toBe(holidays.id);
          expect(holidaysHolding(session, calendar.periods), session.name).not.toBeNull();
          expect(session.places).toBeGreaterThanOrEqual(12);
          expect(session.places).toBeLessThanOrEqual(24);
          // The demo starts on 2 November 2026: every session still opens on time.
          expect(
            changeTiming({ now: clock.now(), day: session.startsOn, rule: holidays.rule }).timing,
            session.name,
          ).toBe('on-time');
        }
        expect(sessions.some((session) => session.startsOn.startsWith('2026-12'))).toBe(true);
      }
    });

    it('enrols Rémi DUPONT to the canteen and the evening care, not to the Wednesday centre his parent asks for', async () => {
      const catalogue = new ServiceCatalogue(database.db);
      const commune = (await new CommunesRepository(database.db).findBySlug('chanteloup-les-vignes'))!;
      const [remi] = await database.db
        .select({ id: familyMembers.id, birthDate: familyMembers.birthDate })
        .from(familyMembers)
        .innerJoin(families, eq(families.id, familyMembers.familyId))
        .where(
          and(
            eq(families.communeId, commune.id),
            eq(families.reference, DUPONT_REFERENCE),
            eq(familyMembers.firstName, 'Rémi'),
          ),
        );
      const byKind = new Map((await catalogue.services(commune.id)).map((service) => [service.kind, service]));
      const enrolled = async (kind: string) =>
        catalogue.isEnrolled(commune.id, remi!.id, byKind.get(kind as never)!.id, '2026-11-17');
      expect(await enrolled('restauration')).toBe(true);
      expect(await enrolled('soir')).toBe(true);
      expect(await enrolled('mercredi')).toBe(false);
      expect(await enrolled('matin')).toBe(false);
      expect(await catalogue.enrolmentsOf(commune.id, remi!.id)).toHaveLength(2);
      // Some sessions are open to him.
      const sessions = await catalogue.sessions(commune.id);
      expect(
        sessions.filter((session) => {
          const age = ageOnDay(remi!.birthDate, session.startsOn);
          return session.minAge <= age && age <= session.maxAge;
        }).length,
      ).toBeGreaterThanOrEqual(2);
    });

    it('dates the demo’s family files on the demo’s clock, never on the wall clock', async () => {
      const files = await database.db.select({ createdAt: families.createdAt }).from(families);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect(file.createdAt.getTime()).toBeLessThan(clock.now().getTime());
      // A year and more before the demo's day: before the inscriptions it shows.
      for (const file of files)
        expect(clock.now().getTime() - file.createdAt.getTime()).toBeGreaterThan(365 * 24 * 3600_000);
    });
  },
);
