/**
 * The browser tests' app: the demo database, with the family files of e2eFamilies.ts added in the
 * same transaction as the demo seed, then the app started exactly as `npm start` does (src/main.ts,
 * which finds the database already made in demo mode and seeds nothing more).
 */
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../src/config.js';
import { chanteloup } from '../../src/demo/demoCommunes.js';
import { seedDemo } from '../../src/demo/seedDemo.js';
import { CitizensRepository } from '../../src/modules/accounts/citizensRepository.js';
import { hashPassword } from '../../src/modules/accounts/passwordHasher.js';
import { communes } from '../../src/modules/communes/communesSchema.js';
import { FamiliesRepository } from '../../src/modules/families/familiesRepository.js';
import { families as familiesTable } from '../../src/modules/families/familiesSchema.js';
import { enrolments, schoolYears, services as servicesTable } from '../../src/modules/services/servicesSchema.js';
import { bookings } from '../../src/modules/bookings/bookingsSchema.js';
import { type Clock, startingClock, systemClock } from '../../src/platform/clock.js';
import type { Db } from '../../src/platform/db/database.js';
import { openDatabase } from '../../src/platform/db/openDatabase.js';
import { prepareDatabase } from '../../src/platform/db/prepareDatabase.js';
import { E2E_PASSWORD, e2eFamilies, e2eLinkedFamilies } from './e2eFamilies.js';

async function seedE2eFamilies(db: Db, clock: Clock): Promise<void> {
  const families = new FamiliesRepository(db);
  const [commune] = await db.select().from(communes).where(eq(communes.slug, chanteloup.commune.slug));
  if (!commune) throw new Error(`The demo commune ${chanteloup.commune.slug} is missing after the demo seed.`);
  for (const { reference, adult, members } of e2eFamilies) {
    const family = await families.insertFamily(commune.id, reference, db);
    await families.insertAdult({ communeId: commune.id, familyId: family.id, role: 'representant', ...adult }, db);
    for (const member of members)
      await families.insertMember({ communeId: commune.id, familyId: family.id, ...member }, db);
  }

  // The représentants whose account is already active and linked, as after a Clé Enfance.
  const citizens = new CitizensRepository(db);
  const passwordHash = await hashPassword(E2E_PASSWORD);
  const longAgo = new Date(clock.now().getTime() - 30 * 24 * 3600_000);
  const services = await db.select().from(servicesTable).where(eq(servicesTable.communeId, commune.id));
  const [schoolYear] = await db.select().from(schoolYears).where(eq(schoolYears.communeId, commune.id));
  for (const {
    reference,
    address,
    representative,
    coRepresentative,
    members,
    enrolledIn,
    bookedOn,
  } of e2eLinkedFamilies) {
    const family = await families.insertFamily(commune.id, reference, db);
    await db.update(familiesTable).set(address).where(eq(familiesTable.id, family.id));
    const { username, phone, ...person } = representative;
    const citizen = await citizens.insert(
      {
        communeId: commune.id,
        username,
        ...person,
        ...address,
        mobilePhone: phone,
        passwordHash,
        status: 'active',
        termsAcceptedAt: longAgo,
        activatedAt: longAgo,
      },
      db,
    );
    if (!citizen) throw new Error(`The account ${username} could not be created for the browser tests.`);
    const adult = await families.insertAdult(
      { communeId: commune.id, familyId: family.id, role: 'representant', ...person, phone },
      db,
    );
    if (!(await families.linkCitizen(commune.id, adult.id, citizen.id, db)))
      throw new Error(`The account ${username} could not be linked to ${reference}.`);
    if (coRepresentative)
      await families.insertAdult(
        { communeId: commune.id, familyId: family.id, role: 'co-representant', ...coRepresentative },
        db,
      );
    for (const member of members) {
      const child = await families.insertMember({ communeId: commune.id, familyId: family.id, ...member }, db);
      for (const kind of enrolledIn ?? []) {
        const service = services.find((s) => s.kind === kind);
        if (!service || !schoolYear)
          throw new Error(`The demo has no service ${kind} or no school year to enrol ${member.firstName} in.`);
        await db.insert(enrolments).values({
          communeId: commune.id,
          familyId: family.id,
          memberId: child.id,
          serviceId: service.id,
          schoolYearId: schoolYear.id,
          createdAt: longAgo,
        });
      }
      for (const { kind, day } of bookedOn ?? []) {
        const service = services.find((s) => s.kind === kind)!;
        const unit = service.units[0]!;
        await db.insert(bookings).values({
          communeId: commune.id,
          familyId: family.id,
          memberId: child.id,
          serviceId: service.id,
          day,
          unit: unit.code,
          status: 'reserve',
          unitPriceCents: unit.priceCents,
          bookedAt: longAgo,
          bookedByKind: 'citizen',
          bookedById: citizen.id,
          source: 'famille',
        });
      }
    }
  }
}

const config = loadConfig();
if (config.mode !== 'demo') throw new Error('The browser tests run the app in demo mode (PARVIS_MODE=demo).');
const database = await openDatabase(config.database);
// The demo's calendar starts where the app's will (PARVIS_NOW), so that seeded dates agree with it.
const clock = config.now ? startingClock(config.now) : systemClock;
await prepareDatabase(database, 'demo', async (tx) => {
  await seedDemo(tx, clock);
  await seedE2eFamilies(tx, clock);
});
await database.close();

await import('../../src/main.js');
