import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { auditOf, summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { waitForMail } from '../../../../../test/mailbox.js';
import { deskAgent } from '../../../../../test/requestFactories.js';
import { type TestServices, createSession, setUpServices } from '../../../../../test/serviceFactories.js';
import { bookingsOfSession, sessionFamily, sessionRow } from '../../../../../test/sessionFactories.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { familyMembers } from '../../../families/familiesSchema.js';
import { activitySessions } from '../../../services/servicesSchema.js';

type Family = Awaited<ReturnType<typeof sessionFamily>>;

describe.each(testDatabases())('the guichet’s holiday sessions on $name', ({ open }) => {
  const { t } = useTestApp(open);

  const db = () => t.container.database.db;
  const deskBase = (c: Commune) => `/${c.slug}/guichet/sessions`;

  async function commune(): Promise<{ commune: Commune; setUp: TestServices }> {
    t.clock.set('2026-11-02T12:00:00+01:00');
    const made = await createCommune(t.container.communes);
    return { commune: made, setUp: await setUpServices(t.container, made) };
  }

  /** Each family books the session in turn, through the service the family's page calls. */
  async function bookAll(c: Commune, sessionId: string, list: Family[]) {
    for (const family of list) {
      const outcome = await t.container.sessionBookings.book(c, family.family.id, sessionId, family.child.id, {
        acceptsMajoration: true,
      });
      if (!outcome.ok) throw new Error(`booking refused: ${outcome.reason}`);
    }
  }
  const bookingOf = async (sessionId: string, family: Family) =>
    (await bookingsOfSession(t, sessionId)).find((r) => r.memberId === family.child.id)!;

  it('lists the sessions with places taken and waiting, and shows a session’s children with their file, diet, PAI and late majoration', async () => {
    const { commune: c, setUp } = await commune();
    const session = await createSession(t.container, c, setUp.services.vacances.id, { places: 2 });
    const families = [
      await sessionFamily(t, c, setUp),
      await sessionFamily(t, c, setUp),
      await sessionFamily(t, c, setUp),
    ];
    await db()
      .update(familyMembers)
      .set({ diet: 'sans-porc', pai: true })
      .where(eq(familyMembers.id, families[0]!.child.id));
    await bookAll(c, session.id, families.slice(0, 2));
    t.clock.set('2026-12-01T12:00:00+01:00');
    await bookAll(c, session.id, families.slice(2));
    const { client } = await deskAgent(t, c);

    const home = await client.get(`/${c.slug}/guichet`);
    expect(home.html).toContain(`href="${deskBase(c)}"`);
    const list = await client.get(deskBase(c));
    expect(list.status).toBe(200);
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(textOf(list.html)).toContain('Stage multisport 21/12/2026 – 24/12/2026 6 – 11 ans 2 / 2 1');
    expect(list.html).toContain(`href="${deskBase(c)}/${session.id}"`);

    const page = textOf((await client.get(`${deskBase(c)}/${session.id}`)).html);
    const [first, second, third] = families as [Family, Family, Family];
    expect(page).toContain('Places prises 2 / 2 (complet)');
    expect(page).toContain(`${first.child.lastName.toUpperCase()} Rémi 8 ans ${first.family.reference} Sans porc Oui`);
    expect(page).toContain(
      `${second.child.lastName.toUpperCase()} Rémi 8 ans ${second.family.reference} Menu standard Non`,
    );
    expect(page).toContain(`1 ${third.child.lastName.toUpperCase()} Rémi 8 ans ${third.family.reference}`);
    expect(page).toContain('hors délai : majoration +50 % (30,00 €)');
    expect(page).toContain('Aucune place n’est libre');
    expect(page).not.toContain('Inscrire :');
  });

  it('removes a place with a reason, audited and mailed; the job gives it to the first waiting; an agent gives a free place to the child of their choice, never over the limit', async () => {
    const { commune: c, setUp } = await commune();
    const session = await createSession(t.container, c, setUp.services.vacances.id, { places: 1 });
    const [holder, firstWaiting, secondWaiting, thirdWaiting] = [
      await sessionFamily(t, c, setUp),
      await sessionFamily(t, c, setUp),
      await sessionFamily(t, c, setUp),
      await sessionFamily(t, c, setUp),
    ] as [Family, Family, Family, Family];
    await bookAll(c, session.id, [holder, firstWaiting, secondWaiting, thirdWaiting]);
    const { agent, client } = await deskAgent(t, c);
    const page = `${deskBase(c)}/${session.id}`;
    await client.get(page);
    const held = await bookingOf(session.id, holder);

    // Over the limit: refused, whatever the form says.
    const over = await client.post(`${page}/inscrire`, {
      bookingId: (await bookingOf(session.id, thirdWaiting)).id,
      confirmation: 'oui',
      reason: 'Passe-droit',
    });
    expect(over.status).toBe(409);
    expect(textOf(over.html)).toContain('Aucune place n’est libre : la limite de places vaut aussi pour le guichet.');

    const step = await client.post(`${page}/retirer`, { bookingId: held.id });
    expect(step.status).toBe(200);
    expect(textOf(step.html)).toContain(`Retirer ${holder.child.lastName.toUpperCase()} Rémi`);
    expect(textOf(step.html)).toContain('La place libérée ira d’elle-même au premier de la liste d’attente.');
    const blank = await client.post(`${page}/retirer`, { bookingId: held.id, confirmation: 'oui', reason: '  ' });
    expect(blank.status).toBe(400);
    expect(summaryOf(blank.html)).toEqual({ reason: 'Indiquez le motif : la famille le lira dans son mail.' });
    expect((await bookingOf(session.id, holder)).status).toBe('inscrit');

    const removed = await client.post(`${page}/retirer`, {
      bookingId: held.id,
      confirmation: 'oui',
      reason: 'Désistement signalé par téléphone',
    });
    expect(removed.status).toBe(303);
    expect(removed.location).toBe(`${page}?fait=retire`);
    expect(textOf((await client.follow()).html)).toContain('La réservation est retirée.');
    expect(await bookingOf(session.id, holder)).toMatchObject({ status: 'annule', cancelledLate: false });
    const removal = (await auditOf(t, c)).find((e) => e.action === 'session-booking.removed');
    expect(removal).toMatchObject({
      actorId: agent.id,
      subjectId: held.id,
      details: {
        session: session.id,
        member: holder.child.id,
        status: 'inscrit',
        reason: 'Désistement signalé par téléphone',
      },
    });
    const removedMail = await waitForMail(
      db(),
      (m) => m.to === holder.citizen.email && m.subject.startsWith('Réservation retirée par le guichet unique'),
    );
    expect(removedMail.text).toContain('Motif : Désistement signalé par téléphone');

    // The freed place goes to the first waiting, by the job.
    await waitForMail(
      db(),
      (m) => m.to === firstWaiting.citizen.email && m.subject.startsWith('Une place s’est libérée'),
    );
    expect((await bookingOf(session.id, firstWaiting)).status).toBe('inscrit');
    expect((await sessionRow(t, session.id)).booked).toBe(1);

    // The commune adds a place: the agent gives it to the third waiting rather than the second.
    await db().update(activitySessions).set({ places: 2 }).where(eq(activitySessions.id, session.id));
    const third = await bookingOf(session.id, thirdWaiting);
    const promoteStep = await client.post(`${page}/inscrire`, { bookingId: third.id });
    expect(textOf(promoteStep.html)).toContain('quittera la liste d’attente et prendra une place libre');
    const promoted = await client.post(`${page}/inscrire`, {
      bookingId: third.id,
      confirmation: 'oui',
      reason: 'Fratrie déjà inscrite',
    });
    expect(promoted.location).toBe(`${page}?fait=inscrit`);
    expect(await bookingOf(session.id, thirdWaiting)).toMatchObject({ status: 'inscrit' });
    expect((await bookingOf(session.id, thirdWaiting)).promotedAt).not.toBeNull();
    expect(await sessionRow(t, session.id)).toMatchObject({ booked: 2 });
    const promotion = (await auditOf(t, c)).find((e) => e.action === 'session-booking.promoted');
    expect(promotion).toMatchObject({
      actorId: agent.id,
      subjectId: third.id,
      details: { reason: 'Fratrie déjà inscrite' },
    });
    const promotedMail = await waitForMail(
      db(),
      (m) => m.to === thirdWaiting.citizen.email && m.subject.startsWith('Une place s’est libérée'),
    );
    expect(promotedMail.text).toContain('Motif : Fratrie déjà inscrite');

    // Full again: the second waiting stays where they are.
    const full = await client.post(`${page}/inscrire`, { bookingId: (await bookingOf(session.id, secondWaiting)).id });
    expect(full.status).toBe(409);
    expect((await bookingOf(session.id, secondWaiting)).status).toBe('attente');

    // A waiting entry removed: it leaves the list, nothing is freed.
    const leave = await client.post(`${page}/retirer`, {
      bookingId: (await bookingOf(session.id, secondWaiting)).id,
      confirmation: 'oui',
      reason: 'Demande de la famille',
    });
    expect(leave.status).toBe(303);
    expect((await bookingOf(session.id, secondWaiting)).status).toBe('annule');
    await waitForMail(
      db(),
      (m) => m.to === secondWaiting.citizen.email && m.subject.startsWith('Retrait de la liste d’attente'),
    );
    expect(await sessionRow(t, session.id)).toMatchObject({ booked: 2 });
  });

  it('answers 404 for another commune’s session or booking, and a plain 404 to an animateur', async () => {
    const { commune: c, setUp } = await commune();
    const session = await createSession(t.container, c, setUp.services.vacances.id);
    const family = await sessionFamily(t, c, setUp);
    await bookAll(c, session.id, [family]);
    const elsewhere = await commune();
    const foreign = await createSession(t.container, elsewhere.commune, elsewhere.setUp.services.vacances.id);
    const foreignFamily = await sessionFamily(t, elsewhere.commune, elsewhere.setUp);
    await bookAll(elsewhere.commune, foreign.id, [foreignFamily]);
    const foreignBooking = await bookingOf(foreign.id, foreignFamily);
    const booking = await bookingOf(session.id, family);

    const { client } = await deskAgent(t, c);
    await client.get(deskBase(c));
    expect((await client.get(`${deskBase(c)}/${foreign.id}`)).status).toBe(404);
    expect((await client.get(`${deskBase(c)}/pas-un-uuid`)).status).toBe(404);
    const crossed = await client.post(`${deskBase(c)}/${session.id}/retirer`, {
      bookingId: foreignBooking.id,
      confirmation: 'oui',
      reason: 'Intrus',
    });
    expect(crossed.status).toBe(404);
    expect(
      (
        await client.post(`${deskBase(c)}/${foreign.id}/retirer`, {
          bookingId: foreignBooking.id,
          confirmation: 'oui',
          reason: 'Intrus',
        })
      ).status,
    ).toBe(404);
    expect((await client.post(`${deskBase(c)}/${session.id}/inscrire`, { bookingId: 'pas-un-uuid' })).status).toBe(404);
    expect((await bookingOf(foreign.id, foreignFamily)).status).toBe('inscrit');

    const animateur = await deskAgent(t, c, { role: 'animateur' });
    const home = await animateur.client.get(`/${c.slug}/guichet`);
    expect(home.html).not.toContain(`href="${deskBase(c)}"`);
    for (const path of [deskBase(c), `${deskBase(c)}/${session.id}`]) {
      const page = await animateur.client.get(path);
      expect(page.status, path).toBe(404);
      expect(page.html).not.toContain(family.family.reference);
    }
    const tried = await animateur.client.post(`${deskBase(c)}/${session.id}/retirer`, {
      bookingId: booking.id,
      confirmation: 'oui',
      reason: 'Essai',
    });
    expect(tried.status).toBe(404);
    expect((await bookingOf(session.id, family)).status).toBe('inscrit');
  });
});
