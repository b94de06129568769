import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { linkedParent } from '../../../../../test/familyFactories.js';
import { deskAgent, requestRow, versionIn } from '../../../../../test/requestFactories.js';
import { enrol, setUpServices } from '../../../../../test/serviceFactories.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { requests } from '../../../requests/requestsSchema.js';
import { enrolments, schoolYears } from '../../servicesSchema.js';

describe.each(testDatabases())('« Créer une inscription » on $name', ({ open }) => {
  const { t } = useTestApp(open);

  const pathOf = (commune: Commune) => `/${commune.slug}/ma-famille/inscriptions/nouvelle`;
  const written = async (commune: Commune) => {
    const { db } = t.container.database;
    const [asked] = await db.select({ n: count() }).from(requests).where(eq(requests.communeId, commune.id));
    const [held] = await db.select({ n: count() }).from(enrolments).where(eq(enrolments.communeId, commune.id));
    return { requests: asked!.n, enrolments: held!.n };
  };
  const requestsOf = (commune: Commune) =>
    t.container.database.db.select().from(requests).where(eq(requests.communeId, commune.id));

  /** A commune with its services, and a family whose représentante is logged in, on the form. */
  const start = async () => {
    const commune = await createCommune(t.container.communes);
    const setUp = await setUpServices(t.container, commune);
    const family = await linkedParent(t, commune);
    const path = pathOf(commune);
    await family.client.get(path);
    return { commune, ...setUp, family, path };
  };

  it('is one of the actions of « Ma famille », beside the reservations, the absences and the holiday activities', async () => {
    const { commune, family } = await start();
    const page = await family.client.get(`/${commune.slug}/ma-famille`);
    expect(page.status).toBe(200);
    const base = `/${commune.slug}/ma-famille`;
    for (const [href, label] of [
      [`${base}/reservations`, 'Modifier les réservations'],
      [`${base}/inscriptions/nouvelle`, 'Créer une inscription'],
      [`${base}/absences/nouvelle`, 'Signaler une absence'],
      [`${base}/activites-vacances`, 'Activités vacances'],
    ]) {
      expect(page.html, label).toContain(`<a href="${href}">${label}</a>`);
    }
  });

  it('lists the services with their documents, files the request, and the agent’s acceptance enrols the child', async () => {
    const { commune, services, schoolYear, family, path } = await start();
    const page = await family.client.get(path);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const text = textOf(page.html);
    const child = `Rémi ${family.child.lastName.toUpperCase()}`;
    for (const expected of [
      child,
      'Accueil de loisirs du mercredi',
      'Restauration scolaire',
      '2026-2027 (du 01/09/2026 au 02/07/2027)',
      'Aucune pièce à fournir.',
      'elle permet ensuite de réserver les sessions dans « Activités vacances »',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).toContain('Pièces à fournir : Carnet de vaccination ; Attestation d’assurance extrascolaire.');
    expect(text).toContain('Aucun enfant de votre dossier n’est inscrit à un service.');
    // The only open year comes ticked.
    expect(page.html).toMatch(new RegExp(`name="schoolYearId" value="${schoolYear.id}" checked`));
    // So does the family's only child.
    expect(page.html).toMatch(new RegExp(`name="memberId" value="${family.child.id}" checked`));

    const named = textOf((await family.client.get(`${path}?service=${services.mercredi.id}`)).html);
    expect(named).toContain(
      'Pour « Accueil de loisirs du mercredi », le guichet unique demande : Carnet de vaccination Attestation d’assurance extrascolaire',
    );

    const sent = await family.client.post(path, {
      memberId: family.child.id,
      serviceId: services.mercredi.id,
      schoolYearId: schoolYear.id,
    });
    expect([sent.status, sent.location]).toEqual([303, `${path}?fait=demande`]);
    const [made] = await requestsOf(commune);
    expect(made).toMatchObject({
      type: 'inscription',
      status: 'deposee',
      memberId: family.child.id,
      summary: `Inscription à un service : ${child} — Accueil de loisirs du mercredi (2026-2027)`,
    });
    const after = await family.client.follow();
    expect(textOf(after.html)).toContain('Votre demande d’inscription est transmise au guichet unique.');
    expect(after.html).toContain(`href="/${commune.slug}/mon-tableau-de-bord/demandes/${made!.id}"`);
    expect(textOf(after.html)).toContain('Déposée');

    const { client: desk } = await deskAgent(t, commune);
    const deskPath = `/${commune.slug}/guichet/demandes/${made!.id}`;
    const seen = await desk.get(deskPath);
    const deskText = textOf(seen.html);
    for (const expected of [
      'Inscription à un service',
      'Enfant',
      child,
      'Service',
      'Année scolaire',
      '2026-2027',
      'Pièces à fournir',
      'Carnet de vaccination ; Attestation d’assurance extrascolaire',
    ]) {
      expect(deskText, expected).toContain(expected);
    }
    expect(
      await t.container.catalogue.isEnrolled(commune.id, family.child.id, services.mercredi.id, '2026-11-18'),
    ).toBe(false);
    const accepted = await desk.post(`${deskPath}/decision`, {
      decision: 'accepter',
      explanation: '',
      version: versionIn(seen.html),
    });
    expect([accepted.status, accepted.location]).toEqual([303, `${deskPath}?fait=decision`]);
    expect((await requestRow(t, made!.id))!.status).toBe('acceptee');
    expect(
      await t.container.catalogue.isEnrolled(commune.id, family.child.id, services.mercredi.id, '2026-11-18'),
    ).toBe(true);
    const [enrolment] = await t.container.catalogue.enrolmentsOf(commune.id, family.child.id);
    expect(enrolment).toMatchObject({
      familyId: family.family.id,
      serviceId: services.mercredi.id,
      schoolYearId: schoolYear.id,
      requestId: made!.id,
      status: 'active',
    });

    const listed = textOf((await family.client.get(path)).html);
    expect(listed).toContain(
      `Vos inscriptions Les inscriptions de vos enfants Enfant Service Année scolaire ${child} Accueil de loisirs du mercredi 2026-2027`,
    );
    expect(listed).toContain('Aucune demande d’inscription n’attend la décision du guichet unique.');
  });

  it('refuses an inscription the child already holds, or already asked for, and writes nothing', async () => {
    const { commune, services, schoolYear, family, path } = await start();
    await enrol(t.container, commune, {
      familyId: family.family.id,
      memberId: family.child.id,
      serviceId: services.restauration.id,
      schoolYearId: schoolYear.id,
    });
    const before = await written(commune);
    const held = await family.client.post(path, {
      memberId: family.child.id,
      serviceId: services.restauration.id,
      schoolYearId: schoolYear.id,
    });
    expect(held.status).toBe(400);
    expect(summaryOf(held.html)).toEqual({
      serviceId: 'Rémi est déjà inscrit à « Restauration scolaire » pour l’année 2026-2027.',
    });
    expect(held.html, 'the choices come back ticked').toMatch(
      new RegExp(`value="${services.restauration.id}" checked`),
    );
    expect(await written(commune)).toEqual(before);

    expect(
      (
        await family.client.post(path, {
          memberId: family.child.id,
          serviceId: services.soir.id,
          schoolYearId: schoolYear.id,
        })
      ).status,
    ).toBe(303);
    const asked = await family.client.post(path, {
      memberId: family.child.id,
      serviceId: services.soir.id,
      schoolYearId: schoolYear.id,
    });
    expect(asked.status).toBe(400);
    expect(summaryOf(asked.html)).toEqual({
      serviceId:
        'Une demande d’inscription de Rémi à « Accueil du soir » pour l’année 2026-2027 est déjà en cours : suivez-la dans vos demandes.',
    });
    expect((await written(commune)).requests).toBe(before.requests + 1);

    // Once that request is closed, the family may ask again.
    const [open] = await requestsOf(commune);
    expect(
      (
        await t.container.requests.cancel(commune, family.family.id, open!.id, {
          kind: 'citizen',
          id: family.citizen.id,
          label: 'Aurélie',
        })
      ).ok,
    ).toBe(true);
    await family.client.get(path);
    expect(
      (
        await family.client.post(path, {
          memberId: family.child.id,
          serviceId: services.soir.id,
          schoolYearId: schoolYear.id,
        })
      ).status,
    ).toBe(303);
  });

  it('makes one request of simultaneous submissions of the same inscription', async () => {
    const { commune, services, schoolYear, family, path } = await start();
    const fields = { memberId: family.child.id, serviceId: services.matin.id, schoolYearId: schoolYear.id };
    const answers = await Promise.all(Array.from({ length: 6 }, () => family.client.post(path, fields)));
    expect(answers.map((a) => a.status).sort()).toEqual([303, 400, 400, 400, 400, 400]);
    const made = await requestsOf(commune);
    expect(made).toHaveLength(1);
    expect(made[0]!.type).toBe('inscription');
  });

  it('answers a bad form with its errors (400) and another family’s child with 404, writing nothing', async () => {
    const { commune, services, schoolYear, family, path } = await start();
    const other = await linkedParent(t, commune);
    const [ended] = await t.container.database.db
      .insert(schoolYears)
      .values({
        communeId: commune.id,
        label: '2025-2026',
        startsOn: '2025-09-01',
        endsOn: '2026-07-03',
        rentreeWindowEndsOn: '2025-09-30',
      })
      .returning();
    const page = await family.client.get(path);
    expect(textOf(page.html), 'an ended year is not offered').not.toContain('2025-2026');
    const before = await written(commune);

    const empty = await family.client.post(path, {});
    expect(empty.status).toBe(400);
    expect(summaryOf(empty.html)).toEqual({
      memberId: 'Choisissez l’enfant à inscrire.',
      serviceId: 'Choisissez le service auquel inscrire l’enfant.',
      schoolYearId: 'Choisissez l’année scolaire.',
    });
    expect(empty.html).toContain('<title>Erreur : Créer une inscription');
    expect(empty.html).toContain('href="#champ-serviceId"');
    expect(empty.html).toContain('id="champ-serviceId"');

    const wrong = await family.client.post(path, {
      memberId: family.child.id,
      serviceId: '7d0f3a52-9c1e-4b6a-8f2d-3e5b6c7d8e9f',
      schoolYearId: ended!.id,
    });
    expect(wrong.status).toBe(400);
    expect(summaryOf(wrong.html)).toEqual({
      serviceId: 'Choisissez un service dans la liste.',
      schoolYearId: 'Choisissez une année scolaire dans la liste.',
    });

    for (const memberId of [other.child.id, 'pas-un-uuid', '7d0f3a52-9c1e-4b6a-8f2d-3e5b6c7d8e9f']) {
      const stranger = await family.client.post(path, {
        memberId,
        serviceId: services.matin.id,
        schoolYearId: schoolYear.id,
      });
      expect(stranger.status, memberId).toBe(404);
      expect(stranger.html.toLowerCase()).not.toContain(other.family.reference.toLowerCase());
    }
    expect(await written(commune)).toEqual(before);
  });

  it('keeps an acceptance that cannot be applied from writing: the child was enrolled meanwhile', async () => {
    const { commune, services, schoolYear, family, path } = await start();
    await family.client.post(path, {
      memberId: family.child.id,
      serviceId: services.vacances.id,
      schoolYearId: schoolYear.id,
    });
    const [made] = await requestsOf(commune);
    await enrol(t.container, commune, {
      familyId: family.family.id,
      memberId: family.child.id,
      serviceId: services.vacances.id,
      schoolYearId: schoolYear.id,
    });
    const { client: desk } = await deskAgent(t, commune);
    const deskPath = `/${commune.slug}/guichet/demandes/${made!.id}`;
    const refused = await desk.post(`${deskPath}/decision`, {
      decision: 'accepter',
      explanation: '',
      version: versionIn((await desk.get(deskPath)).html),
    });
    expect(refused.status).toBe(409);
    expect(textOf(refused.html)).toContain(
      'a déjà une inscription à « Activités vacances » pour l’année 2026-2027 : refusez cette demande',
    );
    expect((await requestRow(t, made!.id))!.status).toBe('deposee');
    expect((await written(commune)).enrolments).toBe(1);
  });
});
