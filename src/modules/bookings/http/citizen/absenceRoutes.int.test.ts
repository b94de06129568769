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
import { absences, bookings } from '../../bookingsSchema.js';

describe.each(testDatabases())('« Signaler une absence » on $name', ({ open }) => {
  const { t } = useTestApp(open);

  const written = async (commune: Commune) => {
    const { db } = t.container.database;
    const [asked] = await db.select({ n: count() }).from(requests).where(eq(requests.communeId, commune.id));
    const [reported] = await db.select({ n: count() }).from(absences).where(eq(absences.communeId, commune.id));
    return { requests: asked!.n, absences: reported!.n };
  };
  const absencesOf = (commune: Commune) =>
    t.container.database.db
      .select()
      .from(absences)
      .where(eq(absences.communeId, commune.id))
      .orderBy(absences.firstDay);

  /** A family whose child is enrolled in the canteen and the evening care, with the canteen booked on 17 and 19 November. */
  const start = async (now = '2026-11-17T08:59:00+01:00') => {
    // Set first: the parent logs in at that time, and a session does not outlive a jump of the clock.
    t.clock.set(now);
    const commune = await createCommune(t.container.communes);
    const { schoolYear, services } = await setUpServices(t.container, commune);
    const family = await linkedParent(t, commune);
    for (const service of [services.restauration, services.soir]) {
      await enrol(t.container, commune, {
        familyId: family.family.id,
        memberId: family.child.id,
        serviceId: service.id,
        schoolYearId: schoolYear.id,
      });
    }
    for (const day of ['2026-11-17', '2026-11-19']) {
      await t.container.database.db.insert(bookings).values({
        communeId: commune.id,
        familyId: family.family.id,
        memberId: family.child.id,
        serviceId: services.restauration.id,
        day,
        unit: 'jour',
        status: 'reserve',
        unitPriceCents: 355,
        bookedAt: t.clock.now(),
        bookedByKind: 'citizen',
        bookedById: family.citizen.id,
        source: 'famille',
      });
    }
    const path = `/${commune.slug}/ma-famille/absences/nouvelle`;
    await family.client.get(path);
    const form = (fields: Record<string, string> = {}) => ({
      memberId: family.child.id,
      firstDay: '17/11/2026',
      lastDay: '17/11/2026',
      [`service-${services.restauration.id}`]: 'oui',
      reason: 'maladie',
      note: 'Fièvre depuis cette nuit.',
      ...fields,
    });
    return { commune, services, family, path, form };
  };

  it('shows the child’s enrolled services, and records an illness reported at 08:59 with its request and the booked days it covers', async () => {
    const { commune, services, family, path, form } = await start();
    const page = await family.client.get(path);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const text = textOf(page.html);
    expect(text).toContain(`Enfant : Rémi ${family.child.lastName.toUpperCase()}`);
    expect(text).toContain('Restauration scolaire');
    expect(text).toContain('Accueil du soir');
    expect(text, 'only the services the child is enrolled in').not.toContain('Accueil de loisirs du mercredi');
    expect(text).toContain('au plus tard le jour même à 9 h');
    expect(text).toContain('Vous n’avez signalé aucune absence.');

    const sent = await family.client.post(
      path,
      form({ lastDay: '19/11/2026', [`service-${services.soir.id}`]: 'oui' }),
    );
    expect([sent.status, sent.location]).toEqual([303, `${path}?fait=maladie`]);
    const [absence] = await absencesOf(commune);
    expect(absence).toMatchObject({
      familyId: family.family.id,
      memberId: family.child.id,
      firstDay: '2026-11-17',
      lastDay: '2026-11-19',
      reason: 'maladie',
      note: 'Fièvre depuis cette nuit.',
      justified: false,
    });
    expect(new Set(absence!.serviceIds)).toEqual(new Set([services.restauration.id, services.soir.id]));
    const request = await requestRow(t, absence!.requestId!);
    expect(request).toMatchObject({ type: 'absence', status: 'deposee', memberId: family.child.id });
    expect(request!.summary).toBe(
      `Signalement d’absence : Rémi ${family.child.lastName.toUpperCase()}, du 17/11/2026 au 19/11/2026`,
    );

    const after = textOf((await family.client.follow()).html);
    expect(after).toContain('Transmettez-lui le certificat médical');
    expect(after).toContain('du 17/11/2026 au 19/11/2026');
    expect(after).toContain('Non justifiée — demande déposée');

    const { client: desk } = await deskAgent(t, commune);
    const deskPage = textOf((await desk.get(`/${commune.slug}/guichet/demandes/${request!.id}`)).html);
    for (const expected of [
      'Signalement d’absence',
      'Du mardi 17 novembre 2026 au jeudi 19 novembre 2026',
      'Motif',
      'Maladie',
      'Fièvre depuis cette nuit.',
      'Jours réservés concernés',
      '17/11/2026 : Restauration scolaire ; 19/11/2026 : Restauration scolaire',
    ]) {
      expect(deskPage, expected).toContain(expected);
    }
  });

  it('refuses an illness for today once 09:00 has passed, naming the guichet unique’s phone; another reason is still recorded', async () => {
    const { commune, family, path, form } = await start('2026-11-17T09:01:00+01:00');
    const before = await written(commune);
    const late = await family.client.post(path, form());
    expect(late.status).toBe(400);
    expect(summaryOf(late.html)).toEqual({
      firstDay:
        'Une maladie se signale en ligne jusqu’à 09:00 le jour même : pour aujourd’hui, contactez le guichet unique au 01 23 45 67 89. Pour les jours suivants, commencez l’absence demain.',
    });
    expect(late.html, 'what was typed comes back').toContain('value="17/11/2026"');
    expect(await written(commune)).toEqual(before);

    expect((await family.client.post(path, form({ firstDay: '18/11/2026', lastDay: '18/11/2026' }))).status).toBe(303);
    await family.client.get(path);
    const other = await family.client.post(path, form({ reason: 'autre', note: '' }));
    expect([other.status, other.location]).toEqual([303, `${path}?fait=autre`]);
    expect(textOf((await family.client.follow()).html)).toContain('Les jours réservés restent facturés.');
    expect((await absencesOf(commune)).map((a) => [a.firstDay, a.reason])).toEqual([
      ['2026-11-17', 'autre'],
      ['2026-11-18', 'maladie'],
    ]);
  });

  it('checks the range and the services, and answers a bad form with its errors (400), writing nothing', async () => {
    const { commune, services, family, path, form } = await start('2026-11-17T08:00:00+01:00');
    const before = await written(commune);
    const cases: [Record<string, string>, Record<string, string>][] = [
      [
        { firstDay: '16/11/2026', reason: 'autre' },
        {
          firstDay:
            'Ce jour est passé : une absence se signale en ligne à partir d’aujourd’hui. Pour un jour passé, contactez le guichet unique au 01 23 45 67 89.',
        },
      ],
      [{ lastDay: '16/11/2026' }, { lastDay: 'Le dernier jour doit être le premier jour ou un jour après.' }],
      [
        { lastDay: '18/12/2026' },
        {
          lastDay: 'Une absence se signale pour 31 jours au plus : signalez une absence plus longue en plusieurs fois.',
        },
      ],
      [
        { [`service-${services.restauration.id}`]: '' },
        { services: 'Cochez au moins un service concerné par l’absence.' },
      ],
      [
        { [`service-${services.mercredi.id}`]: 'oui' },
        { services: 'Cochez les services parmi ceux auxquels l’enfant est inscrit.' },
      ],
      [
        { firstDay: '31/02/2026', lastDay: '', reason: '', [`service-${services.restauration.id}`]: '' },
        {
          firstDay: 'Indiquez le premier jour au format JJ/MM/AAAA, par exemple 17/11/2026.',
          lastDay: 'Indiquez le dernier jour de l’absence (le même jour pour une seule journée).',
          services: 'Cochez au moins un service concerné par l’absence.',
          reason: 'Choisissez le motif : maladie ou autre motif.',
        },
      ],
    ];
    for (const [fields, errors] of cases) {
      const page = await family.client.post(path, form(fields));
      expect(page.status, JSON.stringify(fields)).toBe(400);
      expect(summaryOf(page.html), JSON.stringify(fields)).toEqual(errors);
      expect(page.html).toContain('<title>Erreur : Signaler une absence');
    }
    expect((await family.client.post(path, form({ lastDay: '17/12/2026' }))).status, '31 days').toBe(303);
    expect((await written(commune)).absences).toBe(before.absences + 1);
  });

  it('justifies an illness when the agent accepts it; another reason accepted, or an illness refused, stays unjustified', async () => {
    const { commune, services, family, path, form } = await start('2026-11-16T18:00:00+01:00');
    await family.client.post(path, form({ lastDay: '18/11/2026', [`service-${services.soir.id}`]: 'oui' }));
    await family.client.get(path);
    await family.client.post(path, form({ firstDay: '19/11/2026', lastDay: '19/11/2026', reason: 'autre' }));
    await family.client.get(path);
    await family.client.post(path, form({ firstDay: '20/11/2026', lastDay: '20/11/2026' }));
    const [illness, other, refused] = await absencesOf(commune);
    expect([illness, other, refused].map((a) => a!.firstDay)).toEqual(['2026-11-17', '2026-11-19', '2026-11-20']);

    const { client: desk } = await deskAgent(t, commune);
    const decide = async (requestId: string, decision: string, explanation = '') => {
      const deskPath = `/${commune.slug}/guichet/demandes/${requestId}`;
      const answer = await desk.post(`${deskPath}/decision`, {
        decision,
        explanation,
        version: versionIn((await desk.get(deskPath)).html),
      });
      expect(answer.status).toBe(303);
    };
    await decide(illness!.requestId!, 'accepter');
    await decide(other!.requestId!, 'accepter');
    await decide(refused!.requestId!, 'refuser', 'Le certificat médical ne correspond pas à ces dates.');
    expect((await absencesOf(commune)).map((a) => [a.firstDay, a.justified])).toEqual([
      ['2026-11-17', true],
      ['2026-11-19', false],
      ['2026-11-20', false],
    ]);

    const covered = await t.container.absences.justifiedDays(commune.id, family.child.id, '2026-11-01', '2026-11-30');
    const byDay = (day: string) =>
      covered
        .filter((c) => c.day === day)
        .map((c) => c.serviceId)
        .sort();
    expect(covered.map((c) => c.day)).toEqual(['2026-11-17', '2026-11-17', '2026-11-18', '2026-11-18']);
    expect(byDay('2026-11-17')).toEqual([services.restauration.id, services.soir.id].sort());
    expect(
      await t.container.absences.justifiedDays(commune.id, family.child.id, '2026-11-18', '2026-11-19'),
    ).toHaveLength(2);
    expect(await t.container.absences.justifiedDays(commune.id, family.child.id, '2026-11-19', '2026-11-30')).toEqual(
      [],
    );

    const list = textOf((await family.client.get(path)).html);
    expect(list).toContain('Justifiée — demande acceptée');
    expect(list).toContain('Non justifiée — demande refusée');
  });

  it('answers another family’s child with 404 and writes nothing', async () => {
    const { commune, services, family, path, form } = await start();
    const other = await linkedParent(t, commune);
    const before = await written(commune);
    for (const memberId of [other.child.id, 'pas-un-uuid', '7d0f3a52-9c1e-4b6a-8f2d-3e5b6c7d8e9f', '']) {
      const page = await family.client.post(path, form({ memberId, [`service-${services.restauration.id}`]: 'oui' }));
      expect(page.status, memberId).toBe(404);
      expect(page.html.toLowerCase()).not.toContain(other.family.reference.toLowerCase());
    }
    for (const membre of [other.child.id, 'pas-un-uuid'])
      expect((await family.client.get(`${path}?membre=${membre}`)).status).toBe(404);
    expect(await written(commune)).toEqual(before);
  });
});
