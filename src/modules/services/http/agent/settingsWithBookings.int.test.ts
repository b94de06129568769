import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAgent, createFamily, loggedInAgent } from '../../../../../test/agentFactories.js';
import { useTestApp } from '../../../../../test/appFixture.js';
import { bookDay } from '../../../../../test/bookingFactories.js';
import { summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { waitForMail } from '../../../../../test/mailbox.js';
import { createSession, setUpServices } from '../../../../../test/serviceFactories.js';
import { bookingsOfSession, sessionFamily, sessionRow } from '../../../../../test/sessionFactories.js';
import { auditLines, formFields, setUpFingerprint } from '../../../../../test/settingsPages.js';
import { inTransaction } from '../../../../platform/db/transaction.js';
import { BookingsRepository } from '../../../bookings/bookingsRepository.js';
import { bookings, serviceDayPlaces } from '../../../bookings/bookingsSchema.js';
import { schoolYears, services } from '../../servicesSchema.js';
import { settingsPaths } from './settingsPaths.js';

/** The set-up changed under live bookings: the day counters, the waiting lists, and what the administrator is told. */
describe.each(testDatabases())('changing the set-up of services already booked, on $name', ({ open }) => {
  const { t } = useTestApp(open);

  const db = () => t.container.database.db;
  const administrator = async () => {
    const commune = await createCommune(t.container.communes);
    const set = await setUpServices(t.container, commune);
    const client = await loggedInAgent(t, commune, await createAgent(t.container, commune, { role: 'administrateur' }));
    return { commune, client, set, paths: settingsPaths(commune) };
  };
  const countersOf = async (serviceId: string) =>
    Object.fromEntries(
      (await db().select().from(serviceDayPlaces).where(eq(serviceDayPlaces.serviceId, serviceId))).map((row) => [
        row.day,
        row.booked,
      ]),
    );

  it('counts the places from the live bookings when a limit is set, set again or changed, and lists the days to come over it', async () => {
    t.clock.set('2026-11-02T12:00:00+01:00');
    const { commune, client, set, paths } = await administrator();
    const soir = set.services.soir.id;
    const book = async (day: string, status: 'reserve' | 'annule' = 'reserve') => {
      const family = await createFamily(t.container, commune);
      return bookDay(
        t.container,
        commune,
        { familyId: family.family.id, memberId: family.child.id },
        { serviceId: soir, day, status, unitPriceCents: 290 },
      );
    };
    for (const day of [
      '2026-11-20',
      '2026-11-20',
      '2026-11-20',
      '2026-11-23',
      '2026-10-15',
      '2026-10-15',
      '2026-10-15',
    ])
      await book(day);
    await book('2026-11-20', 'annule');
    // A counter left from a former limit, for a day whose bookings were since cancelled.
    await db()
      .insert(serviceDayPlaces)
      .values({ communeId: commune.id, serviceId: soir, day: '2026-11-24', booked: 4 });

    const fields = formFields((await client.get(paths.service(soir))).html, paths.service(soir));
    const saved = await client.post(paths.service(soir), { ...fields, placesPerDay: '2' });
    expect([saved.status, saved.location]).toEqual([303, `${paths.service(soir)}?fait=enregistre`]);
    expect(await countersOf(soir)).toEqual({ '2026-10-15': 3, '2026-11-20': 3, '2026-11-23': 1, '2026-11-24': 0 });
    // The first booking under the limit meets the places really taken.
    const taken = await inTransaction(db(), (tx) =>
      new BookingsRepository(db()).lockPlaces(
        commune.id,
        [
          { serviceId: soir, day: '2026-11-20' },
          { serviceId: soir, day: '2026-11-27' },
        ],
        tx,
      ),
    );
    expect([...taken.values()]).toEqual([3, 0]);

    const page = textOf((await client.follow()).html);
    expect(page).toContain(
      'Attention : un jour à venir compte déjà plus de réservations que de places (limite : 2 par jour).',
    );
    expect(page).toContain('vendredi 20 novembre 2026 : 3 réservations');
    expect(page, 'a past day is not listed').not.toContain('15 octobre 2026');
    expect((await auditLines(db(), commune, 'service.settings-changed'))[0]?.details).toMatchObject({
      placesPerDay: 2,
      daysOverLimit: 1,
    });

    // Without a limit the counters are not kept; set again, they are counted again.
    await client.post(paths.service(soir), { ...fields, placesPerDay: '' });
    await db()
      .update(bookings)
      .set({ status: 'annule' })
      .where(and(eq(bookings.serviceId, soir), eq(bookings.day, '2026-11-23')));
    await book('2026-11-24');
    await book('2026-11-20');
    const again = await client.post(paths.service(soir), { ...fields, placesPerDay: '3' });
    expect(again.status).toBe(303);
    // 27 November's counter was made by the lock above.
    expect(await countersOf(soir)).toEqual({
      '2026-10-15': 3,
      '2026-11-20': 4,
      '2026-11-23': 0,
      '2026-11-24': 1,
      '2026-11-27': 0,
    });
    expect(textOf((await client.follow()).html)).toContain('vendredi 20 novembre 2026 : 4 réservations');

    // A limit above every day's bookings: nothing to warn of.
    await client.post(paths.service(soir), { ...fields, placesPerDay: '4' });
    expect(textOf((await client.follow()).html)).not.toContain('plus de réservations que de places');
  });

  it('takes the dates of the calendar and the sessions from 2000 to 2100, and shows a year stored in 1500 without failing', async () => {
    t.clock.set('2026-11-02T12:00:00+01:00');
    const { commune, client, set, paths } = await administrator();
    const range = 'Indiquez une date entre 2000 et 2100, par exemple 01/09/2026 : vérifiez l’année.';
    await client.get(paths.schoolYears);
    const before = await setUpFingerprint(db(), [commune]);
    const year = await client.post(paths.schoolYears, {
      label: '1500-1501',
      startsOn: '01/09/1500',
      endsOn: '01/07/1501',
      rentreeWindowEndsOn: '',
    });
    expect(year.status).toBe(400);
    expect(summaryOf(year.html)).toEqual({ startsOn: range, endsOn: range });
    const period = await client.post(paths.calendar, {
      kind: 'fermeture',
      label: 'Pont',
      startsOn: '12/11/2026',
      endsOn: '31/12/9999',
    });
    expect(period.status).toBe(400);
    expect(summaryOf(period.html)).toEqual({ endsOn: range });
    await client.get(paths.newSession);
    const session = await client.post(paths.sessions, {
      serviceId: set.services.vacances.id,
      name: 'Stage',
      description: '',
      startsOn: '21/12/2101',
      endsOn: '24/12/2101',
      minAge: '6',
      maxAge: '11',
      places: '10',
      priceCents: '60',
    });
    expect(session.status).toBe(400);
    expect(summaryOf(session.html)).toEqual({ startsOn: range, endsOn: range });
    expect(await setUpFingerprint(db(), [commune])).toEqual(before);

    // Written before the bound existed: its public holidays are computed, Easter included.
    const [old] = await db()
      .insert(schoolYears)
      .values({
        communeId: commune.id,
        label: '1500-1501',
        startsOn: '1500-09-01',
        endsOn: '1501-07-01',
        rentreeWindowEndsOn: '1500-09-30',
      })
      .returning();
    const calendar = await client.get(`${paths.calendar}?annee=${old!.id}`);
    expect(calendar.status).toBe(200);
    expect(textOf(calendar.html)).toContain('Noël : mardi 25 décembre 1500');
    expect(textOf(calendar.html)).toContain('Lundi de Pâques');
  });

  it('gives the places added to a full session to its waiting list, through the promotion job', async () => {
    t.clock.set('2026-11-02T12:00:00+01:00');
    const { commune, client, set, paths } = await administrator();
    const session = await createSession(t.container, commune, set.services.vacances.id, { places: 1 });
    const [first, second, third] = [
      await sessionFamily(t, commune, set),
      await sessionFamily(t, commune, set),
      await sessionFamily(t, commune, set),
    ];
    for (const family of [first!, second!, third!])
      await t.container.sessionBookings.book(commune, family.family.id, session.id, family.child.id, {
        acceptsMajoration: true,
      });
    const statuses = async () =>
      new Map((await bookingsOfSession(t, session.id)).map((row) => [row.memberId, row.status]));
    expect(await statuses()).toEqual(
      new Map([
        [first!.child.id, 'inscrit'],
        [second!.child.id, 'attente'],
        [third!.child.id, 'attente'],
      ]),
    );

    const fields = formFields((await client.get(paths.session(session.id))).html, paths.session(session.id));
    const saved = await client.post(paths.session(session.id), { ...fields, places: '2' });
    expect([saved.status, saved.location]).toEqual([303, `${paths.session(session.id)}?fait=modifiee`]);
    const mail = await waitForMail(
      db(),
      (m) => m.to === second!.citizen.email && m.subject.startsWith('Une place s’est libérée'),
    );
    expect(mail.text).toContain('Stage multisport');
    expect(await statuses()).toEqual(
      new Map([
        [first!.child.id, 'inscrit'],
        [second!.child.id, 'inscrit'],
        [third!.child.id, 'attente'],
      ]),
    );
    expect(await sessionRow(t, session.id)).toMatchObject({ places: 2, booked: 2 });
  });

  it('warns when the dates, the ages or the service of a session children are booked for change; not for a session nobody booked', async () => {
    t.clock.set('2026-11-02T12:00:00+01:00');
    const { commune, client, set, paths } = await administrator();
    const booked = await createSession(t.container, commune, set.services.vacances.id);
    const family = await sessionFamily(t, commune, set);
    await t.container.sessionBookings.book(commune, family.family.id, booked.id, family.child.id, {
      acceptsMajoration: true,
    });
    const path = paths.session(booked.id);
    const fields = formFields((await client.get(path)).html, path);

    const changed = await client.post(path, { ...fields, startsOn: '22/12/2026', minAge: '7' });
    expect(changed.location).toBe(`${path}?fait=modifiee&attention=dates,ages`);
    const page = textOf((await client.follow()).html);
    expect(page).toContain('La session est modifiée.');
    expect(page).toContain(
      'Attention : des enfants sont déjà inscrits ou en liste d’attente pour cette session, et vous avez changé ses dates et les âges acceptés. Leurs réservations sont gardées telles quelles et les familles ne sont pas prévenues',
    );
    // The price is not a term the children were booked under.
    expect(
      (await client.post(path, { ...fields, startsOn: '22/12/2026', minAge: '7', priceCents: '65' })).location,
    ).toBe(`${path}?fait=modifiee`);
    const { id: _id, ...vacances } = set.services.vacances;
    const [stages] = await db()
      .insert(services)
      .values({ ...vacances, name: 'Stages sportifs', position: 9 })
      .returning();
    const moved = await client.post(path, {
      ...fields,
      startsOn: '22/12/2026',
      minAge: '7',
      priceCents: '65',
      serviceId: stages!.id,
    });
    expect(moved.location).toBe(`${path}?fait=modifiee&attention=service`);
    expect(textOf((await client.follow()).html)).toContain('et vous avez changé son service.');
    // An address naming anything else shows nothing.
    expect(textOf((await client.get(`${path}?fait=modifiee&attention=tout,<b>`)).html)).not.toContain(
      'Attention : des enfants',
    );

    const empty = await createSession(t.container, commune, set.services.vacances.id, { name: 'Atelier cirque' });
    const emptyFields = formFields((await client.get(paths.session(empty.id))).html, paths.session(empty.id));
    expect(
      (await client.post(paths.session(empty.id), { ...emptyFields, endsOn: '23/12/2026', maxAge: '12' })).location,
    ).toBe(`${paths.session(empty.id)}?fait=modifiee`);
  });
});
