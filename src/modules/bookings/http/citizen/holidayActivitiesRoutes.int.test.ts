import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { loggedIn, summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { waitForMail } from '../../../../../test/mailbox.js';
import { type TestServices, createSession, setUpServices } from '../../../../../test/serviceFactories.js';
import { bookingsOfSession, sessionFamily, sessionRow } from '../../../../../test/sessionFactories.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { sessionBookings } from '../../bookingsSchema.js';

type Family = Awaited<ReturnType<typeof sessionFamily>>;

describe.each(testDatabases())('« Activités vacances » on the family’s side on $name', ({ open }) => {
  const { t } = useTestApp(open);

  /** A commune with the standard services; « now » is 2026-11-02 12:00, four weeks and more before the Christmas sessions. */
  async function commune(): Promise<{ commune: Commune; setUp: TestServices }> {
    t.clock.set('2026-11-02T12:00:00+01:00');
    const made = await createCommune(t.container.communes);
    return { commune: made, setUp: await setUpServices(t.container, made) };
  }
  const pagePath = (c: Commune) => `/${c.slug}/ma-famille/activites-vacances`;
  const bookPath = (c: Commune, sessionId: string) => `${pagePath(c)}/${sessionId}/reserver`;
  const cancelPath = (c: Commune, sessionId: string) => `${pagePath(c)}/${sessionId}/annuler`;

  /** The family confirms a booking as the confirmation step does (the page first, for its form's token). */
  async function book(c: Commune, family: Family, sessionId: string, extra: Record<string, string> = {}) {
    await family.client.get(pagePath(c));
    return family.client.post(bookPath(c, sessionId), { memberId: family.child.id, confirmation: 'oui', ...extra });
  }
  async function cancel(c: Commune, family: Family, sessionId: string) {
    await family.client.get(pagePath(c));
    return family.client.post(cancelPath(c, sessionId), { memberId: family.child.id, confirmation: 'oui' });
  }
  const pageText = async (c: Commune, family: Family) => textOf((await family.client.get(pagePath(c))).html);

  it('shows the family’s sessions when a step’s address is opened again (back, reload), at the family’s tariff; 404 for a session of no one', async () => {
    const { commune: c, setUp } = await commune();
    const family = await sessionFamily(t, c, setUp);
    const session = await createSession(t.container, c, setUp.services.vacances.id, { places: 3 });
    for (const path of [bookPath(c, session.id), cancelPath(c, session.id)]) {
      const page = await family.client.get(path);
      expect(page.status, path).toBe(200);
      expect(textOf(page.html)).toContain('Stage multisport');
    }
    // No price per bracket set: the session's own price.
    expect(await pageText(c, family)).toContain('60,00 €, au tarif de votre famille');
    expect((await family.client.get(bookPath(c, '00000000-0000-4000-8000-000000000000'))).status).toBe(404);
  });

  it('lists the sessions open to the child, books one through its confirmation step and shows the place taken', async () => {
    const { commune: c, setUp } = await commune();
    const family = await sessionFamily(t, c, setUp);
    const session = await createSession(t.container, c, setUp.services.vacances.id, { places: 3 });
    await createSession(t.container, c, setUp.services.vacances.id, { name: 'Stage ados', minAge: 12, maxAge: 17 });

    const page = await family.client.get(pagePath(c));
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const text = textOf(page.html);
    for (const expected of [
      'Activités vacances',
      `Rémi ${family.child.lastName.toUpperCase()}`,
      'Stage multisport',
      'du lundi 21 décembre 2026 au jeudi 24 décembre 2026',
      'de 6 à 11 ans',
      '60,00 €',
      '3 places restantes',
      'Modifiable jusqu’au lundi 23 novembre 2026 à 23:59',
    ]) {
      expect(text, expected).toContain(expected);
    }
    // Rémi is 8 on 21 December: the session for teenagers is not his.
    expect(text).not.toContain('Stage ados');
    expect(page.html).toContain(`action="${bookPath(c, session.id)}"`);

    const step = await family.client.post(bookPath(c, session.id), { memberId: family.child.id });
    expect(step.status).toBe(200);
    expect(textOf(step.html)).toContain('Confirmer la réservation');
    expect(textOf(step.html)).toContain('Vous pourrez annuler sans frais jusqu’au lundi 23 novembre 2026 à 23:59');
    expect(textOf(step.html)).not.toContain('Majoration');
    expect(await bookingsOfSession(t, session.id)).toEqual([]);

    const done = await family.client.post(bookPath(c, session.id), { memberId: family.child.id, confirmation: 'oui' });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${pagePath(c)}?fait=inscrit`);
    const after = textOf((await family.client.follow()).html);
    expect(after).toContain('La réservation est enregistrée');
    expect(after).toContain('Inscrit à cette session');
    expect(after).toContain('2 places restantes');
    const [row] = await bookingsOfSession(t, session.id);
    expect(row).toMatchObject({
      status: 'inscrit',
      familyId: family.family.id,
      memberId: family.child.id,
      position: null,
      late: false,
      priceCents: 6000,
      majorationRule: null,
      majorationCents: 0,
    });
    expect((await sessionRow(t, session.id)).booked).toBe(1);

    // The same booking again: « déjà inscrit », nothing more written.
    const again = await book(c, family, session.id);
    expect(again.location).toBe(`${pagePath(c)}?fait=deja`);
    expect(textOf((await family.client.follow()).html)).toContain('déjà inscrit');
    expect(await bookingsOfSession(t, session.id)).toHaveLength(1);
    expect((await sessionRow(t, session.id)).booked).toBe(1);
  });

  it('puts children on the waiting list once the session is full, each with their position among those still waiting', async () => {
    const { commune: c, setUp } = await commune();
    const session = await createSession(t.container, c, setUp.services.vacances.id, { places: 1 });
    const [first, second, third] = [
      await sessionFamily(t, c, setUp),
      await sessionFamily(t, c, setUp),
      await sessionFamily(t, c, setUp),
    ];

    expect((await book(c, first!, session.id)).location).toBe(`${pagePath(c)}?fait=inscrit`);
    const full = await second!.client.get(pagePath(c));
    expect(textOf(full.html)).toContain('Complet');
    expect(textOf(full.html)).toContain('S’inscrire sur la liste d’attente');
    const step = await second!.client.post(bookPath(c, session.id), { memberId: second!.child.id });
    expect(textOf(step.html)).toContain(
      'Cette session est complète : en confirmant, Rémi sera inscrit sur sa liste d’attente.',
    );

    expect((await book(c, second!, session.id)).location).toBe(`${pagePath(c)}?fait=attente`);
    expect((await book(c, third!, session.id)).location).toBe(`${pagePath(c)}?fait=attente`);
    expect(await pageText(c, second!)).toContain('Liste d’attente : position 1');
    expect(await pageText(c, third!)).toContain('Liste d’attente : position 2');
    expect(await sessionRow(t, session.id)).toMatchObject({ booked: 1, waitlistNext: 2 });

    // The second leaves the list: nothing is charged, nobody is promoted, the third moves up.
    const leave = await second!.client.post(cancelPath(c, session.id), { memberId: second!.child.id });
    expect(textOf(leave.html)).toContain('Rémi quittera la liste d’attente de cette session.');
    expect((await cancel(c, second!, session.id)).location).toBe(`${pagePath(c)}?fait=attente-quittee`);
    expect(await pageText(c, third!)).toContain('Liste d’attente : position 1');
    const rows = await bookingsOfSession(t, session.id);
    const of = (family: Family) => rows.find((r) => r.memberId === family.child.id);
    expect(rows).toHaveLength(3);
    expect(of(first!)).toMatchObject({ status: 'inscrit', position: null });
    expect(of(second!)).toMatchObject({ status: 'annule', position: 1, cancelledLate: false });
    expect(of(third!)).toMatchObject({ status: 'attente', position: 2 });
    expect(await sessionRow(t, session.id)).toMatchObject({ booked: 1, waitlistNext: 2 });
  });

  it('cancels on time without charge, and the promotion job gives the freed place to the first waiting, with its mail', async () => {
    const { commune: c, setUp } = await commune();
    const session = await createSession(t.container, c, setUp.services.vacances.id, { places: 1 });
    const holder = await sessionFamily(t, c, setUp);
    const waiting = await sessionFamily(t, c, setUp);
    const next = await sessionFamily(t, c, setUp);
    await book(c, holder, session.id);
    await book(c, waiting, session.id);
    await book(c, next, session.id);

    const step = await holder.client.post(cancelPath(c, session.id), { memberId: holder.child.id });
    expect(step.status).toBe(200);
    expect(textOf(step.html)).toContain('L’annulation est faite dans le délai : elle ne sera pas facturée.');
    const done = await cancel(c, holder, session.id);
    expect(done.location).toBe(`${pagePath(c)}?fait=annulee`);
    expect(textOf((await holder.client.follow()).html)).toContain('La réservation est annulée, sans frais.');

    const mail = await waitForMail(
      t.container.database.db,
      (m) => m.to === waiting.citizen.email && m.subject.startsWith('Une place s’est libérée'),
    );
    expect(mail.text).toContain(
      'Une place s’est libérée pour la session « Stage multisport » (du lundi 21 décembre 2026 au jeudi 24 décembre 2026) : elle est attribuée à Rémi',
    );
    expect(mail.text).toContain(`/${c.slug}/ma-famille/activites-vacances`);
    expect(mail.text).toContain('avant le 23/11/2026 à 23:59');
    const rows = await bookingsOfSession(t, session.id);
    expect(rows.find((r) => r.memberId === holder.child.id)).toMatchObject({ status: 'annule', cancelledLate: false });
    expect(rows.find((r) => r.memberId === waiting.child.id)).toMatchObject({ status: 'inscrit', position: 1 });
    expect(rows.find((r) => r.memberId === waiting.child.id)!.promotedAt).not.toBeNull();
    expect(rows.find((r) => r.memberId === next.child.id)).toMatchObject({ status: 'attente', position: 2 });
    expect(await sessionRow(t, session.id)).toMatchObject({ booked: 1, waitlistNext: 2 });
    expect(await pageText(c, waiting)).toContain('Inscrit à cette session');
    expect(await pageText(c, next)).toContain('Liste d’attente : position 1');
  });

  it('after the deadline: shows the majoration before confirming, records it, and keeps a late cancellation billable; after the cut-off, refuses', async () => {
    const { commune: c, setUp } = await commune();
    const session = await createSession(t.container, c, setUp.services.vacances.id);
    // One second after the deadline (2026-11-23 at 23:59:59); the family logs in then.
    t.clock.set('2026-11-24T00:00:00+01:00');
    const family = await sessionFamily(t, c, setUp);
    const text = await pageText(c, family);
    expect(text).toContain(
      'Avec majoration depuis le lundi 23 novembre 2026 à 23:59 : réservation possible jusqu’au dimanche 20 décembre 2026 à 10:00 avec une majoration de +50 % (30,00 €)',
    );

    const step = await family.client.post(bookPath(c, session.id), { memberId: family.child.id });
    const stepText = textOf(step.html);
    expect(stepText).toContain('Majoration +50 % : 30,00 €');
    expect(stepText).toContain('Total 90,00 €');
    // Confirmed without acknowledging the majoration: the step again, with the error, nothing written.
    const unticked = await family.client.post(bookPath(c, session.id), {
      memberId: family.child.id,
      confirmation: 'oui',
    });
    expect(unticked.status).toBe(400);
    expect(Object.keys(summaryOf(unticked.html))).toEqual(['majoration']);
    expect(await bookingsOfSession(t, session.id)).toEqual([]);

    const done = await book(c, family, session.id, { majoration: 'oui' });
    expect(done.location).toBe(`${pagePath(c)}?fait=inscrit`);
    const [row] = await bookingsOfSession(t, session.id);
    expect(row).toMatchObject({
      status: 'inscrit',
      late: true,
      priceCents: 6000,
      majorationRule: '+50\u00a0%',
      majorationCents: 3000,
    });
    expect(await pageText(c, family)).toContain('réservation avec majoration +50 % : 30,00 €');

    const cancelStep = await family.client.post(cancelPath(c, session.id), { memberId: family.child.id });
    expect(textOf(cancelStep.html)).toContain('la session restera facturée (90,00 €)');
    const cancelled = await cancel(c, family, session.id);
    expect(cancelled.location).toBe(`${pagePath(c)}?fait=annulee-tardive`);
    expect((await bookingsOfSession(t, session.id))[0]).toMatchObject({
      status: 'annule',
      cancelledLate: true,
      majorationCents: 3000,
    });
    expect((await sessionRow(t, session.id)).booked).toBe(0);

    // Booked again, then the cut-off (the day before at 10:00) passes: neither booking nor cancelling online.
    await book(c, family, session.id, { majoration: 'oui' });
    t.clock.set('2026-12-20T10:00:01+01:00');
    const other = await sessionFamily(t, c, setUp);
    const refused = await book(c, other, session.id);
    expect(refused.status).toBe(409);
    expect(textOf(refused.html)).toContain(
      'Les réservations en ligne de cette session sont closes depuis le dimanche 20 décembre 2026 à 10:00',
    );
    const client = await loggedIn(t, c, family.citizen.username, family.citizen.password);
    await client.get(pagePath(c));
    const lateCancel = await client.post(cancelPath(c, session.id), { memberId: family.child.id, confirmation: 'oui' });
    expect(lateCancel.status).toBe(409);
    expect(textOf(lateCancel.html)).toContain('n’est plus possible');
    expect((await bookingsOfSession(t, session.id)).filter((r) => r.status === 'inscrit')).toHaveLength(1);
  });

  it('refuses a child outside the ages, and one without an inscription to the service, linking to « Créer une inscription »', async () => {
    const { commune: c, setUp } = await commune();
    const session = await createSession(t.container, c, setUp.services.vacances.id);
    const young = await sessionFamily(t, c, setUp, { birthDate: '2022-01-10' });
    const notEnrolled = await sessionFamily(t, c, setUp, { enrolled: false });

    expect(await pageText(c, young)).toContain('Aucune session à venir n’est ouverte à l’âge de Rémi.');
    const tooYoung = await book(c, young, session.id);
    expect(tooYoung.status).toBe(409);
    expect(textOf(tooYoung.html)).toContain(
      'Cette session est ouverte aux enfants de 6 à 11 ans le premier jour ; Rémi aura 4 ans.',
    );

    const page = await notEnrolled.client.get(pagePath(c));
    expect(textOf(page.html)).toContain(
      'Rémi n’a pas d’inscription au service « Activités vacances » pour cette année scolaire',
    );
    expect(page.html).toContain(`href="/${c.slug}/ma-famille/inscriptions/nouvelle"`);
    expect(page.html).not.toContain(`action="${bookPath(c, session.id)}"`);
    const refused = await book(c, notEnrolled, session.id);
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('Créer une inscription');
    expect(await bookingsOfSession(t, session.id)).toEqual([]);
    expect((await sessionRow(t, session.id)).booked).toBe(0);
  });

  it('answers 404 for another family’s child, another commune’s session or no uuid, and 400 for a form without a child', async () => {
    const { commune: c, setUp } = await commune();
    const session = await createSession(t.container, c, setUp.services.vacances.id);
    const owner = await sessionFamily(t, c, setUp);
    const stranger = await sessionFamily(t, c, setUp);
    await book(c, owner, session.id);
    const elsewhere = await commune();
    const foreign = await createSession(t.container, elsewhere.commune, elsewhere.setUp.services.vacances.id);

    await stranger.client.get(pagePath(c));
    for (const path of [cancelPath(c, session.id), bookPath(c, session.id)]) {
      for (const fields of [{ memberId: owner.child.id }, { memberId: owner.child.id, confirmation: 'oui' }] as Record<
        string,
        string
      >[]) {
        const page = await stranger.client.post(path, fields);
        expect(page.status, `${path} ${JSON.stringify(fields)}`).toBe(404);
        expect(page.html).not.toContain(owner.family.reference);
      }
    }
    for (const sessionId of [foreign.id, 'pas-un-uuid', '7d0f3a52-9c1e-4b6a-8f2d-3e5b6c7d8e9f']) {
      expect(
        (await owner.client.post(bookPath(c, sessionId), { memberId: owner.child.id, confirmation: 'oui' })).status,
      ).toBe(404);
      expect(
        (await owner.client.post(cancelPath(c, sessionId), { memberId: owner.child.id, confirmation: 'oui' })).status,
      ).toBe(404);
    }
    expect(
      (await owner.client.post(bookPath(c, session.id), { memberId: 'pas-un-uuid', confirmation: 'oui' })).status,
    ).toBe(404);

    const incomplete = await owner.client.post(bookPath(c, session.id), { confirmation: 'oui' });
    expect(incomplete.status).toBe(400);
    expect(textOf(incomplete.html)).toContain('Le formulaire est incomplet');
    expect((await owner.client.post(cancelPath(c, session.id), {})).status).toBe(400);

    const rows = await t.container.database.db
      .select()
      .from(sessionBookings)
      .where(eq(sessionBookings.sessionId, session.id));
    expect(rows.map((r) => [r.memberId, r.status])).toEqual([[owner.child.id, 'inscrit']]);
    expect(await bookingsOfSession(t, foreign.id)).toEqual([]);
    // The stranger's own child has nothing to cancel there: said on the page, nothing written.
    const nothing = await stranger.client.post(cancelPath(c, session.id), {
      memberId: stranger.child.id,
      confirmation: 'oui',
    });
    expect(nothing.status).toBe(409);
    expect(textOf(nothing.html)).toContain(
      'Rémi n’a pas de réservation pour la session « Stage multisport » : il n’y a rien à annuler.',
    );
  });
});
