import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { bookDay, bookSession, markAttendance, reportAbsence } from '../../../../../test/bookingFactories.js';
import { auditOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { linkedParent } from '../../../../../test/familyFactories.js';
import { createSession, enrol, setUpServices } from '../../../../../test/serviceFactories.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { calendarFeeds } from '../../bookingsSchema.js';

describe.each(testDatabases())('the member’s agenda and its calendar feed on $name', ({ open }) => {
  // The rate limit's test calls from an address of its own (X-Forwarded-For).
  const { t } = useTestApp(open, { trustProxy: true });

  const agendaOf = (commune: Commune, memberId: string) => `/${commune.slug}/ma-famille/membres/${memberId}/agenda`;

  /** A family whose child Rémi has a month of everything the agenda shows, seen on Monday 2 November 2026 at noon. */
  const fullMonth = async () => {
    t.clock.set('2026-11-02T12:00:00+01:00');
    const commune = await createCommune(t.container.communes);
    const { services, schoolYear } = await setUpServices(t.container, commune);
    const family = await linkedParent(t, commune);
    const other = await createSession(t.container, commune, services.vacances.id, {
      name: 'Stage cirque',
      startsOn: '2026-12-28',
      endsOn: '2026-12-31',
    });
    const child = { familyId: family.family.id, memberId: family.child.id };
    for (const service of [services.restauration, services.soir, services.mercredi, services.vacances]) {
      await enrol(t.container, commune, { ...child, serviceId: service.id, schoolYearId: schoolYear.id });
    }
    const lunch = await bookDay(t.container, commune, child, {
      serviceId: services.restauration.id,
      day: '2026-11-02',
    });
    await bookDay(t.container, commune, child, { serviceId: services.restauration.id, day: '2026-11-03' });
    await bookDay(t.container, commune, child, {
      serviceId: services.mercredi.id,
      day: '2026-11-04',
      unit: 'matin-repas',
      unitPriceCents: 890,
    });
    await bookDay(t.container, commune, child, {
      serviceId: services.soir.id,
      day: '2026-11-05',
      late: true,
      majorationRule: '+50 %',
      majorationCents: 145,
      unitPriceCents: 290,
    });
    await bookDay(t.container, commune, child, {
      serviceId: services.soir.id,
      day: '2026-11-06',
      status: 'annule',
      cancelledAt: t.clock.now(),
      cancelledLate: true,
    });
    // Cancelled on time: nothing to show, nothing to pay.
    await bookDay(t.container, commune, child, {
      serviceId: services.soir.id,
      day: '2026-11-09',
      status: 'annule',
      cancelledAt: t.clock.now(),
    });
    await bookDay(t.container, commune, child, { serviceId: services.restauration.id, day: '2026-11-19' });
    await reportAbsence(t.container, commune, child, {
      firstDay: '2026-11-19',
      lastDay: '2026-11-20',
      serviceIds: [services.restauration.id],
      reason: 'maladie',
      justified: true,
    });
    await reportAbsence(t.container, commune, child, {
      firstDay: '2026-11-26',
      lastDay: '2026-11-26',
      serviceIds: [services.soir.id],
      reason: 'autre',
    });
    await markAttendance(t.container, commune, child.memberId, {
      serviceId: services.restauration.id,
      day: '2026-11-02',
      present: true,
      bookingId: lunch.id,
    });
    const session = await createSession(t.container, commune, services.vacances.id, {
      name: 'Stage multisport',
      startsOn: '2026-12-21',
      endsOn: '2026-12-24',
    });
    await bookSession(t.container, commune, child, { sessionId: session.id, status: 'inscrit' });
    // Two others wait before Rémi: one gives up, so he is second.
    const stranger = await linkedParent(t, commune);
    const second = await linkedParent(t, commune);
    await bookSession(
      t.container,
      commune,
      { familyId: stranger.family.id, memberId: stranger.child.id },
      { sessionId: other.id, status: 'annule', position: 1 },
    );
    await bookSession(
      t.container,
      commune,
      { familyId: second.family.id, memberId: second.child.id },
      { sessionId: other.id, status: 'attente', position: 2 },
    );
    await bookSession(t.container, commune, child, { sessionId: other.id, status: 'attente', position: 3 });
    return { commune, services, family, child, stranger };
  };

  it('shows a month as a calendar table: bookings, late ones, billed cancellations, absences and the pointage', async () => {
    const { commune, family, child } = await fullMonth();
    const page = await family.client.get(agendaOf(commune, child.memberId));
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain('<table class="agenda-month">');
    expect(page.html).toContain('aria-current="date"');
    const text = textOf(page.html);
    for (const expected of [
      'Agenda de Rémi',
      'Novembre 2026',
      'lundi 2 novembre 2026 Restauration scolaire : réservé ; présent',
      'mercredi 4 novembre 2026 Accueil de loisirs du mercredi (Matin avec repas) : réservé',
      'jeudi 5 novembre 2026 Accueil du soir : réservé avec majoration (+50 %)',
      'vendredi 6 novembre 2026 Accueil du soir : annulé après la date limite, facturé',
      'jeudi 19 novembre 2026 Restauration scolaire : réservé ; absence signalée (maladie), justifiée',
      'Absence signalée (autre motif), non justifiée : Accueil du soir',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain('lundi 9 novembre 2026 Accueil du soir');
    expect(page.html).toContain(
      `href="/${commune.slug}/ma-famille/membres/${child.memberId}/reservations?mois=2026-11"`,
    );
    expect(text).toContain('Modifier les réservations');
    expect(page.html).toContain(`href="${agendaOf(commune, child.memberId)}?mois=2026-10"`);
    expect(page.html).toContain(`href="${agendaOf(commune, child.memberId)}?mois=2026-12"`);
  });

  it('shows the holiday sessions, booked or waiting with the position, and the month as a list', async () => {
    const { commune, family, child } = await fullMonth();
    const december = textOf(
      (await family.client.get(`${agendaOf(commune, child.memberId)}?mois=2026-12&vue=liste`)).html,
    );
    expect(december).toContain('lundi 21 décembre 2026 Activités vacances : Stage multisport : inscrit');
    expect(december).toContain('jeudi 24 décembre 2026 Activités vacances : Stage multisport : inscrit');
    expect(december).toContain(
      'lundi 28 décembre 2026 Activités vacances : Stage cirque : liste d’attente, position 2',
    );
    // Weekends are not days of a session.
    expect(december).not.toContain('samedi 26 décembre 2026');
    const list = await family.client.get(`${agendaOf(commune, child.memberId)}?mois=2026-11&vue=liste`);
    expect(list.html).not.toContain('<table class="agenda-month">');
    expect(textOf(list.html)).toContain('mardi 3 novembre 2026 Restauration scolaire : réservé');
    expect(list.html).toContain('aria-current="page"');
    // A month that is no month shows this one.
    const odd = await family.client.get(`${agendaOf(commune, child.memberId)}?mois=2026-13`);
    expect(odd.status).toBe(200);
    expect(textOf(odd.html)).toContain('Novembre 2026');
  });

  it('shows the next seven days on the member’s page, with the ways into the agenda', async () => {
    const { commune, family, child } = await fullMonth();
    const page = await family.client.get(`/${commune.slug}/ma-famille/membres/${child.memberId}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Les 7 prochains jours');
    expect(text).toContain('mardi 3 novembre 2026 Restauration scolaire : réservé');
    expect(text).not.toContain('jeudi 19 novembre 2026');
    expect(text).not.toContain('s’afficheront ici');
    expect(page.html).toContain(`href="${agendaOf(commune, child.memberId)}"`);
    expect(page.html).toContain(`href="${agendaOf(commune, child.memberId)}?vue=liste"`);
  });

  it('gives another family’s member a 404, and writes no link for them', async () => {
    const { commune, child, stranger } = await fullMonth();
    expect((await stranger.client.get(agendaOf(commune, child.memberId))).status).toBe(404);
    expect((await stranger.client.get(agendaOf(commune, 'pas-un-uuid'))).status).toBe(404);
    expect((await stranger.client.get(`${agendaOf(commune, child.memberId)}/abonnement`)).status).toBe(404);
    await stranger.client.get(`/${commune.slug}/ma-famille`);
    const refused = await stranger.client.post(`${agendaOf(commune, child.memberId)}/abonnement`, { action: 'creer' });
    expect(refused.status).toBe(404);
    expect(
      await t.container.database.db.select().from(calendarFeeds).where(eq(calendarFeeds.memberId, child.memberId)),
    ).toEqual([]);
  });

  it('creates a feed link shown once, serves the calendar without the family name, and a new link or a revocation ends the old one at once', async () => {
    const { commune, family, child } = await fullMonth();
    const agenda = await family.client.get(agendaOf(commune, child.memberId));
    expect(textOf(agenda.html)).toContain('S’abonner au calendrier');
    const created = await family.client.post(`${agendaOf(commune, child.memberId)}/abonnement`, { action: 'creer' });
    expect(created.status).toBe(200);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const url = /value="(http[^"]+\.ics)"/.exec(created.html)?.[1];
    expect(url).toMatch(new RegExp(`^${t.origin}/${commune.slug}/agenda/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(created.html).toContain(`href="${url!.replace(/^http/, 'webcal')}"`);
    expect(textOf(created.html)).toContain('Il n’est affiché qu’une seule fois');

    // Only the hash is stored.
    const [stored] = await t.container.database.db
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.memberId, child.memberId));
    const token = url!.split('/').at(-1)!.replace('.ics', '');
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.tokenHash).not.toContain(token);
    expect((await auditOf(t, commune)).map((event) => event.action)).toContain('calendar-feed.created');

    const feed = await fetch(url!);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(feed.headers.get('cache-control')).toBe('private, no-store');
    const ics = await feed.text();
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
    const lines = ics.replace(/\r\n /g, '').split('\r\n');
    expect(lines).toContain('SUMMARY:Rémi : Restauration scolaire');
    expect(lines).toContain('SUMMARY:Rémi : Accueil de loisirs du mercredi (Matin avec repas)');
    expect(lines).toContain('SUMMARY:Rémi : Activités vacances : Stage multisport');
    expect(lines).toContain('SUMMARY:Rémi : Activités vacances : Stage cirque (liste d’attente)');
    expect(lines).toContain('SUMMARY:Rémi : Restauration scolaire (absence signalée)');
    expect(lines).toContain('DTSTART;VALUE=DATE:20261103');
    // The late cancellation is billed, not attended.
    expect(lines).not.toContain('DTSTART;VALUE=DATE:20261106');
    expect(ics).not.toContain(family.representative.lastName);
    expect(ics.toLowerCase()).not.toContain(family.representative.lastName.toLowerCase());
    expect(ics).not.toContain(family.family.reference);
    expect(ics).not.toMatch(/allerg|PAI/i);

    // The page says a link is live, without showing it again.
    const after = await family.client.get(agendaOf(commune, child.memberId));
    expect(textOf(after.html)).toContain('Un lien d’abonnement est actif depuis le');
    expect(after.html).not.toContain(token);

    // The step's address opened again (back, reload): the agenda, its link live but never shown again.
    const reopened = await family.client.get(`${agendaOf(commune, child.memberId)}/abonnement`);
    expect(reopened.status).toBe(200);
    expect(textOf(reopened.html)).toContain('Un lien d’abonnement est actif depuis le');
    expect(textOf(reopened.html)).toContain('Créer un nouveau lien');
    expect(reopened.html).not.toContain(token);

    // A second link ends the first.
    const again = await family.client.post(`${agendaOf(commune, child.memberId)}/abonnement`, { action: 'creer' });
    const second = /value="(http[^"]+\.ics)"/.exec(again.html)![1]!;
    expect(second).not.toBe(url);
    expect((await fetch(url!)).status).toBe(404);
    expect((await fetch(second)).status).toBe(200);

    await family.client.get(agendaOf(commune, child.memberId));
    const revoked = await family.client.post(`${agendaOf(commune, child.memberId)}/abonnement`, { action: 'revoquer' });
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe(`${agendaOf(commune, child.memberId)}?fait=revoque`);
    expect((await fetch(second)).status).toBe(404);
    expect(textOf((await family.client.follow()).html)).toContain('Le lien d’abonnement est révoqué');
    const live = await t.container.database.db
      .select()
      .from(calendarFeeds)
      .where(and(eq(calendarFeeds.memberId, child.memberId)));
    expect(live.every((row) => row.revokedAt !== null)).toBe(true);
  });

  it('answers 404 to a token that is unknown, malformed, or another commune’s', async () => {
    const { commune, family, child } = await fullMonth();
    await family.client.get(agendaOf(commune, child.memberId));
    const created = await family.client.post(`${agendaOf(commune, child.memberId)}/abonnement`, { action: 'creer' });
    const url = /value="(http[^"]+\.ics)"/.exec(created.html)![1]!;
    const elsewhere = await createCommune(t.container.communes);
    expect((await fetch(url.replace(`/${commune.slug}/`, `/${elsewhere.slug}/`))).status).toBe(404);
    expect((await t.get(`/${commune.slug}/agenda/${'A'.repeat(43)}.ics`)).status).toBe(404);
    expect((await t.get(`/${commune.slug}/agenda/court.ics`)).status).toBe(404);
    expect((await t.get(`/${commune.slug}/agenda/%27%3B--.ics`)).status).toBe(404);
  });

  it('limits the guesses from one address, like the other public routes', async () => {
    const commune = await createCommune(t.container.communes);
    const guess = () =>
      t.get(`/${commune.slug}/agenda/${'B'.repeat(43)}.ics`, { headers: { 'x-forwarded-for': '10.77.0.1' } });
    for (let i = 0; i < 120; i++) expect((await guess()).status).toBe(404);
    const refused = await guess();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not held up.
    expect(
      (await t.get(`/${commune.slug}/agenda/${'B'.repeat(43)}.ics`, { headers: { 'x-forwarded-for': '10.77.0.2' } }))
        .status,
    ).toBe(404);
  });
});
