import { describe, expect, it } from 'vitest';
import { createFamily } from '../../../test/agentFactories.js';
import { useTestApp } from '../../../test/appFixture.js';
import { billingAuthor, setQuotient, setTariff, storedInvoices } from '../../../test/billingFactories.js';
import { bookDay } from '../../../test/bookingFactories.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { setUpServices } from '../../../test/serviceFactories.js';
import { addDays } from '../../shared/localDays.js';
import { setUpForBilling } from './billingContext.js';
import { type RunDraft, type RunLine, draftInvoices, lineKey } from './domain/invoiceRun.js';
import { InvoiceMailJob } from './invoiceMailJob.js';
import { InvoiceRunService } from './invoiceRunService.js';
import { InvoicesRepository } from './invoicesRepository.js';
import { QuotientsRepository } from './quotientsRepository.js';
import { TariffsRepository } from './tariffsRepository.js';

/** A small deterministic random source, so a failing seed can be run again. */
function randomOf(seed: number) {
  let state = seed * 2654435761;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
  };
}

/**
 * The run goes a batch of families at a time, reading the next batch while it writes one. Over random
 * days, QFs and grids, what it writes must be exactly what the rules (`draftInvoices`) make of the
 * month's billable days taken whole: the same drafts, totals, warnings and lines, field by field.
 */
