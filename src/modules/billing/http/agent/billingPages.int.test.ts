import { describe, expect, it } from 'vitest';
import { createAgent, loggedInAgent } from '../../../../../test/agentFactories.js';
import { useTestApp } from '../../../../../test/appFixture.js';
import { canteenDay } from '../../../../../test/attendanceFactories.js';
import { billingFingerprint, gridForm, quotientForm, storedInvoices } from '../../../../../test/billingFactories.js';
import { summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { billingPaths } from './billingPaths.js';

describe.each(testDatabases())('« Tarifs » and « Facturation » on $name', ({ open }) => {
  const { t } = useTestApp(open);

  async function office() {
    const day = await canteenDay(t);
    const { commune } = day;
    const admin = await loggedInAgent(t, commune, await createAgent(t.container, commune, { role: 'administrateur' }));
    const agent = await loggedInAgent(t, commune, await createAgent(t.container, commune, { role: 'agent' }));
    return { ...day, admin, desk: agent, paths: billingPaths(commune) };
  }
  const nothingWritten = async (commune: Commune, act: () => Promise<void>) => {
    const before = await billingFingerprint(t.container, commune);
    await act();
    expect(await billingFingerprint(t.container, commune)).toEqual(before);
  };

  it('lets the administrator set brackets and a grid, the agent enter a QF, run, review and issue a month', async () => {
    const { commune, admin, desk, paths, remi, services } = await office();
    expect((await admin.get(paths.tariffs)).status).toBe(200);
    await admin.post(paths.brackets, { bounds: '500 ; 1000' });
    expect(admin.last!.location).toBe(`${paths.tariffs}?fait=tranches#tranches`);
    await admin.get(paths.tariffs);
    await admin.post(paths.grids, {
      serviceUnit: `${services.restauration.id}:jour`,
      startsOn: '01/09/2026',
      decision: 'Délibération n° 2026-45',
      price1: '1,00',
      meal1: '0,80',
      price2: '2',
      meal2: '1,50',
      price3: '3,00',
      nonResident: '',
    });
    expect(admin.last!.status).toBe(303);
    const tariffs = await admin.follow();
    expect(textOf(tariffs.html)).toContain('La grille est enregistrée');
    expect(textOf(tariffs.html)).toMatch(
      /01\/09\/2026\s+1,00\s€ \(repas 0,80\s€\)\s+2,00\s€ \(repas 1,50\s€\)\s+3,00\s€/,
    );

    // An agent may not set tariffs; an administrator does not need to for billing.
    expect((await desk.get(paths.tariffs)).status).toBe(404);

    const qf = await desk.get(paths.quotient(remi.family.id));
    expect(textOf(qf.html)).toContain('Aucun quotient familial valable aujourd’hui');
    await desk.post(paths.quotient(remi.family.id), quotientForm('700', '01/01/2026', '31/12/2026'));
    expect(desk.last!.status).toBe(303);
    const entered = await desk.follow();
    expect(textOf(entered.html)).toMatch(/QF 700 € \(Attestation CAF\), valable jusqu’au 31\/12\/2026 : Tranche 2/);

    await desk.get(paths.month('2026-11'));
    await desk.post(paths.run, { mois: '2026-11' });
    expect(desk.last!.status).toBe(303);
    const review = await desk.follow();
    expect(textOf(review.html)).toMatch(/Calcul terminé : 1 brouillon, 2 lignes, 5,90\s€/);
    expect(textOf(review.html)).toContain('Aucun jour modifié depuis le calcul.');
    const [draft] = await storedInvoices(t.container, commune);
    const draftPage = await desk.get(paths.invoice(draft!.id));
    expect(textOf(draftPage.html)).toMatch(
      /17\/11\/2026\s+Jour réservé\s+Tranche 2 \(QF 700 €\)\s+2,00\s€ dont repas 1,50\s€/,
    );

    await desk.get(paths.month('2026-11'));
    await desk.post(paths.issue, { mois: '2026-11' });
    expect(desk.last!.status).toBe(303);
    const issued = await desk.follow();
    expect(textOf(issued.html)).toContain('1 facture émise, du n° 2026-000001 au n° 2026-000001');
    const invoicePage = await desk.get(paths.invoice(draft!.id));
    expect(textOf(invoicePage.html)).toContain('Facture 2026-000001');
  });

  it('answers bad input with a French error summary, 400, and writes nothing', async () => {
    const { commune, admin, desk, paths, remi, services } = await office();
    await admin.get(paths.tariffs);
    await admin.post(paths.brackets, { bounds: '500 ; 1000' });
    await admin.get(paths.tariffs);
    const grid = gridForm(services.restauration.id, '01/09/2026', ['1', '2', '3']);
    await admin.post(paths.grids, grid);
    expect(admin.last!.status).toBe(303);
    await admin.get(paths.tariffs);

    await nothingWritten(commune, async () => {
      const negative = await admin.post(paths.grids, { ...grid, startsOn: '01/01/2027', price2: '-2' });
      expect(negative.status).toBe(400);
      expect(summaryOf(negative.html).price2).toContain('tranche 2');
      const absurd = await admin.post(paths.grids, { ...grid, startsOn: '01/01/2027', price3: '5000' });
      expect(absurd.status).toBe(400);
      expect(summaryOf(absurd.html).price3).toContain('de 0 à 1 000 €');
      const overlapping = await admin.post(paths.grids, grid);
      expect(overlapping.status).toBe(400);
      expect(summaryOf(overlapping.html).startsOn).toContain('se chevaucheraient');
      const brackets = await admin.post(paths.brackets, { bounds: '1000 ; 500' });
      expect(brackets.status).toBe(400);
      expect(summaryOf(brackets.html).bounds).toContain('croissants');
      const settings = await admin.post(paths.settings, { dueDays: '30', onlinePaymentDays: '45', minimum: '15' });
      expect(settings.status).toBe(400);
      expect(summaryOf(settings.html).onlinePaymentDays).toContain('échéance');

      await desk.get(paths.quotient(remi.family.id));
      const belowZero = await desk.post(paths.quotient(remi.family.id), quotientForm('-5', '01/01/2026', '31/12/2026'));
      expect(belowZero.status).toBe(400);
      expect(summaryOf(belowZero.html).value).toContain('jamais négatif');
      const backwards = await desk.post(
        paths.quotient(remi.family.id),
        quotientForm('500', '01/01/2027', '31/12/2026'),
      );
      expect(backwards.status).toBe(400);
      expect(summaryOf(backwards.html).validTo).toContain('après le premier');

      await desk.get(paths.month('2031-03'));
      const noYear = await desk.post(paths.run, { mois: '2031-03' });
      expect(noYear.status).toBe(400);
      expect(textOf(noYear.html)).toContain('aucune année scolaire');
      const nothing = await desk.post(paths.issue, { mois: '2026-11' });
      expect(nothing.status).toBe(400);
    });
    // A guessed id is not found.
    expect((await desk.get(paths.quotient(crypto.randomUUID()))).status).toBe(404);
    expect((await desk.get(paths.invoice(crypto.randomUUID()))).status).toBe(404);
  });

  it('shows an invoice to its own commune’s agents only, and to no animateur', async () => {
    const { commune, desk, paths } = await office();
    await t.container.invoiceRun.run(commune, '2026-11', { actor: { kind: 'system' }, ip: '' });
    const [draft] = await storedInvoices(t.container, commune);
    expect((await desk.get(paths.invoice(draft!.id))).status).toBe(200);
    const elsewhere = await office();
    const stranger = billingPaths(elsewhere.commune);
    await nothingWritten(commune, async () => {
      expect((await elsewhere.desk.get(stranger.invoice(draft!.id))).status).toBe(404);
      await elsewhere.desk.get(stranger.month('2026-11'));
      expect((await elsewhere.desk.post(stranger.cancel(draft!.id), { reason: 'Intrusion' })).status).toBe(404);
      expect(
        (
          await elsewhere.desk.post(stranger.creditNote(draft!.id), {
            creditReason: 'Intrusion',
            [`ligne-${draft!.lines[0]!.id}`]: 'oui',
          })
        ).status,
      ).toBe(404);
    });
    const animateur = await loggedInAgent(t, commune, await createAgent(t.container, commune, { role: 'animateur' }));
    expect((await animateur.get(paths.invoice(draft!.id))).status).toBe(404);
    expect((await animateur.get(paths.month('2026-11'))).status).toBe(404);
  });

  it('cancels an issued invoice with a reason and corrects one by a credit note, from the invoice’s page', async () => {
    const { commune, desk, paths } = await office();
    await t.container.invoiceRun.run(commune, '2026-11', { actor: { kind: 'system' }, ip: '' });
    await t.container.invoiceRun.issue(commune, '2026-11', { actor: { kind: 'system' }, ip: '' });
    const [invoice] = await storedInvoices(t.container, commune);
    await desk.get(paths.invoice(invoice!.id));
    await nothingWritten(commune, async () => {
      const noReason = await desk.post(paths.cancel(invoice!.id), { reason: '' });
      expect(noReason.status).toBe(400);
      expect(summaryOf(noReason.html).reason).toContain('motif');
      const noLine = await desk.post(paths.creditNote(invoice!.id), { creditReason: 'Erreur' });
      expect(noLine.status).toBe(400);
      expect(summaryOf(noLine.html).lines).toContain('Cochez');
    });
    await desk.get(paths.invoice(invoice!.id));
    await desk.post(paths.creditNote(invoice!.id), {
      creditReason: 'Accueil fermé',
      [`ligne-${invoice!.lines[0]!.id}`]: 'oui',
    });
    expect(desk.last!.status).toBe(303);
    const credited = await desk.follow();
    expect(textOf(credited.html)).toMatch(/Avoir n° AV-2026-000001/);
    await desk.post(paths.cancel(invoice!.id), { reason: 'Erreur de dossier' });
    expect(desk.last!.status).toBe(303);
    const cancelled = await desk.follow();
    expect(textOf(cancelled.html)).toContain('Annulée : Erreur de dossier');
    expect(textOf(cancelled.html)).toContain(`Facture ${invoice!.number}`);
  });
});
