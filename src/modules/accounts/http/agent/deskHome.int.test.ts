import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { canteenDay } from '../../../../../test/attendanceFactories.js';
import { textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { agentAuthor } from '../../agentsPolicy.js';

describe.each(testDatabases())('the desk’s home on $name', ({ open }) => {
  const { t } = useTestApp(open);

  it('shows the work waiting: the open requests by status and age, and today’s lists', async () => {
    const { commune, services, remi, noah, agent, animateur } = await canteenDay(t);
    const report = async (file: typeof remi, day: string) => {
      const outcome = await t.container.absences.report(
        commune,
        file.family.id,
        {
          memberId: file.child.id,
          firstDay: day,
          lastDay: day,
          serviceIds: [services.restauration.id],
          reason: 'autre',
          note: '',
        },
        agentAuthor(agent.agent),
      );
      if (!outcome.ok) throw new Error('absence not reported');
      return outcome.request.id;
    };
    // One request made nine days ago and taken on, two made today.
    t.clock.set('2026-11-08T10:00:00+01:00');
    const old = await report(remi, '2026-11-19');
    expect((await t.container.requests.take(commune, old, agentAuthor(agent.agent), 0)).ok).toBe(true);
    t.clock.set('2026-11-17T12:00:00+01:00');
    await report(remi, '2026-11-20');
    await report(noah, '2026-11-20');

    const base = `/${commune.slug}/guichet`;
    const home = await agent.client.get(base);
    expect(home.status).toBe(200);
    const text = textOf(home.html);
    expect(text).toContain(
      'Demandes en attente Déposée : 2 demandes (la plus ancienne du 17/11/2026 à 12:00) En cours de traitement : 1 demande , 1 depuis plus de 2 jours , 1 depuis plus de 7 jours (la plus ancienne du 08/11/2026 à 10:00)',
    );
    expect(home.html).toContain(`href="${base}/demandes?statut=en-cours&amp;anciennete=7"`);
    expect(text).toContain(
      'Listes du jour Accueil du matin : 0 enfant attendu Accueil du soir : 1 enfant attendu Restauration scolaire : 1 enfant attendu, 1 absence signalée',
    );
    expect(home.html).toContain(`href="${base}/listes?jour=2026-11-17&amp;service=${services.restauration.id}"`);

    // The staff on site see today's lists, not the requests.
    const onSite = textOf((await animateur.client.get(base)).html);
    expect(onSite).toContain('Restauration scolaire : 1 enfant attendu, 1 absence signalée');
    expect(onSite).not.toContain('Demandes en attente');
  });
});
