import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { addPath, canteenDay as canteenDayOf, listsPath, sheetPath } from '../../../../../test/attendanceFactories.js';
import { bookDay, bookSession, markAttendance } from '../../../../../test/bookingFactories.js';
import { createFamily } from '../../../../../test/agentFactories.js';
import { auditOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createSession } from '../../../../../test/serviceFactories.js';
import { describeMajoration } from '../../../services/domain/majoration.js';
import { calendarPeriods } from '../../../services/servicesSchema.js';
import { attendance, bookings } from '../../bookingsSchema.js';

/** The pointage's rules: one billable day at most, on the day itself, for an enrolled child; health kept to flags; closed days closed. */
describe.each(testDatabases())('the pointage’s rules on $name', ({ open }) => {
  const { t } = useTestApp(open);

  const canteenDay = (now?: string) => canteenDayOf(t, now);
  const rowsOf = (memberId: string, serviceId: string, day: string) =>
    t.container.database.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.memberId, memberId), eq(bookings.serviceId, serviceId), eq(bookings.day, day)));

  it('restores a day cancelled late instead of billing it twice, and books a day cancelled on time as the pointage’s, with the majoration', async () => {
    const { commune, services, noah, animateur, of, enrolIn } = await canteenDay();
    await enrolIn(noah, services.soir.id);
    const cancelledLate = await bookDay(t.container, commune, of(noah), {
      serviceId: services.restauration.id,
      day: '2026-11-17',
      status: 'annule',
      cancelledAt: t.clock.now(),
      cancelledLate: true,
    });
    const cancelledOnTime = await bookDay(t.container, commune, of(noah), {
      serviceId: services.soir.id,
      day: '2026-11-17',
      unitPriceCents: 290,
      status: 'annule',
      cancelledAt: new Date('2026-11-01T10:00:00+01:00'),
    });
    await animateur.client.get(sheetPath(commune.slug));

    const restored = await animateur.client.post(addPath(commune.slug), {
      jour: '2026-11-17',
      service: services.restauration.id,
      memberId: noah.child.id,
    });
    expect(restored.status).toBe(303);
    expect(restored.location).toContain('fait=retabli');
    expect(textOf((await animateur.client.follow()).html)).toContain('sans nouvelle majoration');
    const canteen = await rowsOf(noah.child.id, services.restauration.id, '2026-11-17');
    expect(canteen).toHaveLength(1);
    // The family's booking as it was billed: same row, same price, no majoration added.
    expect(canteen[0]).toMatchObject({
      id: cancelledLate.id,
      status: 'reserve',
      cancelledAt: null,
      cancelledLate: false,
      late: false,
      majorationCents: 0,
      unitPriceCents: 355,
      source: 'famille',
    });
    const [mark] = await t.container.database.db
      .select()
      .from(attendance)
      .where(and(eq(attendance.memberId, noah.child.id), eq(attendance.serviceId, services.restauration.id)));
    expect(mark).toMatchObject({ present: true, bookingId: cancelledLate.id });

    const reactivated = await animateur.client.post(addPath(commune.slug), {
      jour: '2026-11-17',
      service: services.soir.id,
      memberId: noah.child.id,
    });
    expect(reactivated.location).toContain('fait=ajoute');
    const evening = await rowsOf(noah.child.id, services.soir.id, '2026-11-17');
    expect(evening).toHaveLength(1);
    expect(evening[0]).toMatchObject({
      id: cancelledOnTime.id,
      status: 'reserve',
      cancelledAt: null,
      late: true,
      unitPriceCents: 290,
      majorationRule: describeMajoration({ kind: 'percent', basisPoints: 5000 }),
      majorationCents: 145,
      bookedByKind: 'agent',
      bookedById: animateur.agent.id,
      source: 'pointage',
    });
    const audit = (await auditOf(t, commune)).filter((event) => event.action === 'attendance.unbooked-child');
    expect(audit).toHaveLength(2);
    expect(audit.map((event) => event.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          service: services.restauration.id,
          booking: cancelledLate.id,
          majorationCents: 0,
          restored: 'annulee-hors-delai',
        }),
        expect.objectContaining({
          service: services.soir.id,
          booking: cancelledOnTime.id,
          majorationCents: 145,
          restored: 'annulee-dans-les-delais',
        }),
      ]),
    );

    // Several tablets at once on a day cancelled late: one live row, the same one.
    const roux = await createFamily(t.container, commune, 'Roux');
    await enrolIn(roux, services.restauration.id);
    const cancelled = await bookDay(t.container, commune, of(roux), {
      serviceId: services.restauration.id,
      day: '2026-11-17',
      status: 'annule',
      cancelledAt: t.clock.now(),
      cancelledLate: true,
    });
    const service = (await t.container.catalogue.service(commune.id, services.restauration.id))!;
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.container.attendance.addUnbooked(commune, animateur.agent, '2026-11-17', service, roux.child.id, '127.0.0.1'),
      ),
    );
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.added : outcome.reason)).sort()).toEqual([
      'already',
      'already',
      'already',
      'already',
      'restored',
    ]);
    const rows = await rowsOf(roux.child.id, services.restauration.id, '2026-11-17');
    expect(rows.map((row) => [row.id, row.status])).toEqual([[cancelled.id, 'reserve']]);
  });

  it('takes the pointage on the day itself only: another day is a list to read, and nothing of it can be written', async () => {
    const { commune, services, remi, noah, animateur, of } = await canteenDay();
    const yesterday = await bookDay(t.container, commune, of(remi), {
      serviceId: services.restauration.id,
      day: '2026-11-16',
    });
    await markAttendance(t.container, commune, remi.child.id, {
      serviceId: services.restauration.id,
      day: '2026-11-16',
      present: true,
      bookingId: yesterday.id,
    });
    const past = { jour: '2026-11-16', service: services.restauration.id };

    const page = await animateur.client.get(sheetPath(commune.slug, past));
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Le pointage se fait le jour même');
    expect(text).toContain('DUPONT Rémi');
    expect(text).toMatch(/DUPONT Rémi .*Présent/);
    expect(page.html).not.toContain('Enregistrer le pointage');
    expect(page.html).not.toContain('Ajouter un enfant présent sans réservation');
    expect(page.html).not.toContain(`name="presence-${remi.child.id}"`);
    const list = await animateur.client.get(listsPath(commune.slug, past));
    expect(list.html).not.toContain('Faire le pointage');

    const changed = await animateur.client.post(sheetPath(commune.slug), {
      ...past,
      [`presence-${remi.child.id}`]: 'absent',
    });
    expect(changed.status).toBe(409);
    expect(textOf(changed.html)).toContain('ce jour est passé');
    const [mark] = await t.container.database.db
      .select()
      .from(attendance)
      .where(and(eq(attendance.memberId, remi.child.id), eq(attendance.day, '2026-11-16')));
    expect(mark!.present).toBe(true);

    // Noah is enrolled, but a booking cannot be made on a day gone by.
    for (const day of ['2026-11-16', '2026-09-07']) {
      const added = await animateur.client.post(addPath(commune.slug), {
        jour: day,
        service: services.restauration.id,
        memberId: noah.child.id,
      });
      expect(added.status).toBe(409);
      expect(textOf(added.html)).toContain('ce jour est passé');
    }
    const search = await animateur.client.get(addPath(commune.slug, { ...past, nom: 'noa' }));
    expect(search.html).not.toContain(`name="memberId"`);
    expect(await t.container.database.db.select().from(bookings).where(eq(bookings.memberId, noah.child.id))).toEqual(
      [],
    );
  });

  it('adds only a child enrolled in the service for the day’s school year, and sends the others to the guichet unique', async () => {
    const { commune, services, noah, animateur } = await canteenDay();
    const today = { jour: '2026-11-17', service: services.soir.id };
    // Noah is enrolled in the canteen, not in the evening.
    const search = await animateur.client.get(addPath(commune.slug, { ...today, nom: 'noa' }));
    expect(textOf(search.html)).toMatch(/PETIT Noah .*Pas d’inscription à ce service/);
    expect(search.html).not.toContain(`name="memberId" value="${noah.child.id}"`);

    const added = await animateur.client.post(addPath(commune.slug), { ...today, memberId: noah.child.id });
    expect(added.status).toBe(409);
    const text = textOf(added.html);
    expect(text).toContain('Noah n’a pas d’inscription à « Accueil du soir » pour l’année scolaire 2026-2027');
    expect(text).toContain(`guichet unique (${commune.desk.phone})`);
    expect(await t.container.database.db.select().from(bookings).where(eq(bookings.memberId, noah.child.id))).toEqual(
      [],
    );
    expect(
      await t.container.database.db.select().from(attendance).where(eq(attendance.memberId, noah.child.id)),
    ).toEqual([]);
  });

  it('audits every save of the pointage: who, which service and day, how many present and absent', async () => {
    const { commune, services, remi, lina, animateur } = await canteenDay();
    const query = { jour: '2026-11-17', service: services.restauration.id };
    await animateur.client.get(sheetPath(commune.slug, query));
    await animateur.client.post(sheetPath(commune.slug), {
      ...query,
      [`presence-${remi.child.id}`]: 'present',
      [`presence-${lina.child.id}`]: 'absent',
    });
    await animateur.client.post(sheetPath(commune.slug), { ...query, [`presence-${remi.child.id}`]: 'absent' });
    const saved = (await auditOf(t, commune)).filter((event) => event.action === 'attendance.saved');
    expect(saved).toHaveLength(2);
    expect(
      saved.every((event) => event.actorKind === 'agent' && event.actorId === animateur.agent.id && event.ip !== ''),
    ).toBe(true);
    expect(saved.map((event) => event.details)).toEqual(
      expect.arrayContaining([
        { service: services.restauration.id, day: '2026-11-17', present: 1, absent: 1 },
        { service: services.restauration.id, day: '2026-11-17', present: 0, absent: 1 },
      ]),
    );
  });

  it('shows that an absence was reported, never its reason, and audits each view of PAI or allergy flags', async () => {
    const { commune, services, animateur } = await canteenDay();
    const views = async () => (await auditOf(t, commune)).filter((event) => event.action === 'day-list.viewed');

    const list = await animateur.client.get(listsPath(commune.slug, { jour: '2026-11-17' }));
    expect(textOf(list.html)).toContain(
      'MARTIN Lina CP École Jules Ferry Menu standard — Réservé Absence signalée, justifiée —',
    );
    expect(list.html).not.toMatch(/maladie/i);
    expect(await views()).toMatchObject([
      { actorId: animateur.agent.id, details: { service: null, day: '2026-11-17', count: 3, flagged: 2 } },
    ]);

    const sheet = await animateur.client.get(
      sheetPath(commune.slug, { jour: '2026-11-17', service: services.restauration.id }),
    );
    expect(textOf(sheet.html)).toContain('absence signalée, justifiée');
    expect(textOf(sheet.html)).toContain('PAI · allergies : voir PAI');
    expect(sheet.html).not.toMatch(/maladie/i);
    expect((await views()).map((event) => event.details)).toContainEqual({
      service: services.restauration.id,
      day: '2026-11-17',
      count: 2,
      flagged: 1,
    });

    // Lina alone, with neither PAI nor allergies: nothing of health shown, nothing recorded.
    await animateur.client.get(
      listsPath(commune.slug, { jour: '2026-11-17', service: services.restauration.id, ecole: 'École Jules Ferry' }),
    );
    expect(await views()).toHaveLength(2);
  });

  it('shows a closed day as closed, with its reason and nobody expected: sessions on weekends, public holidays and closures, other services on closures', async () => {
    const { commune, services, noah, remi, of, animateur } = await canteenDay('2026-11-20T12:00:00+01:00');
    await t.container.database.db.insert(calendarPeriods).values([
      {
        communeId: commune.id,
        kind: 'fermeture',
        label: 'Journée pédagogique',
        startsOn: '2026-11-20',
        endsOn: '2026-11-20',
      },
      {
        communeId: commune.id,
        kind: 'fermeture',
        label: 'Fermeture du centre de loisirs',
        startsOn: '2026-12-22',
        endsOn: '2026-12-22',
      },
    ]);
    await bookDay(t.container, commune, of(remi), { serviceId: services.restauration.id, day: '2026-11-20' });
    const session = await createSession(t.container, commune, services.vacances.id, {
      name: 'Stage nature',
      startsOn: '2026-12-21',
      endsOn: '2026-12-31',
    });
    await bookSession(t.container, commune, of(noah), { sessionId: session.id, status: 'inscrit' });
    const sessionsOn = async (day: string) =>
      textOf((await animateur.client.get(listsPath(commune.slug, { jour: day, service: services.vacances.id }))).html);

    expect(await sessionsOn('2026-12-21')).toContain('PETIT Noah');
    for (const [day, reason] of [
      ['2026-12-22', 'Fermeture du centre de loisirs'],
      ['2026-12-25', 'Noël (jour férié)'],
      ['2026-12-26', "Pas d'accueil ce jour-là"],
    ] as const) {
      const text = await sessionsOn(day);
      expect(text).toContain(`Service fermé ce jour-là : ${reason}.`);
      expect(text).toContain('Aucun enfant attendu.');
      expect(text).not.toContain('PETIT Noah');
      expect(text).not.toContain('DUPONT Rémi');
    }

    const closure = { jour: '2026-11-20', service: services.restauration.id };
    const list = textOf((await animateur.client.get(listsPath(commune.slug, closure))).html);
    expect(list).toContain('Service fermé ce jour-là : Journée pédagogique.');
    expect(list).not.toContain('DUPONT Rémi');
    const sheet = await animateur.client.get(sheetPath(commune.slug, closure));
    expect(textOf(sheet.html)).toContain('Service fermé ce jour-là : Journée pédagogique.');
    expect(sheet.html).not.toContain('Enregistrer le pointage');
    const added = await animateur.client.post(addPath(commune.slug), { ...closure, memberId: noah.child.id });
    expect(added.status).toBe(409);
    expect(textOf(added.html)).toContain('Le service est fermé ce jour-là (Journée pédagogique)');
    expect(await rowsOf(noah.child.id, services.restauration.id, '2026-11-20')).toEqual([]);
  });
});
