import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { AuditLog } from '../modules/audit/auditLog.js';
import { CommunesRepository } from '../modules/communes/communesRepository.js';
import type { Commune } from '../modules/communes/domain/commune.js';
import { FamiliesRepository } from '../modules/families/familiesRepository.js';
import { families } from '../modules/families/familiesSchema.js';
import { PaymentsRepository } from '../modules/payments/paymentsRepository.js';
import { PaymentsService } from '../modules/payments/paymentsService.js';
import { TestClock } from '../platform/clock.js';
import type { Database } from '../platform/db/database.js';
import { seedDemo } from './seedDemo.js';
import { DUPONT_REFERENCE } from './seedDemoServices.js';

// The demo's communes have fixed slugs: seeded on a fresh embedded database only, never on the shared server.
describe.each(testDatabases().filter((database) => database.name === 'pglite'))(
  'the demo’s invoices and payments on $name',
  ({ open }) => {
    let database: Database;
    let commune: Commune;
    let payments: PaymentsService;
    const clock = new TestClock('2026-12-07T10:00:00+01:00');
    const familyOf = async (reference: string) =>
      (
        await database.db
          .select({ id: families.id })
          .from(families)
          .where(and(eq(families.communeId, commune.id), eq(families.reference, reference)))
      )[0]!.id;

    beforeAll(async () => {
      database = await open();
      await database.db.transaction((tx) => seedDemo(tx as unknown as Database['db'], clock));
      commune = (await new CommunesRepository(database.db).findBySlug('chanteloup-les-vignes'))!;
      payments = new PaymentsService({
        db: database.db,
        clock,
        payments: new PaymentsRepository(database.db),
        families: new FamiliesRepository(database.db),
        audit: new AuditLog(database.db, clock),
      });
    });
    afterAll(async () => {
      await database?.close();
    });

    it('bills the DUPONTs September (paid by cheque), October (paid in part) and November (to pay), at their bracket', async () => {
      const familyId = await familyOf(DUPONT_REFERENCE);
      const account = await payments.account(commune, familyId);
      expect(account.quotient).toMatchObject({ value: 820, source: 'attestation CAF', validTo: '2026-12-31' });
      expect(account.quotient.bracketLabel).toMatch(/^tranche 3 \(QF de 701 à 950 €\)$/);
      expect(account.invoices.map((invoice) => [invoice.periodLabel, invoice.status])).toEqual([
        ['novembre 2026', 'a-payer'],
        ['octobre 2026', 'en-retard'],
        ['septembre 2026', 'payee'],
      ]);
      const [november, october, september] = account.invoices;
      expect(october!.paidCents).toBe(2000);
      expect(october!.leftToPayCents).toBe(october!.totalCents - 2000);
      expect(account.balanceCents).toBe(november!.totalCents + october!.leftToPayCents);
      const view = await payments.invoice(commune, familyId, september!.id);
      expect(view!.payments).toEqual([
        { receivedOn: '2026-10-14', means: 'cheque', amountCents: september!.totalCents },
      ]);
      expect(view!.issuedOn).toBe('2026-10-05');
      expect(view!.issuer).toMatchObject({ regie: 'Régie des services périscolaires et de loisirs' });
      // The canteen at bracket 3 (2,45 €), the evening care at bracket 3 (1,80 €), by child and service.
      expect(view!.lines.map((line) => [line.serviceName, line.unitPriceCents, line.bracketLabel])).toEqual([
        ['Accueil du soir', 180, 'tranche 3'],
        ['Restauration scolaire', 245, 'tranche 3'],
      ]);
      const octoberView = await payments.invoice(commune, familyId, october!.id);
      expect(octoberView!.lines.some((line) => line.majorationCents > 0)).toBe(true);
    });

    it('leaves the MARTIN family without a QF: the highest bracket', async () => {
      const martin = (await database.db.select().from(families).where(eq(families.communeId, commune.id))).find(
        (family) => family.reference !== DUPONT_REFERENCE,
      )!;
      const account = await payments.account(commune, martin.id);
      expect(account.quotient.value).toBeNull();
      expect(account.quotient.bracketLabel).toMatch(/^tranche 6 \(QF au-delà de 1\s600 €\)$/);
    });
  },
);
