import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { summaryOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { linkedParent } from '../../../../../test/familyFactories.js';
import { deskAgent, versionIn } from '../../../../../test/requestFactories.js';
import { enrol, setUpServices } from '../../../../../test/serviceFactories.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { requests } from '../../../requests/requestsSchema.js';
import { absences } from '../../bookingsSchema.js';

/** The same absence reported twice (a double click, both parents at once): one absence, one request. */
describe.each(testDatabases())('an absence reported twice, on $name', ({ open }) => {
  const { t } = useTestApp(open);

  const written = async (commune: Commune) => {
    const { db } = t.container.database;
    const [asked] = await db.select({ n: count() }).from(requests).where(eq(requests.communeId, commune.id));
    const [reported] = await db.select({ n: count() }).from(absences).where(eq(absences.communeId, commune.id));
    return { requests: asked!.n, absences: reported!.n };
  };

  const start = async () => {
    t.clock.set('2026-11-16T18:00:00+01:00');
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
    const path = `/${commune.slug}/ma-famille/absences/nouvelle`;
    await family.client.get(path);
    const form = (fields: Record<string, string> = {}) => ({
      memberId: family.child.id,
      firstDay: '17/11/2026',
      lastDay: '18/11/2026',
      [`service-${services.restauration.id}`]: 'oui',
      reason: 'maladie',
      note: '',
      ...fields,
    });
    return { commune, services, family, path, form };
  };

  it('records one of ten identical reports sent at once, and refuses the others with a 400 saying where to follow the first', async () => {
    const { commune, family, path, form } = await start();
    const answers = await Promise.all(Array.from({ length: 10 }, () => family.client.post(path, form())));
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, ...Array(9).fill(400)]);
    expect(await written(commune)).toEqual({ requests: 1, absences: 1 });
    const refused = answers.find((answer) => answer.status === 400)!;
    expect(summaryOf(refused.html)).toEqual({
      firstDay:
        'Une absence de Rémi est déjà signalée du 17/11/2026 au 18/11/2026 pour Restauration scolaire (demande déposée) : ces jours n’ont pas à être signalés deux fois. Suivez-la dans « Dernières demandes », ou choisissez d’autres jours ou d’autres services.',
    });
  });

  it('refuses a report sharing a day and a service with an open or accepted one; another service, another day, or after a refusal, is recorded', async () => {
    const { commune, services, family, path, form } = await start();
    expect((await family.client.post(path, form())).status).toBe(303);
    await family.client.get(path);
    const before = await written(commune);
    const overlapping: Record<string, string>[] = [
      { firstDay: '18/11/2026', lastDay: '20/11/2026' },
      { firstDay: '17/11/2026', lastDay: '17/11/2026', reason: 'autre' },
    ];
    for (const fields of overlapping) {
      const page = await family.client.post(path, form({ ...fields, [`service-${services.soir.id}`]: 'oui' }));
      expect(page.status, JSON.stringify(fields)).toBe(400);
    }
    expect(await written(commune)).toEqual(before);

    expect(
      (
        await family.client.post(
          path,
          form({ [`service-${services.restauration.id}`]: '', [`service-${services.soir.id}`]: 'oui' }),
        )
      ).status,
      'another service',
    ).toBe(303);
    await family.client.get(path);
    expect(
      (await family.client.post(path, form({ firstDay: '19/11/2026', lastDay: '19/11/2026' }))).status,
      'the next day',
    ).toBe(303);

    // Accepted, it still stands; refused, the days can be reported again.
    const { client: desk } = await deskAgent(t, commune);
    const rows = await t.container.database.db
      .select()
      .from(absences)
      .where(eq(absences.communeId, commune.id))
      .orderBy(absences.firstDay, absences.reportedAt);
    const decide = async (requestId: string, decision: string) => {
      const deskPath = `/${commune.slug}/guichet/demandes/${requestId}`;
      const answer = await desk.post(`${deskPath}/decision`, {
        decision,
        explanation: 'Vu.',
        version: versionIn((await desk.get(deskPath)).html),
      });
      expect(answer.status).toBe(303);
    };
    const [canteen, evening, next] = rows;
    await decide(canteen!.requestId!, 'accepter');
    await family.client.get(path);
    expect((await family.client.post(path, form())).status, 'accepted').toBe(400);
    await decide(next!.requestId!, 'refuser');
    expect(
      (await family.client.post(path, form({ firstDay: '19/11/2026', lastDay: '19/11/2026' }))).status,
      'refused',
    ).toBe(303);
    expect(evening!.serviceIds).toEqual([services.soir.id]);
  });
});
