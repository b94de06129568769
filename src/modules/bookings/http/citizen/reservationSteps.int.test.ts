import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { billingAuthor, setQuotient, setTariff } from '../../../../../test/billingFactories.js';
import { textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import {
  askSummary,
  bookingRows,
  calendarDay,
  cell,
  enrolledChild,
  formFields,
} from '../../../../../test/reservationPages.js';

/** The demo's « now » (DEADLINES.md case 1): days from the 17th on are on time, the 4th to the 16th late. */
const NOW = '2026-11-02T12:00:00+01:00';

describe.each(testDatabases())('the steps and prices of « Modifier les réservations » on $name', ({ open }) => {
  const { t } = useTestApp(open);
  beforeEach(() => t.clock.set(NOW));

  it('prices each day at the family’s tariff: the highest bracket without a QF, said so; the family’s bracket with one', async () => {
    const { family, paths, set, child, commune } = await enrolledChild(t, ['restauration']);
    const canteen = set.services.restauration.id;
    await setTariff(t.container, commune, { serviceId: canteen, prices: [120, 250, 400] });

    let page = await family.client.get(paths.memberReservations(child.id, '2026-11'));
    expect(textOf(page.html)).toContain('QF non fourni : tarif maximal');
    expect(calendarDay(page.html, 'mardi 17')).toContain('Prix : 4,00 €');
    expect(calendarDay(page.html, 'lundi 16')).toContain('Prix : 4,00 € + 2,00 € de majoration');
    // The script's preview reads the majoration the invoice will apply.
    expect(page.html).toMatch(new RegExp(`name="${cell('2026-11-16', canteen)}"[^>]*data-majoration="200"`));
    const summary = textOf(
      (await askSummary(family.client, paths, child.id, '2026-11', { [cell('2026-11-16', canteen)]: 'jour' })).html,
    );
    expect(summary).toContain('Réserver Avec majoration +50 % soit 2,00 € 4,00 € + 2,00 € de majoration');
    expect(summary).toContain(
      'Prix des jours réservés, au tarif de votre famille : 4,00 €. QF non fourni : tarif maximal.',
    );
    expect(summary).toContain('Total des majorations : 2,00 €');

    await setQuotient(t.container, commune, family.family.id, 420);
    page = await family.client.get(paths.memberReservations(child.id, '2026-11'));
    expect(textOf(page.html)).not.toContain('QF non fourni');
    expect(calendarDay(page.html, 'mardi 17')).toContain('Prix : 1,20 €');
  });

  it('prices a day covered by two QFs at the one entered last, and a family living elsewhere at the non-resident price', async () => {
    const { family, paths, set, child, commune } = await enrolledChild(t, ['restauration']);
    const canteen = set.services.restauration.id;
    await setTariff(t.container, commune, { serviceId: canteen, prices: [120, 250, 400], nonResidentCents: 610 });
    await setQuotient(t.container, commune, family.family.id, 420);
    t.clock.set('2026-11-02T12:01:00+01:00');
    await setQuotient(t.container, commune, family.family.id, 800, { validFrom: '2026-11-01', validTo: '2026-11-30' });

    let page = await family.client.get(paths.memberReservations(child.id, '2026-11'));
    expect(calendarDay(page.html, 'mardi 17')).toContain('Prix : 2,50 €');
    page = await family.client.get(paths.memberReservations(child.id, '2026-12'));
    expect(calendarDay(page.html, 'mardi 1er')).toContain('Prix : 1,20 €');

    const residence = await t.container.quotients.setResidence(commune, family.family.id, true, billingAuthor());
    expect(residence.ok).toBe(true);
    page = await family.client.get(paths.memberReservations(child.id, '2026-11'));
    expect(calendarDay(page.html, 'mardi 17')).toContain('Prix : 6,10 €');
  });

  it('« Modifier encore » comes back to the calendar with what the parent ticked, and writes nothing', async () => {
    const { family, paths, set, child } = await enrolledChild(t, ['restauration']);
    const canteen = set.services.restauration.id;
    const summary = await askSummary(family.client, paths, child.id, '2026-11', {
      [cell('2026-11-17', canteen)]: 'jour',
      [cell('2026-11-19', canteen)]: 'jour',
    });
    const again = await family.client.post(
      paths.editReservations(child.id),
      formFields(summary.html, paths.confirmReservations(child.id)),
    );
    expect(again.status).toBe(200);
    const fields = formFields(again.html, paths.reservationsSummary(child.id));
    expect(fields[cell('2026-11-17', canteen)]).toBe('jour');
    expect(fields[cell('2026-11-19', canteen)]).toBe('jour');
    expect(fields[cell('2026-11-18', canteen)]).toBeUndefined();
    // Still « non réservé »: ticked, not booked.
    expect(calendarDay(again.html, 'mardi 17')).toContain(': non réservé');
    expect(await bookingRows(t, child.id)).toEqual([]);
  });

  it('shows the calendar, never a 404, when a step’s address is opened again (back, reload)', async () => {
    const { family, paths, child } = await enrolledChild(t, ['restauration']);
    for (const path of [
      paths.reservationsSummary(child.id),
      paths.confirmReservations(child.id),
      paths.editReservations(child.id),
      paths.weekPattern(child.id),
    ]) {
      const page = await family.client.get(path);
      expect(page.status, path).toBe(200);
    }
    expect(textOf((await family.client.get(paths.reservationsSummary(child.id))).html)).toContain('Légende');
  });

  it('keeps the month light: its page, style sheet and script weigh less than 100 KB together', async () => {
    const { family, paths, child } = await enrolledChild(t);
    const page = await family.client.get(paths.memberReservations(child.id, '2026-11'));
    const assets = [...page.html.matchAll(/(?:href|src)="(\/assets\/[^"]+\.(?:css|js))"/g)].map((match) => match[1]!);
    expect(assets.some((asset) => asset.endsWith('.css'))).toBe(true);
    expect(assets.some((asset) => asset.includes('reservations.'))).toBe(true);
    let bytes = Buffer.byteLength(page.html);
    for (const asset of assets) bytes += (await (await t.get(asset)).arrayBuffer()).byteLength;
    expect(bytes).toBeLessThan(100 * 1024);
  });
});
