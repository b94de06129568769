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
import { AuditLog } from '../../src/modules/audit/auditLog.js';
import type { InvoiceMailJob } from '../../src/modules/billing/invoiceMailJob.js';
import { InvoiceRunService } from '../../src/modules/billing/invoiceRunService.js';
import { InvoicesRepository } from '../../src/modules/billing/invoicesRepository.js';
import { QuotientsRepository } from '../../src/modules/billing/quotientsRepository.js';
import { TariffsRepository } from '../../src/modules/billing/tariffsRepository.js';
import { ServiceCatalogue } from '../../src/modules/services/serviceCatalogue.js';
import {
  E2E_INVOICED_MONTH,
  E2E_PASSWORD,
  e2eFamilies,
  e2eInvoicedFamilies,
  e2eLinkedFamilies,
} from './e2eFamilies.js';

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

/**
 * Bills and issues the month of e2eInvoicedFamilies through the régie's own run, as the guichet's
 * « Facturation » does: the demo has already issued it for its families, so the run finds only the
 * days of those files, and each gets an invoice no other spec bills, pays or counts.
 */
async function issueE2eInvoices(db: Db, clock: Clock): Promise<void> {
  const [commune] = await db.select().from(communes).where(eq(communes.slug, chanteloup.commune.slug));
  if (!commune) throw new Error(`The demo commune ${chanteloup.commune.slug} is missing after the demo seed.`);
  const author = { actor: { kind: 'system' as const, label: 'tests' }, ip: '' };
  const run = new InvoiceRunService({
    db,
    clock,
    catalogue: new ServiceCatalogue(db),
    tariffs: new TariffsRepository(db),
    quotients: new QuotientsRepository(db),
    invoices: new InvoicesRepository(db),
    // Issued before the app starts, like the demo's own invoices: nobody is mailed about them.
    mails: { queue: async () => {} } as unknown as InvoiceMailJob,
    audit: new AuditLog(db, clock),
  });
  const drafted = await run.run(commune, E2E_INVOICED_MONTH, author);
  if (!drafted.ok || drafted.drafts !== e2eInvoicedFamilies.length)
    throw new Error(
      `The run of ${E2E_INVOICED_MONTH} should bill the ${e2eInvoicedFamilies.length} invoiced test families alone: ${JSON.stringify(drafted)}.`,
    );
  const issued = await run.issue(commune, E2E_INVOICED_MONTH, author);
  if (!issued.ok)
    throw new Error(`The ${E2E_INVOICED_MONTH} invoices of the browser tests: ${JSON.stringify(issued)}.`);
}

const config = loadConfig();
if (config.mode !== 'demo') throw new Error('The browser tests run the app in demo mode (PARVIS_MODE=demo).');
const database = await openDatabase(config.database);
// The demo's calendar starts where the app's will (PARVIS_NOW), so that seeded dates agree with it.
const clock = config.now ? startingClock(config.now) : systemClock;
await prepareDatabase(database, 'demo', async (tx) => {
  await seedDemo(tx, clock);
  await seedE2eFamilies(tx, clock);
  await issueE2eInvoices(tx, clock);
});
await database.close();

await import('../../src/main.js');
