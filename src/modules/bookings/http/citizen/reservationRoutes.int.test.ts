import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import {
  anotherFamily,
  askSummary,
  bookingRows,
  cell,
  confirmFrom,
  enrolledChild,
  calendarDay,
  formFields,
} from '../../../../../test/reservationPages.js';
import { setUpServices } from '../../../../../test/serviceFactories.js';
import { serviceDayPlaces } from '../../bookingsSchema.js';
import { services } from '../../../services/servicesSchema.js';

/** The demo's « now » (DEADLINES.md case 1): days from the 17th on are on time, the 4th to the 16th late, before that refused. */
const NOW = '2026-11-02T12:00:00+01:00';

describe.each(testDatabases())('« Modifier les réservations » on $name', ({ open }) => {
  const { t } = useTestApp(open);
  beforeEach(() => t.clock.set(NOW));

  it('lists the children: a calendar for the enrolled one, « Créer une inscription » for the other', async () => {
    const { family, paths, commune } = await enrolledChild(t, ['restauration']);
    const sibling = await t.container.families.insertMember({
      communeId: commune.id,
      familyId: family.family.id,
      firstName: 'Lina',
      lastName: family.child.lastName,
      birthDate: '2020-03-02',
    });
    const page = await family.client.get(paths.reservations);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain(`href="${paths.memberReservations(family.child.id)}"`);
    const text = textOf(page.html);
    expect(text).toContain('Restauration scolaire');
    expect(text).toContain(`Lina ${family.child.lastName.toUpperCase()} n’a pas d’inscription acceptée`);
    expect(page.html).toContain(`href="${paths.newInscription}"`);
    expect(page.html).not.toContain(paths.memberReservations(sibling.id));
  });

  it('shows the month as a table: each cell’s state in words, its deadline, its majoration, closed days with their reason', async () => {
    const { family, paths, set, child } = await enrolledChild(t);
    const canteen = set.services.restauration.id;
    const wednesday = set.services.mercredi.id;
    await t.container.database.db
      .insert(serviceDayPlaces)
      .values({ communeId: family.family.communeId, serviceId: wednesday, day: '2026-11-25', booked: 80 });
    const booked = await askSummary(family.client, paths, child.id, '2026-11', {
      [cell('2026-11-19', canteen)]: 'jour',
      [cell('2026-11-18', wednesday)]: 'journee',
    });
    expect((await confirmFrom(family.client, booked, paths, child.id)).status).toBe(303);

    const page = await family.client.get(paths.memberReservations(child.id, '2026-11'));
    expect(page.status).toBe(200);
    const html = page.html;
    expect(html).toMatch(/<h2 id="titre-mois">Rémi [^<]*— novembre 2026<\/h2>/);
    const text = textOf(html);
    for (const name of ['Restauration scolaire', 'Accueil du soir', 'Accueil de loisirs du mercredi'])
      expect(text).toMatch(new RegExp(`${name} ?, \\S+ \\d+ novembre 2026`));
    expect(html).not.toContain('Accueil du matin');
    // A real calendar: no scroll box, a legend, the month starting on its weekday (1 November 2026 is a Sunday).
    expect(html).not.toContain('role="region"');
    expect(text).toContain('Légende');
    expect(html).toMatch(/<li class="day day--wd7 day--closed" data-jour="2026-11-01">/);
    const row = (day: string) => calendarDay(html, day);
    expect(row('mardi 17')).toContain(
      "Restauration scolaire, mardi 17 novembre 2026 : non réservé modifiable jusqu'au 02/11 à 23:59 Prix : 3,55 €",
    );
    expect(row('lundi 16')).toContain(
      "non réservé avec majoration (+50 %) jusqu'au 15/11 à 10:00 Prix : 3,55 € + 1,78 € de majoration",
    );
    expect(row('mardi 3')).toContain('Restauration scolaire : non réservé hors délai');
    expect(row('jeudi 19')).toContain('réservé');
    expect(row('mercredi 18')).toContain('réservé : Journée');
    expect(row('mercredi 25')).toContain('complet');
    expect(row('mercredi 11')).toBe('fermé (Armistice 1918 (jour férié))');
    expect(row('samedi 21')).toBe("fermé (Pas d'accueil ce jour-là)");
    expect(row('jeudi 19')).toContain('fermé');
    expect(text).not.toContain('libre');
    // What the script reads: the server's own verdict and price per cell.
    expect(html).toMatch(
      new RegExp(`name="${cell('2026-11-16', canteen)}"[^>]*data-majoration="178"[^>]*data-delai="late"`),
    );
    expect(html).toMatch(
      new RegExp(`name="${cell('2026-11-17', canteen)}"[^>]*data-majoration="0"[^>]*data-delai="on-time"`),
    );
    expect(html).not.toContain(`name="${cell('2026-11-03', canteen)}"`);
    expect(html).not.toContain(`name="${cell('2026-11-25', wednesday)}"`);
    expect(html).toMatch(/<script src="\/assets\/reservations\.[0-9a-f]{12}\.js" defer nonce="[^"]+"><\/script>/);
    expect(html).toContain(`href="${paths.memberReservations(child.id, '2026-10')}"`);
    expect(html).toContain(`href="${paths.memberReservations(child.id, '2026-12')}"`);
    const script = /src="(\/assets\/reservations\.[0-9a-f]{12}\.js)"/.exec(html)![1]!;
    expect((await t.get(script)).status).toBe(200);
  });

  it('books a day on time and a late one: the summary shows the majoration before confirming, the booking stores it', async () => {
    const { family, paths, set, child } = await enrolledChild(t);
    const canteen = set.services.restauration.id;
    const summary = await askSummary(family.client, paths, child.id, '2026-11', {
      [cell('2026-11-16', canteen)]: 'jour',
      [cell('2026-11-17', canteen)]: 'jour',
    });
    expect(summary.status).toBe(200);
    const text = textOf(summary.html);
    expect(text).toContain('lundi 16 novembre 2026 Restauration scolaire Réserver Avec majoration +50 % soit 1,78 €');
    expect(text).toContain('mardi 17 novembre 2026 Restauration scolaire Réserver Dans les délais');
    expect(text).toContain('Total des majorations : 1,78 €');
    expect(await bookingRows(t, child.id)).toEqual([]);

    const done = await confirmFrom(family.client, summary, paths, child.id);
    expect(done.status).toBe(303);
    expect(done.location).toBe(
      `${paths.memberReservations(child.id, '2026-11')}&enregistre=${new Date(NOW).getTime()}`,
    );
    const calendar = textOf((await family.client.follow()).html);
    expect(calendar).toContain('Vos réservations sont enregistrées.');
    expect(calendar).toContain(
      'lundi 16 novembre 2026 — Restauration scolaire : réservé (avec majoration +50 % soit 1,78 €)',
    );
    expect(calendar).toContain('mardi 17 novembre 2026 — Restauration scolaire : réservé');

    const rows = await bookingRows(t, child.id);
    expect(
      rows.map((r) => [
        r.day,
        r.status,
        r.late,
        r.unitPriceCents,
        r.majorationRule,
        r.majorationCents,
        r.bookedByKind,
        r.bookedById,
        r.source,
      ]),
    ).toEqual([
      ['2026-11-16', 'reserve', true, 355, '+50\u00a0%', 178, 'citizen', family.citizen.id, 'famille'],
      ['2026-11-17', 'reserve', false, 355, null, 0, 'citizen', family.citizen.id, 'famille'],
    ]);
  });

  it('shows the summary again, with the new amount, when a deadline passed between the summary and « Confirmer »', async () => {
    // Logged in a minute before: the session outlives the jump over midnight.
    t.clock.set('2026-11-02T23:59:00+01:00');
    const { family, paths, set, child } = await enrolledChild(t);
    const canteen = set.services.restauration.id;
    t.clock.set('2026-11-02T23:59:59+01:00');
    const summary = await askSummary(family.client, paths, child.id, '2026-11', {
      [cell('2026-11-17', canteen)]: 'jour',
    });
    expect(textOf(summary.html)).toContain('Dans les délais');
    t.clock.set('2026-11-03T00:00:01+01:00');
    const again = await confirmFrom(family.client, summary, paths, child.id);
    expect(again.status).toBe(409);
    const text = textOf(again.html);
    expect(text).toContain('Rien n’a été enregistré');
    expect(text).toContain('Avec majoration +50 % soit 1,78 €');
    expect(await bookingRows(t, child.id)).toEqual([]);
    expect((await confirmFrom(family.client, again, paths, child.id)).status).toBe(303);
    expect((await bookingRows(t, child.id)).map((r) => [r.late, r.majorationCents])).toEqual([[true, 178]]);
  });

  it('refuses a change after the cut-off: listed with its reason, never written', async () => {
    const { family, paths, set, child } = await enrolledChild(t);
    const canteen = set.services.restauration.id;
    const page = await family.client.get(paths.memberReservations(child.id, '2026-11'));
    // The calendar offers no box for it; a forged form asks anyway.
    const fields = { ...formFields(page.html, paths.reservationsSummary(child.id)) };
    fields.cellules += ` 2026-11-03:${canteen}`;
    fields[cell('2026-11-03', canteen)] = 'jour';
    const summary = await family.client.post(paths.reservationsSummary(child.id), fields);
    expect(summary.status).toBe(200);
    expect(textOf(summary.html)).toContain(
      "mardi 3 novembre 2026 — Restauration scolaire : Modifiable en ligne jusqu'au 02/11/2026 à 10:00 : contactez le guichet unique.",
    );
    expect(summary.html).not.toContain(paths.confirmReservations(child.id));
    const forged = await family.client.post(paths.confirmReservations(child.id), {
      mois: '2026-11',
      voulu: `2026-11-03:${canteen}:jour`,
      apercu: 'x'.repeat(32),
    });
    expect(forged.status).toBe(409);
    expect(await bookingRows(t, child.id)).toEqual([]);
  });

  it('cancels on time (not billed) and late (still billed, « reste facturé »)', async () => {
    const { family, paths, set, child } = await enrolledChild(t);
    const canteen = set.services.restauration.id;
    t.clock.set('2026-10-01T12:00:00+02:00');
    const booked = await askSummary(family.client, paths, child.id, '2026-11', {
      [cell('2026-11-16', canteen)]: 'jour',
      [cell('2026-11-17', canteen)]: 'jour',
    });
    expect((await confirmFrom(family.client, booked, paths, child.id)).status).toBe(303);
    t.clock.set(NOW);
    const summary = await askSummary(family.client, paths, child.id, '2026-11', {
      [cell('2026-11-16', canteen)]: null,
      [cell('2026-11-17', canteen)]: null,
    });
    const text = textOf(summary.html);
    expect(text).toContain(
      'lundi 16 novembre 2026 Restauration scolaire Annuler Annulé après la date limite : reste facturé',
    );
    expect(text).toContain('mardi 17 novembre 2026 Restauration scolaire Annuler Dans les délais');
    expect(text).toContain('Total des majorations : 0,00 €');
    expect((await confirmFrom(family.client, summary, paths, child.id)).status).toBe(303);
    expect(textOf((await family.client.follow()).html)).toContain(
      'lundi 16 novembre 2026 — Restauration scolaire : annulé après la date limite (reste facturé)',
    );
    const rows = await bookingRows(t, child.id);
    expect(rows.map((r) => [r.day, r.status, r.cancelledLate, r.late])).toEqual([
      ['2026-11-16', 'annule', true, false],
      ['2026-11-17', 'annule', false, false],
    ]);
    expect(rows.every((r) => r.cancelledAt?.getTime() === new Date(NOW).getTime())).toBe(true);
  });

  it('changes the Wednesday unit: the old one ended, the new one booked, the day keeps its one place', async () => {
    const { family, paths, set, child } = await enrolledChild(t, ['mercredi']);
    const wednesday = set.services.mercredi.id;
    const booked = await askSummary(family.client, paths, child.id, '2026-11', {
      [cell('2026-11-18', wednesday)]: 'journee',
    });
    expect((await confirmFrom(family.client, booked, paths, child.id)).status).toBe(303);
    const change = await askSummary(family.client, paths, child.id, '2026-11', {
      [cell('2026-11-18', wednesday)]: 'matin-repas',
    });
    expect(textOf(change.html)).toContain('Changer : Journée → Matin avec repas Dans les délais');
    expect((await confirmFrom(family.client, change, paths, child.id)).status).toBe(303);
    const rows = await bookingRows(t, child.id);
    expect(rows.map((r) => [r.unit, r.status, r.unitPriceCents])).toEqual([
      ['journee', 'annule', 1240],
      ['matin-repas', 'reserve', 890],
    ]);
    const [places] = await t.container.database.db
      .select()
      .from(serviceDayPlaces)
      .where(eqPlaces(wednesday, '2026-11-18'));
    expect(places?.booked).toBe(1);
  });

  it('never books a closed day or a service the child is not enrolled in, even from a forged form', async () => {
    const { family, paths, set, child } = await enrolledChild(t, ['restauration']);
    const canteen = set.services.restauration.id;
    const morning = set.services.matin.id;
    const elsewhere = await setUpServices(t.container, await createCommune(t.container.communes));
    const forged = [
      [`2026-11-11:${canteen}`, 'Fermé : Armistice 1918 (jour férié).'],
      [`2026-12-22:${canteen}`, 'Fermé : Vacances de Noël.'],
      [`2026-11-18:${canteen}`, "Fermé : Pas d'accueil ce jour-là."],
      [`2026-11-19:${morning}`, "L'enfant n'a pas d'inscription acceptée"],
      [`2026-11-20:${elsewhere.services.restauration.id}`, "L'enfant n'a pas d'inscription acceptée"],
      [`2027-08-02:${canteen}`, 'Fermé : hors année scolaire.'],
    ] as const;
    const fields: Record<string, string> = { mois: '2026-11', cellules: forged.map(([c]) => c).join(' ') };
    for (const [c] of forged) fields[`r:${c}`] = 'jour';
    await family.client.get(paths.memberReservations(child.id, '2026-11'));
    const summary = await family.client.post(paths.reservationsSummary(child.id), fields);
    expect(summary.status).toBe(200);
    const text = textOf(summary.html);
    for (const [, reason] of forged) expect(text).toContain(reason);
    expect(text).toContain('Aucune modification à enregistrer');
    const voulu = forged.map(([c]) => `${c}:jour`).join(' ');
    expect(summary.html, 'nothing to confirm').not.toContain(paths.confirmReservations(child.id));
    const sent = await family.client.post(paths.confirmReservations(child.id), {
      mois: '2026-11',
      voulu,
      apercu: 'a'.repeat(32),
    });
    expect(sent.status).toBe(409);
    expect(await bookingRows(t, child.id)).toEqual([]);
  });

  it('answers 404 for another family’s child and for an id that is nobody’s, and writes nothing', async () => {
    const { family, paths, set, commune } = await enrolledChild(t);
    const other = await anotherFamily(t, commune, set);
    const canteen = set.services.restauration.id;
    const stranger = other.child.id;
    await family.client.get(paths.reservations);
    for (const id of [stranger, '7d0f3a52-9c1e-4b6a-8f2d-3e5b6c7d8e9f', 'pas-un-uuid']) {
      expect((await family.client.get(paths.memberReservations(id, '2026-11'))).status).toBe(404);
      expect((await family.client.get(paths.weekPattern(id))).status).toBe(404);
      expect(
        (
          await family.client.post(paths.reservationsSummary(id), {
            mois: '2026-11',
            cellules: `2026-11-17:${canteen}`,
            [cell('2026-11-17', canteen)]: 'jour',
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await family.client.post(paths.weekPattern(id), {
            du: '17/11/2026',
            au: '20/11/2026',
            [`j2:${canteen}`]: 'jour',
          })
        ).status,
      ).toBe(404);
      const confirm = await family.client.post(paths.confirmReservations(id), {
        mois: '2026-11',
        voulu: `2026-11-17:${canteen}:jour`,
        apercu: 'a'.repeat(32),
      });
      expect(confirm.status).toBe(404);
      expect(confirm.html).not.toContain(other.representative.lastName.toUpperCase());
    }
    expect(await bookingRows(t, stranger)).toEqual([]);
  });

  it('answers 400 with an error summary to a form it cannot read, and writes nothing', async () => {
    const { family, paths, child, set } = await enrolledChild(t);
    await family.client.get(paths.weekPattern(child.id));
    const empty = await family.client.post(paths.weekPattern(child.id), { du: '', au: '31/02/2026' });
    expect(empty.status).toBe(400);
    expect(summaryOf(empty.html)).toEqual({
      du: 'Indiquez la date de début au format JJ/MM/AAAA, par exemple 16/11/2026.',
      au: 'Indiquez la date de fin au format JJ/MM/AAAA, par exemple 18/12/2026.',
      semaine: 'Cochez au moins un jour de la semaine pour un service.',
    });
    expect(empty.html).toContain('id="champ-semaine"');
    const canteen = set.services.restauration.id;
    const backwards = await family.client.post(paths.weekPattern(child.id), {
      du: '20/11/2026',
      au: '17/11/2026',
      [`j2:${canteen}`]: 'jour',
    });
    expect(summaryOf(backwards.html)).toEqual({ au: 'La date de fin doit être le jour de début ou après.' });
    expect(backwards.html, 'the ticked box comes back ticked').toMatch(
      new RegExp(`name="j2:${canteen}" value="jour" checked`),
    );
    const past = await family.client.post(paths.weekPattern(child.id), {
      du: '01/10/2026',
      au: '17/11/2026',
      [`j2:${canteen}`]: 'jour',
    });
    expect(Object.keys(summaryOf(past.html))).toEqual(['du']);
    const twoYears = await family.client.post(paths.weekPattern(child.id), {
      du: '17/11/2026',
      au: '17/11/2027',
      [`j2:${canteen}`]: 'jour',
    });
    expect(twoYears.status).toBe(400);
    expect(summaryOf(twoYears.html).au).toContain(
      'La période doit tenir dans une année scolaire (du 01/09/2026 au 02/07/2027)',
    );
    const broken = await family.client.post(paths.reservationsSummary(child.id), {
      mois: '2026-11',
      cellules: 'pas une cellule',
    });
    expect(broken.status).toBe(400);
    expect(summaryOf(broken.html)).toEqual({
      calendrier: 'Le formulaire est incomplet ou a été modifié : rechargez le calendrier et recommencez.',
    });
    const badConfirm = await family.client.post(paths.confirmReservations(child.id), {
      mois: '2026-11',
      voulu: `2026-11-17:${canteen}:<b>`,
      apercu: 'a',
    });
    expect(badConfirm.status).toBe(400);
    expect(await bookingRows(t, child.id)).toEqual([]);
  });

  it('books a semaine type over a month: every open day, the closed ones listed as skipped, the late one priced', async () => {
    const { family, paths, child, set } = await enrolledChild(t);
    const canteen = set.services.restauration.id;
    const wednesday = set.services.mercredi.id;
    const form = await family.client.get(paths.weekPattern(child.id));
    expect(form.status).toBe(200);
    expect(form.html).toContain(`name="j3:${wednesday}"`);
    expect(form.html).not.toContain(`name="j3:${canteen}"`);
    const fields = {
      du: '16/11/2026',
      au: '31/12/2026',
      [`j1:${canteen}`]: 'jour',
      [`j2:${canteen}`]: 'jour',
      [`j4:${canteen}`]: 'jour',
      [`j5:${canteen}`]: 'jour',
      [`j3:${wednesday}`]: 'journee',
    };
    const summary = await family.client.post(paths.weekPattern(child.id), fields);
    expect(summary.status).toBe(200);
    const text = textOf(summary.html);
    // 16 Nov – 18 Dec: 5 weeks of 4 canteen days and 5 Wednesdays; the Christmas holidays after.
    expect(text).toContain('25 modifications à confirmer');
    expect(text).toContain('Avec majoration +50 % soit 1,78 €');
    expect(text).toContain('Total des majorations : 1,78 €');
    expect(text).toContain('Jours fermés, ignorés');
    expect(text).toContain(
      'Vacances de Noël : 21/12/2026, 22/12/2026, 23/12/2026, 24/12/2026, 28/12/2026, 29/12/2026, 30/12/2026, 31/12/2026',
    );
    expect(text).toContain('Noël (jour férié) : 25/12/2026');
    const done = await confirmFrom(family.client, summary, paths, child.id);
    expect(done.location).toContain(paths.memberReservations(child.id, '2026-11'));
    const rows = await bookingRows(t, child.id);
    expect(rows).toHaveLength(25);
    expect(rows.filter((r) => r.late).map((r) => r.day)).toEqual(['2026-11-16']);
    expect(rows.filter((r) => r.serviceId === wednesday).map((r) => r.day)).toEqual([
      '2026-11-18',
      '2026-11-25',
      '2026-12-02',
      '2026-12-09',
      '2026-12-16',
    ]);
  });

  it('counts a limit the commune has just set, even while the calendar and services are still kept', async () => {
    const { family, paths, set, child } = await enrolledChild(t, ['restauration']);
    const canteen = set.services.restauration.id;
    const db = t.container.database.db;
    const before = await askSummary(family.client, paths, child.id, '2026-11', {
      [cell('2026-11-17', canteen)]: 'jour',
    });
    expect(textOf(before.html)).toContain('Dans les délais');
    await db.update(services).set({ placesPerDay: 1 }).where(eq(services.id, canteen));
    await db
      .insert(serviceDayPlaces)
      .values({ communeId: family.family.communeId, serviceId: canteen, day: '2026-11-17', booked: 1 });
    const after = await confirmFrom(family.client, before, paths, child.id);
    expect(after.status).toBe(409);
    expect(textOf(after.html)).toContain('Complet : il n’y a plus de place ce jour-là.');
    expect(await bookingRows(t, child.id)).toEqual([]);
  });

  it('keeps the calendar and services for 10 seconds of the portal’s clock, then shows the commune’s change', async () => {
    const { family, paths, set, child } = await enrolledChild(t, ['restauration']);
    const monthPage = async () => textOf((await family.client.get(paths.memberReservations(child.id, '2026-11'))).html);
    expect(await monthPage()).toContain('Restauration scolaire');
    await t.container.database.db
      .update(services)
      .set({ name: 'Cantine de l’école' })
      .where(eq(services.id, set.services.restauration.id));
    expect(await monthPage()).toContain('Restauration scolaire');
    t.clock.advance(10_001);
    const after = await monthPage();
    expect(after).toContain('Cantine de l’école');
    expect(after).not.toContain('Restauration scolaire');
  });
});

function eqPlaces(serviceId: string, day: string) {
  return and(eq(serviceDayPlaces.serviceId, serviceId), eq(serviceDayPlaces.day, day));
}
