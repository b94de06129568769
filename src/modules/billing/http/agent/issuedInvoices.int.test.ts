import { describe, expect, it } from 'vitest';
import { canteenDay } from '../../../../../test/attendanceFactories.js';
import { useTestApp } from '../../../../../test/appFixture.js';
import { gridForm, quotientForm, setTariff, storedInvoices } from '../../../../../test/billingFactories.js';
import { summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createAgent, loggedInAgent } from '../../../../../test/agentFactories.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { billingPaths } from './billingPaths.js';

/** What an issued invoice is made of: its number, dates and amounts, and each line's day and amount. */
const frozen = (invoices: Awaited<ReturnType<typeof storedInvoices>>) =>
  invoices
    .filter((invoice) => invoice.number !== null)
    .map((invoice) => ({
      id: invoice.id,
      number: invoice.number,
      issuedOn: invoice.issuedOn,
      dueOn: invoice.dueOn,
      totalCents: invoice.totalCents,
      lines: invoice.lines
        .map((line) => `${line.memberId} ${line.serviceId} ${line.day} ${line.unitPriceCents} ${line.amountCents}`)
        .sort(),
    }))
    .sort((a, b) => (a.number! < b.number! ? -1 : 1));

/** Each child's day of a service on at most one invoice line that still counts. */
const daysBilledOnce = async (t: ReturnType<typeof useTestApp>['t'], commune: Commune) => {
  const lines = (await storedInvoices(t.container, commune)).flatMap((invoice) =>
    invoice.lines.filter((line) => !line.released).map((line) => `${line.memberId} ${line.serviceId} ${line.day}`),
  );
  expect(new Set(lines).size).toBe(lines.length);
  return lines;
};

