import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/appFixture.js';
import { canteenDay } from '../../../test/attendanceFactories.js';
import { billingAuthor, setQuotient, setTariff, storedInvoices } from '../../../test/billingFactories.js';
import { bookDay } from '../../../test/bookingFactories.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { mailbox } from '../../platform/mail/mailSchema.js';
import { invoiceLines, invoices } from './billingSchema.js';
import { InvoiceMailJob } from './invoiceMailJob.js';
import { InvoicesRepository } from './invoicesRepository.js';

describe.each(testDatabases())('the month’s run, its issue and corrections on $name', ({ open }) => {
  const { t } = useTestApp(open);

  /** November 2026: Rémi (QF 700, bracket 2) booked the canteen late and the evening; Lina is justified; Noah (no QF) cancelled a Thursday late. */
  async function november() {
    const day = await canteenDay(t);
    const { commune, services, remi, noah, of } = day;
    await setTariff(t.container, commune, {
      serviceId: services.restauration.id,
      prices: [100, 200, 300],
      meals: [80, 150, 250],
    });
    await setQuotient(t.container, commune, remi.family.id, 700);
    await bookDay(t.container, commune, of(noah), {
      serviceId: services.restauration.id,
      day: '2026-11-19',
      status: 'annule',
      cancelledLate: true,
      cancelledAt: t.clock.now(),
    });
    // Cancelled in time: never billed.
    await bookDay(t.container, commune, of(noah), {
      serviceId: services.restauration.id,
      day: '2026-11-20',
      status: 'annule',
      cancelledAt: t.clock.now(),
    });
    return day;
  }

  it('prices each billable day at the family’s bracket, keeps what priced it, and drafts one invoice per family', async () => {
    const { commune, remi, lina, noah, services } = await november();
    const run = await t.container.invoiceRun.run(commune, '2026-11', billingAuthor());
    expect(run).toEqual({ ok: true, drafts: 2, lines: 3, totalCents: 300 + 290 + 300 });
    const drafts = await storedInvoices(t.container, commune);
    const remiDraft = drafts.find((draft) => draft.familyId === remi.family.id)!;
    expect(remiDraft).toMatchObject({
      status: 'draft',
      number: null,
      period: '2026-11',
      totalCents: 590,
      warnings: [],
    });
    const canteen = remiDraft.lines.find((line) => line.serviceId === services.restauration.id)!;
    expect(canteen).toMatchObject({
      day: '2026-11-17',
      kind: 'jour',
      bracketRank: 2,
      qfValue: 700,
      qfSource: 'caf',
      unitPriceCents: 200,
      mealCents: 150,
      majorationCents: 100,
      majorationRule: expect.stringMatching(/^\+50\s%$/),
      amountCents: 300,
    });
    // No grid for the evening: the price recorded at booking stands.
    expect(remiDraft.lines.find((line) => line.serviceId === services.soir.id)).toMatchObject({
      gridId: null,
      amountCents: 290,
    });
    const noahDraft = drafts.find((draft) => draft.familyId === noah.family.id)!;
    expect(noahDraft).toMatchObject({ totalCents: 300, warnings: ['qf-missing'] });
    expect(noahDraft.lines).toMatchObject([
      { kind: 'annulation-tardive', bracketRank: 3, qfValue: null, day: '2026-11-19' },
    ]);
    expect(drafts.some((draft) => draft.familyId === lina.family.id)).toBe(false);

    // A line is of its invoice's family and commune: the database refuses any other, even on a draft.
    const db = t.container.database.db;
    const { id: _id, ...copy } = canteen;
    const elsewhere = { ...copy, day: '2026-11-30' };
    await expect(db.insert(invoiceLines).values({ ...elsewhere, familyId: noah.family.id })).rejects.toThrow();
    const other = await createCommune(t.container.communes);
    await expect(db.insert(invoiceLines).values({ ...elsewhere, communeId: other.id })).rejects.toThrow();
    await db.insert(invoiceLines).values(elsewhere);
  });

  it('issues gapless numbers under the counter, never bills a day twice, and cancels without deleting', async () => {
    const { commune, remi } = await november();
    await t.container.invoiceRun.run(commune, '2026-11', billingAuthor());
    t.clock.set('2026-12-02T09:00:00+01:00');
    const issued = await t.container.invoiceRun.issue(commune, '2026-11', billingAuthor());
    expect(issued).toEqual({ ok: true, issued: 2, first: '2026-000001', last: '2026-000002' });
    const after = await storedInvoices(t.container, commune);
    expect(after.every((invoice) => invoice.status === 'issued')).toBe(true);
    expect(after[0]).toMatchObject({ issuedOn: '2026-12-02', dueOn: '2027-01-01', onlinePaymentUntil: '2026-12-27' });
    expect(await t.container.invoiceRun.issue(commune, '2026-11', billingAuthor())).toEqual({
      ok: false,
      reason: 'nothing-to-issue',
    });

    // Running again finds nothing left to bill.
    expect(await t.container.invoiceRun.run(commune, '2026-11', billingAuthor())).toMatchObject({
      ok: true,
      drafts: 0,
    });

    // The database itself refuses to change an issued invoice, or to delete it, or to add a line to it.
    const remiInvoice = after.find((invoice) => invoice.familyId === remi.family.id)!;
    const db = t.container.database.db;
    await expect(db.update(invoices).set({ totalCents: 1 }).where(eq(invoices.id, remiInvoice.id))).rejects.toThrow();
    await expect(db.delete(invoices).where(eq(invoices.id, remiInvoice.id))).rejects.toThrow();
    await expect(
      db
        .update(invoiceLines)
        .set({ amountCents: 1, unitPriceCents: 1, majorationCents: 0 })
        .where(eq(invoiceLines.invoiceId, remiInvoice.id)),
    ).rejects.toThrow();
    const line = remiInvoice.lines[0]!;
    const { id: _id, ...copy } = line;
    await expect(db.insert(invoiceLines).values({ ...copy, day: '2026-11-30' })).rejects.toThrow();

    // Cancelled: the number stays, the days are freed, the next run bills them on a new number.
    const cancelled = await t.container.invoices.cancel(commune, remiInvoice.id, 'Erreur de tarif', billingAuthor());
    expect(cancelled).toEqual({ ok: true });
    const rerun = await t.container.invoiceRun.run(commune, '2026-11', billingAuthor());
    expect(rerun).toMatchObject({ ok: true, drafts: 1, totalCents: 590 });
    expect(await t.container.invoiceRun.issue(commune, '2026-11', billingAuthor())).toMatchObject({
      first: '2026-000003',
    });
    const final = await storedInvoices(t.container, commune);
    expect(final.map((invoice) => [invoice.number, invoice.status]).sort()).toEqual([
      ['2026-000001', expect.any(String)],
      ['2026-000002', expect.any(String)],
      ['2026-000003', 'issued'],
    ]);
    expect(final.find((invoice) => invoice.id === remiInvoice.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Erreur de tarif',
    });
    await expect(
      db.update(invoices).set({ cancelReason: 'autre' }).where(eq(invoices.id, remiInvoice.id)),
    ).rejects.toThrow();
  });

  it('corrects an issued invoice by a credit note of its own series, once per line', async () => {
    const { commune, remi } = await november();
    await t.container.invoiceRun.run(commune, '2026-11', billingAuthor());
    await t.container.invoiceRun.issue(commune, '2026-11', billingAuthor());
    const [invoice] = await t.container.invoices.forFamily(commune.id, remi.family.id);
    const shown = (await t.container.invoices.invoiceOf(commune.id, remi.family.id, invoice!.id))!;
    const evening = shown.lines.find((line) => line.amountCents === 290)!;
    const note = await t.container.invoices.creditNote(
      commune,
      invoice!.id,
      [evening.id],
      'Accueil fermé ce soir-là',
      billingAuthor(),
    );
    expect(note).toMatchObject({ ok: true, number: expect.stringMatching(/^AV-\d{4}-000001$/), amountCents: 290 });
    expect(
      await t.container.invoices.creditNote(commune, invoice!.id, [evening.id], 'Encore', billingAuthor()),
    ).toEqual({
      ok: false,
      reason: 'already-credited',
    });
    const again = (await t.container.invoices.invoiceOf(commune.id, remi.family.id, invoice!.id))!;
    expect(again.netCents).toBe(300);
    expect(again.creditNotes).toHaveLength(1);
    // Another family's invoice reads as not found.
    expect(await t.container.invoices.invoiceOf(commune.id, crypto.randomUUID(), invoice!.id)).toBeNull();
  });

  it('refuses a month without a school year, writing nothing', async () => {
    const { commune } = await november();
    expect(await t.container.invoiceRun.run(commune, '2031-03', billingAuthor())).toEqual({
      ok: false,
      reason: 'no-school-year',
    });
    expect(await storedInvoices(t.container, commune)).toEqual([]);
  });

  it('mails each family its issued invoice, through the job queued with the issue', async () => {
    const day = await november();
    const { commune, remi } = day;
    const { linkedParent } = await import('../../../test/familyFactories.js');
    const parent = await linkedParent(t, commune, 'Lefèvre');
    await bookDay(
      t.container,
      commune,
      { familyId: parent.family.id, memberId: parent.child.id },
      {
        serviceId: day.services.soir.id,
        day: '2026-11-20',
      },
    );
    await t.container.invoiceRun.run(commune, '2026-11', billingAuthor());
    await t.container.invoiceRun.issue(commune, '2026-11', billingAuthor());
    const ids = (await storedInvoices(t.container, commune)).map((invoice) => invoice.id);
    const job = new InvoiceMailJob({
      db: t.container.database.db,
      site: t.container.site,
      jobs: t.container.jobs,
      communes: t.container.communes,
      families: t.container.families,
      invoices: new InvoicesRepository(t.container.database.db),
      mailer: t.container.mailer,
    });
    // Rémi's and Noah's files have no account: only Lefèvre's représentante is mailed.
    expect(await job.send({ communeId: commune.id, slug: commune.slug, invoiceIds: ids })).toBe(1);
    const mails = await t.container.database.db.select().from(mailbox).where(eq(mailbox.to, parent.citizen.email));
    expect(
      mails.some((mail) => /Votre facture 2026-\d{6}/.test(mail.subject) && mail.text.includes('/ma-famille/factures')),
    ).toBe(true);
    expect(remi).toBeDefined();
  });
});