describe.each(testDatabases())('the month’s run by batches of families on $name', ({ open }) => {
  const { t } = useTestApp(open);

  /** A run of the app's own repositories that takes two families per batch: a dozen families make several batches. */
  function batchedRun() {
    const { container } = t;
    const db = container.database.db;
    const invoices = new InvoicesRepository(db);
    return new InvoiceRunService({
      db,
      clock: container.clock,
      catalogue: container.catalogue,
      tariffs: new TariffsRepository(db),
      quotients: new QuotientsRepository(db),
      invoices,
      mails: new InvoiceMailJob({ ...container, db, invoices }),
      audit: container.audit,
      familiesPerBatch: 2,
    });
  }

  /** What the rules make of every billable day up to the end of November, read in one piece. */
  async function expectedDrafts(communeId: string): Promise<RunDraft[]> {
    const { container } = t;
    const db = container.database.db;
    const invoices = new InvoicesRepository(db);
    const tariffs = new TariffsRepository(db);
    const quotients = new QuotientsRepository(db);
    const setUp = await setUpForBilling(container.catalogue, communeId);
    return draftInvoices({
      bookings: await invoices.billableBookings(communeId, '2026-11-30'),
      sessionPlaces: await invoices.billableSessionPlaces(communeId, '2026-11-30'),
      services: setUp.services,
      isOpen: setUp.isOpen,
      brackets: await tariffs.brackets(communeId),
      grids: await tariffs.grids(communeId),
      sessionPrices: await tariffs.sessionPrices(communeId),
      quotients: await quotients.byFamily(communeId, null),
      nonResidents: await quotients.nonResidents(communeId),
      minimumCents: (await tariffs.settings(communeId)).minimumCents,
    });
  }

  /** Drafts as comparable values: by family, lines in a fixed order, without the ids the database gives. */
  const comparable = (
    drafts: readonly {
      familyId: string;
      totalCents: number;
      warnings: readonly string[];
      lines: readonly (Omit<RunLine, 'kind' | 'qfSource'> & { kind: string; qfSource: string | null })[];
    }[],
  ) =>
    [...drafts]
      .map((draft) => ({
        familyId: draft.familyId,
        totalCents: draft.totalCents,
        warnings: [...draft.warnings].sort(),
        lines: draft.lines
          .map((line) => ({
            key: lineKey(line),
            familyId: line.familyId,
            memberName: line.memberName,
            serviceName: line.serviceName,
            unit: line.unit,
            unitLabel: line.unitLabel,
            kind: line.kind,
            bookingId: line.bookingId,
            quantity: line.quantity,
            gridId: line.gridId,
            bracketRank: line.bracketRank,
            qfValue: line.qfValue,
            qfSource: line.qfSource,
            nonResident: line.nonResident,
            unitPriceCents: line.unitPriceCents,
            mealCents: line.mealCents,
            majorationCents: line.majorationCents,
            majorationRule: line.majorationRule,
            amountCents: line.amountCents,
          }))
          .sort((a, b) => (a.key < b.key ? -1 : 1)),
      }))
      .sort((a, b) => (a.familyId < b.familyId ? -1 : 1));

  async function storedDrafts(commune: Awaited<ReturnType<typeof createCommune>>) {
    const stored = await storedInvoices(t.container, commune);
    return stored.filter((invoice) => invoice.status === 'draft');
  }

  it('writes what the rules make of the month taken whole, over random days, QFs and grids, run after run', async () => {
    for (let seed = 1; seed <= 3; seed++) {
      const random = randomOf(seed);
      t.clock.set('2026-11-05T10:00:00+01:00');
      const commune = await createCommune(t.container.communes);
      const { services } = await setUpServices(t.container, commune);
      await setTariff(t.container, commune, {
        serviceId: services.restauration.id,
        prices: [random.int(50, 300), random.int(300, 500), random.int(500, 900)],
        meals: [random.int(0, 50), null, random.int(0, 400)],
        nonResidentCents: random.chance(0.5) ? random.int(900, 1200) : null,
      });
      const children: { familyId: string; memberId: string }[] = [];
      for (let n = 0; n < 7; n++) {
        const file = await createFamily(t.container, commune);
        children.push({ familyId: file.family.id, memberId: file.child.id });
        if (random.chance(0.7))
          await setQuotient(t.container, commune, file.family.id, random.int(0, 1500), {
            validFrom: '2026-01-01',
            validTo: random.chance(0.3) ? '2026-11-15' : '2027-12-31',
          });
      }
      const book = async (day: string) => {
        const child = children[random.int(0, children.length - 1)]!;
        const late = random.chance(0.2);
        const cancelled = random.chance(0.2);
        await bookDay(t.container, commune, child, {
          serviceId: random.chance(0.6) ? services.restauration.id : services.soir.id,
          day,
          status: cancelled ? 'annule' : 'reserve',
          cancelledLate: cancelled && random.chance(0.5),
          cancelledAt: cancelled ? t.clock.now() : null,
          late,
          majorationRule: late ? '+50 %' : null,
          majorationCents: late ? random.int(1, 300) : 0,
          unitPriceCents: random.int(100, 600),
        }).catch(() => undefined); // the same child's day booked twice: the unique index keeps one
      };
      for (let n = random.int(15, 30); n > 0; n--) await book(addDays('2026-11-02', random.int(0, 27)));

      const run = batchedRun();
      const expected = await expectedDrafts(commune.id);
      const first = await run.run(commune, '2026-11', billingAuthor());
      expect(first, `seed ${seed}`).toMatchObject({
        ok: true,
        drafts: expected.length,
        lines: expected.reduce((sum, draft) => sum + draft.lines.length, 0),
      });
      expect(comparable(await storedDrafts(commune)), `seed ${seed}`).toEqual(comparable(expected));

      // Issued, then more days and a run again: only the new days, each once, still as the rules say.
      t.clock.set('2026-12-02T09:00:00+01:00');
      await run.issue(commune, '2026-11', billingAuthor());
      for (let n = random.int(5, 10); n > 0; n--) await book(addDays('2026-11-02', random.int(0, 27)));
      const expectedAgain = await expectedDrafts(commune.id);
      await run.run(commune, '2026-11', billingAuthor());
      await run.run(commune, '2026-11', billingAuthor());
      expect(comparable(await storedDrafts(commune)), `seed ${seed}`).toEqual(comparable(expectedAgain));
      const stored = await storedInvoices(t.container, commune);
      const days = stored.flatMap((invoice) => invoice.lines.map((line) => lineKey(line)));
      expect(new Set(days).size, `seed ${seed}`).toBe(days.length);
    }
  });
});
