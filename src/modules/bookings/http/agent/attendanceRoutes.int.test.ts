import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { canteenDay as canteenDayOf, listsPath, sheetPath } from '../../../../../test/attendanceFactories.js';
import { auditOf, summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { deskAgent } from '../../../../../test/requestFactories.js';
import { setUpServices } from '../../../../../test/serviceFactories.js';
import { describeMajoration } from '../../../services/domain/majoration.js';
import { attendance, bookings, serviceDayPlaces } from '../../bookingsSchema.js';

describe.each(testDatabases())('the day lists and the pointage on $name', ({ open }) => {
  const { t } = useTestApp(open);

  const canteenDay = (now?: string) => canteenDayOf(t, now);
  const lists = listsPath;
  const sheet = sheetPath;

  it('lists who is expected per service with meals, PAI and allergy flags (never the notes), lateness, absences and counts', async () => {
    const { commune, services, animateur } = await canteenDay();
    const page = await animateur.client.get(lists(commune.slug, { jour: '2026-11-17' }));
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const text = textOf(page.html);
    expect(text).toContain('Restauration scolaire — mardi 17 novembre 2026');
    expect(text).toContain('Accueil du soir — mardi 17 novembre 2026');
    expect(text).toContain(
      'Enfants attendus 1 Absences signalées 1 Réservés hors délai 1 Avec un PAI 1 Repas Sans porc : 1',
    );
    expect(text).toContain(
      'DUPONT Rémi CE2 École Victor Hugo Sans porc PAI, allergies : voir PAI Réservé, hors délai — —',
    );
    expect(text).toContain('MARTIN Lina CP École Jules Ferry Menu standard — Réservé Absence signalée, justifiée —');
    expect(text).not.toContain('PETIT');
    expect(page.html).not.toContain('Arachide');
    expect(page.html).toContain('class="day-list"');
    // The animateur takes the pointage from here, and never reaches the family files.
    expect(page.html).toContain(
      `href="/${commune.slug}/guichet/pointage?jour=2026-11-17&amp;service=${services.restauration.id}"`,
    );
    expect(page.html).not.toContain('/guichet/familles/');

    const oneSchool = textOf(
      (
        await animateur.client.get(
          lists(commune.slug, { jour: '17/11/2026', service: services.restauration.id, ecole: 'École Jules Ferry' }),
        )
      ).html,
    );
    expect(oneSchool).toContain('MARTIN Lina');
    expect(oneSchool).not.toContain('DUPONT Rémi');
    expect(oneSchool).not.toContain('Accueil du soir —');

    const holidays = textOf(
      (await animateur.client.get(lists(commune.slug, { jour: '2026-12-21', service: services.vacances.id }))).html,
    );
    expect(holidays).toContain(
      'DUPONT Rémi CE2 École Victor Hugo Sans porc PAI, allergies : voir PAI Stage multisport',
    );
    const closed = textOf(
      (await animateur.client.get(lists(commune.slug, { jour: '2026-11-11', service: services.restauration.id }))).html,
    );
    expect(closed).toContain('Service fermé ce jour-là : Armistice 1918 (jour férié).');

    const wrong = await animateur.client.get(lists(commune.slug, { jour: '31/02/2026' }));
    expect(wrong.status).toBe(400);
    expect(Object.keys(summaryOf(wrong.html))).toEqual(['jour']);
  });

  it('opens the lists and the pointage to an animateur, not the family files; another commune’s agent gets 404', async () => {
    const { commune, services, remi, animateur, agent } = await canteenDay();
    expect((await animateur.client.get(`/${commune.slug}/guichet/familles`)).status).toBe(404);
    expect((await animateur.client.get(`/${commune.slug}/guichet/familles/${remi.family.id}`)).status).toBe(404);
    expect((await animateur.client.get(sheet(commune.slug))).status).toBe(200);
    const home = await animateur.client.get(`/${commune.slug}/guichet`);
    expect(home.html).toContain(`href="/${commune.slug}/guichet/listes"`);
    expect(home.html).toContain(`href="/${commune.slug}/guichet/pointage"`);
    expect((await agent.client.get(lists(commune.slug))).status).toBe(200);

    const elsewhere = await createCommune(t.container.communes);
    await setUpServices(t.container, elsewhere);
    const stranger = await deskAgent(t, elsewhere);
    const query = { jour: '2026-11-17', service: services.restauration.id };
    expect((await stranger.client.get(lists(elsewhere.slug, query))).status).toBe(404);
    expect((await stranger.client.get(sheet(elsewhere.slug, query))).status).toBe(404);
    expect(
      (await stranger.client.get(`/${elsewhere.slug}/guichet/pointage/ajouter?${new URLSearchParams(query)}`)).status,
    ).toBe(404);
    await stranger.client.get(sheet(elsewhere.slug));
    const own = (await t.container.catalogue.services(elsewhere.id)).find((s) => s.kind === 'restauration')!;
    const forged = await stranger.client.post(`/${elsewhere.slug}/guichet/pointage/ajouter`, {
      jour: '2026-11-17',
      service: own.id,
      memberId: remi.child.id,
    });
    expect(forged.status).toBe(404);
    const forgedSheet = await stranger.client.post(`/${elsewhere.slug}/guichet/pointage`, {
      ...query,
      [`presence-${remi.child.id}`]: 'absent',
    });
    expect(forgedSheet.status).toBe(404);
    expect(
      await t.container.database.db.select().from(attendance).where(eq(attendance.memberId, remi.child.id)),
    ).toEqual([]);
    // A family's session is no key to the desk.
    expect((await t.get(sheet(commune.slug))).status).toBe(303);
  });

  it('saves the pointage in one post, updates it when saved again, and ignores a child not expected', async () => {
    const { commune, services, remi, lina, noah, animateur } = await canteenDay();
    const query = { jour: '2026-11-17', service: services.restauration.id };
    const page = await animateur.client.get(sheet(commune.slug, query));
    expect(page.status).toBe(200);
    expect(page.html).toContain(`name="presence-${remi.child.id}" value="present"`);
    // Lina's illness was reported: « Absent » is chosen for her already.
    expect(page.html).toMatch(new RegExp(`name="presence-${lina.child.id}" value="absent" checked`));
    expect(textOf(page.html)).toContain('absence signalée, justifiée');

    const saved = await animateur.client.post('/' + commune.slug + '/guichet/pointage', {
      ...query,
      [`presence-${remi.child.id}`]: 'present',
      [`presence-${lina.child.id}`]: 'absent',
      [`presence-${noah.child.id}`]: 'present',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(
      `/${commune.slug}/guichet/pointage?jour=2026-11-17&service=${services.restauration.id}&fait=enregistre`,
    );
    const shown = await animateur.client.follow();
    expect(textOf(shown.html)).toContain('Pointage enregistré.');
    expect(shown.html).toMatch(new RegExp(`name="presence-${remi.child.id}" value="present" checked`));
    const marks = async () =>
      Object.fromEntries(
        (
          await t.container.database.db
            .select()
            .from(attendance)
            .where(and(eq(attendance.serviceId, services.restauration.id), eq(attendance.day, '2026-11-17')))
        ).map((row) => [row.memberId, row]),
      );
    let rows = await marks();
    expect(Object.keys(rows).sort()).toEqual([remi.child.id, lina.child.id].sort());
    expect(rows[remi.child.id]!.present).toBe(true);
    expect(rows[remi.child.id]!.bookingId).not.toBeNull();
    expect(rows[remi.child.id]!.markedById).toBe(animateur.agent.id);
    expect(rows[lina.child.id]!.present).toBe(false);

    await animateur.client.post(`/${commune.slug}/guichet/pointage`, {
      ...query,
      [`presence-${remi.child.id}`]: 'absent',
    });
    rows = await marks();
    expect(Object.keys(rows)).toHaveLength(2);
    expect(rows[remi.child.id]!.present).toBe(false);
    expect(rows[lina.child.id]!.present).toBe(false);
    expect(textOf((await animateur.client.get(lists(commune.slug, query))).html)).toContain(
      'Pointage 0 présent, 2 absents',
    );

    const empty = await animateur.client.post(`/${commune.slug}/guichet/pointage`, query);
    expect(empty.status).toBe(400);
    // The summary's link lands on the first child's « Présent ».
    expect(empty.html).toContain(
      `<a href="#champ-presence-${remi.child.id}">Indiquez « Présent » ou « Absent » pour au moins un enfant, puis enregistrez.</a>`,
    );
    expect(empty.html).toContain(`id="champ-presence-${remi.child.id}"`);
  });

  it('adds a child who came without booking: a billable « pointage » booking with the majoration, and its attendance, audited', async () => {
    const { commune, services, noah, animateur } = await canteenDay();
    const query = { jour: '2026-11-17', service: services.restauration.id };
    const search = await animateur.client.get(
      `/${commune.slug}/guichet/pointage/ajouter?${new URLSearchParams({ ...query, nom: 'noa' })}`,
    );
    expect(search.status).toBe(200);
    const text = textOf(search.html);
    expect(text).toContain('PETIT Noah');
    expect(text).toContain('3,55 € avec la majoration +50 % (1,78 €)');
    expect(search.html).toContain(`name="memberId" value="${noah.child.id}"`);
    const tooShort = await animateur.client.get(
      `/${commune.slug}/guichet/pointage/ajouter?${new URLSearchParams({ ...query, nom: 'n' })}`,
    );
    expect(tooShort.status).toBe(400);
    expect(Object.keys(summaryOf(tooShort.html))).toEqual(['nom']);

    const added = await animateur.client.post(`/${commune.slug}/guichet/pointage/ajouter`, {
      ...query,
      memberId: noah.child.id,
    });
    expect(added.status).toBe(303);
    expect(added.location).toContain('fait=ajoute');
    const page = await animateur.client.follow();
    expect(textOf(page.html)).toContain('L’enfant est ajouté et marqué présent.');
    expect(page.html).toMatch(new RegExp(`name="presence-${noah.child.id}" value="present" checked`));

    const made = await t.container.database.db.select().from(bookings).where(eq(bookings.memberId, noah.child.id));
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({
      familyId: noah.family.id,
      serviceId: services.restauration.id,
      day: '2026-11-17',
      unit: 'jour',
      status: 'reserve',
      late: true,
      unitPriceCents: 355,
      majorationRule: describeMajoration({ kind: 'percent', basisPoints: 5000 }),
      majorationCents: 178,
      bookedByKind: 'agent',
      bookedById: animateur.agent.id,
      source: 'pointage',
    });
    const [mark] = await t.container.database.db
      .select()
      .from(attendance)
      .where(eq(attendance.memberId, noah.child.id));
    expect(mark).toMatchObject({ present: true, bookingId: made[0]!.id, day: '2026-11-17' });
    const audit = (await auditOf(t, commune)).filter((event) => event.action === 'attendance.unbooked-child');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.subjectId).toBe(noah.child.id);

    // Twice: the child is already booked, so only marked present.
    const again = await animateur.client.post(`/${commune.slug}/guichet/pointage/ajouter`, {
      ...query,
      memberId: noah.child.id,
    });
    expect(again.location).toContain('fait=deja');
    expect(
      await t.container.database.db.select().from(bookings).where(eq(bookings.memberId, noah.child.id)),
    ).toHaveLength(1);
  });

  it('counts the place of a service with a limit, and refuses a holiday session and a day to come', async () => {
    // Wednesday 18 November: the Wednesday centre runs, with 80 places a day.
    const { commune, services, noah, animateur } = await canteenDay('2026-11-18T12:00:00+01:00');
    await animateur.client.get(sheet(commune.slug));
    const add = (fields: Record<string, string>) =>
      animateur.client.post(`/${commune.slug}/guichet/pointage/ajouter`, { memberId: noah.child.id, ...fields });

    expect((await add({ jour: '2026-11-18', service: services.mercredi.id })).status).toBe(303);
    const [wednesday] = await t.container.database.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.memberId, noah.child.id), eq(bookings.day, '2026-11-18')));
    expect(wednesday).toMatchObject({
      unit: 'journee',
      unitPriceCents: 1240,
      majorationCents: 620,
      source: 'pointage',
    });
    const [places] = await t.container.database.db
      .select()
      .from(serviceDayPlaces)
      .where(and(eq(serviceDayPlaces.serviceId, services.mercredi.id), eq(serviceDayPlaces.day, '2026-11-18')));
    expect(places!.booked).toBe(1);

    const session = await add({ jour: '2026-11-18', service: services.vacances.id });
    expect(session.status).toBe(409);
    expect(textOf(session.html)).toContain('Une activité vacances se réserve par session');
    const future = await add({ jour: '2026-11-19', service: services.restauration.id });
    expect(future.status).toBe(409);
    expect(textOf(future.html)).toContain('ce jour n’est pas encore arrivé');

    const tomorrow = { jour: '2026-11-19', service: services.restauration.id };
    const futureSheet = await animateur.client.get(sheet(commune.slug, tomorrow));
    expect(textOf(futureSheet.html)).toContain('ce jour n’est pas encore arrivé');
    expect(futureSheet.html).not.toContain('Enregistrer le pointage');
    const forced = await animateur.client.post(`/${commune.slug}/guichet/pointage`, {
      ...tomorrow,
      [`presence-${noah.child.id}`]: 'present',
    });
    expect(forced.status).toBe(409);
    const written = await t.container.database.db.select().from(bookings).where(eq(bookings.memberId, noah.child.id));
    expect(written.map((row) => row.day)).toEqual(['2026-11-18']);
    expect(
      await t.container.database.db
        .select()
        .from(attendance)
        .where(and(eq(attendance.memberId, noah.child.id), eq(attendance.day, '2026-11-19'))),
    ).toEqual([]);
  });
});