describe.each(testDatabases())('an issued invoice, through every route, on $name', ({ open }) => {
  const { t } = useTestApp(open);

  /** November 2026 priced by a grid, run and issued by an agent from « Facturation ». */
  async function issuedNovember() {
    const day = await canteenDay(t);
    const { commune, services } = day;
    await setTariff(t.container, commune, { serviceId: services.restauration.id, prices: [100, 200, 300] });
    const admin = await loggedInAgent(t, commune, await createAgent(t.container, commune, { role: 'administrateur' }));
    const desk = await loggedInAgent(t, commune, await createAgent(t.container, commune, { role: 'agent' }));
    const paths = billingPaths(commune);
    await desk.get(paths.month('2026-11'));
    await desk.post(paths.run, { mois: '2026-11' });
    expect(desk.last!.status).toBe(303);
    await desk.get(paths.month('2026-11'));
    await desk.post(paths.issue, { mois: '2026-11' });
    expect(desk.last!.status).toBe(303);
    return { ...day, admin, desk, paths };
  }

  it('no route changes it: new grids and QFs, runs and issues again, a second cancel, a credit note twice', async () => {
    const { commune, services, remi, noah, admin, desk, paths } = await issuedNovember();
    const before = frozen(await storedInvoices(t.container, commune));
    expect(before.length).toBeGreaterThan(0);

    // New prices from the first of November and QFs for the month: what is issued keeps its own.
    await admin.get(paths.tariffs);
    await admin.post(paths.grids, gridForm(services.restauration.id, '01/11/2026', ['9', '9', '9']));
    expect(admin.last!.status).toBe(303);
    for (const family of [remi, noah]) {
      await desk.get(paths.quotient(family.family.id));
      await desk.post(paths.quotient(family.family.id), quotientForm('100', '01/09/2026', '31/08/2027'));
      expect(desk.last!.status).toBe(303);
    }
    await desk.get(paths.month('2026-11'));
    await desk.post(paths.run, { mois: '2026-11' });
    expect(desk.last!.location).toContain('calcul=0-0-0');
    await desk.get(paths.month('2026-11'));
    const issueAgain = await desk.post(paths.issue, { mois: '2026-11' });
    expect(issueAgain.status).toBe(400);
    expect(textOf(issueAgain.html)).toContain('Aucun brouillon à émettre pour ce mois');
    expect(frozen(await storedInvoices(t.container, commune))).toEqual(before);

    // A credit note takes a line once; the invoice itself is not changed by it.
    const [first, ...others] = before;
    const line = (await storedInvoices(t.container, commune)).find((invoice) => invoice.id === first!.id)!.lines[0]!;
    await desk.get(paths.invoice(first!.id));
    await desk.post(paths.creditNote(first!.id), { creditReason: 'Accueil fermé', [`ligne-${line.id}`]: 'oui' });
    expect(desk.last!.status).toBe(303);
    await desk.get(paths.invoice(first!.id));
    const twice = await desk.post(paths.creditNote(first!.id), {
      creditReason: 'Encore',
      [`ligne-${line.id}`]: 'oui',
    });
    expect(twice.status).toBe(400);
    expect(summaryOf(twice.html).lines).toBe('Un des jours cochés est déjà remboursé par un avoir.');

    // Cancelled, it keeps its number and amounts; cancelled again or credited, it is refused.
    await desk.get(paths.invoice(first!.id));
    await desk.post(paths.cancel(first!.id), { reason: 'Erreur de dossier' });
    expect(desk.last!.status).toBe(303);
    await desk.get(paths.invoice(first!.id));
    const cancelTwice = await desk.post(paths.cancel(first!.id), { reason: 'Encore' });
    expect(cancelTwice.status).toBe(400);
    expect(textOf(cancelTwice.html)).toContain('Seule une facture émise s’annule.');
    await desk.get(paths.invoice(first!.id));
    const creditCancelled = await desk.post(paths.creditNote(first!.id), {
      creditReason: 'Encore',
      [`ligne-${line.id}`]: 'oui',
    });
    expect(creditCancelled.status).toBe(400);
    expect(textOf(creditCancelled.html)).toContain('Seule une facture émise se corrige par un avoir.');

    const after = frozen(await storedInvoices(t.container, commune));
    expect(after.slice(0, before.length)).toEqual(before);
    expect(others.every((invoice) => after.some((stored) => stored.id === invoice.id))).toBe(true);
  });

  it('bills a day once, whatever the runs, cancellations and late attendance changes', async () => {
    const { commune, services, remi, noah, desk, paths, animateur } = await issuedNovember();
    const billed = await daysBilledOnce(t, commune);
    const query = { jour: '2026-11-17', service: services.restauration.id };

    // After the issue, the pointage marks Rémi (booked and billed) and adds Noah, who came without booking.
    await animateur.client.get(`/${commune.slug}/guichet/pointage?${new URLSearchParams(query)}`);
    await animateur.client.post(`/${commune.slug}/guichet/pointage`, {
      ...query,
      [`presence-${remi.child.id}`]: 'present',
    });
    expect(animateur.client.last!.status).toBe(303);
    await animateur.client.get(`/${commune.slug}/guichet/pointage/ajouter?${new URLSearchParams(query)}`);
    await animateur.client.post(`/${commune.slug}/guichet/pointage/ajouter`, { ...query, memberId: noah.child.id });
    expect(animateur.client.last!.location).toContain('fait=ajoute');

    // Run twice: only Noah's day, once, as a day attended without booking.
    for (let run = 0; run < 2; run++) {
      await desk.get(paths.month('2026-11'));
      await desk.post(paths.run, { mois: '2026-11' });
      expect(desk.last!.location).toMatch(/calcul=1-1-\d+/);
    }
    await desk.get(paths.month('2026-11'));
    await desk.post(paths.issue, { mois: '2026-11' });
    expect(desk.last!.status).toBe(303);
    const withNoah = await daysBilledOnce(t, commune);
    expect(withNoah).toHaveLength(billed.length + 1);
    const noahLines = (await storedInvoices(t.container, commune))
      .flatMap((invoice) => invoice.lines)
      .filter((line) => line.memberId === noah.child.id && line.day === '2026-11-17');
    expect(noahLines.map((line) => line.kind)).toEqual(['sans-reservation']);

    // Rémi's invoice cancelled: his days are billed again on a new number, once.
    const remiInvoice = (await storedInvoices(t.container, commune)).find(
      (invoice) => invoice.familyId === remi.family.id,
    )!;
    await desk.get(paths.invoice(remiInvoice.id));
    await desk.post(paths.cancel(remiInvoice.id), { reason: 'Erreur de tarif' });
    for (let run = 0; run < 2; run++) {
      await desk.get(paths.month('2026-11'));
      await desk.post(paths.run, { mois: '2026-11' });
    }
    await desk.get(paths.month('2026-11'));
    await desk.post(paths.issue, { mois: '2026-11' });
    expect(desk.last!.status).toBe(303);
    expect(await daysBilledOnce(t, commune)).toHaveLength(withNoah.length);
    const remiAgain = (await storedInvoices(t.container, commune)).filter(
      (invoice) => invoice.familyId === remi.family.id,
    );
    expect(remiAgain.map((invoice) => invoice.status).sort()).toEqual(['cancelled', 'issued']);
  });
});
