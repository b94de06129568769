import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { canteenDay, listsPath, sheetPath } from '../../../../../test/attendanceFactories.js';
import { createFamily } from '../../../../../test/agentFactories.js';
import { bookDay, setChildFile } from '../../../../../test/bookingFactories.js';
import { textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { deskAgent } from '../../../../../test/requestFactories.js';
import { agentAuthor } from '../../../accounts/agentsPolicy.js';

describe.each(testDatabases())('the day lists’ counts with absences on $name', ({ open }) => {
  const { t } = useTestApp(open);

  it('counts a reported or accepted absence out of the expected children and the meals, and a refused one in', async () => {
    // Monday 7 December 2026; the lists of Thursday 10 December.
    const day = await canteenDay(t, '2026-12-07T08:00:00+01:00');
    const { commune, services, remi, lina, noah, agent, enrolIn, of } = day;
    const jade = await createFamily(t.container, commune, 'Leroy');
    await setChildFile(t.container, jade.child.id, { firstName: 'Jade', diet: 'vegetarien' });
    await setChildFile(t.container, lina.child.id, { diet: 'sans-viande' });
    await enrolIn(jade, services.restauration.id);
    for (const file of [remi, lina, noah, jade])
      await bookDay(t.container, commune, of(file), { serviceId: services.restauration.id, day: '2026-12-10' });

    const author = agentAuthor(day.agent.agent);
    const report = async (file: typeof remi, reason: 'maladie' | 'autre') => {
      const outcome = await t.container.absences.report(
        commune,
        file.family.id,
        {
          memberId: file.child.id,
          firstDay: '2026-12-10',
          lastDay: '2026-12-10',
          serviceIds: [services.restauration.id],
          reason,
          note: '',
        },
        author,
      );
      if (!outcome.ok) throw new Error(`report: ${JSON.stringify(outcome)}`);
      return outcome.request.id;
    };
    // Rémi is ill and the guichet unique accepts it (justified); Lina's absence is reported and waits;
    // Noah's report is refused (he is expected as booked); Jade has no absence.
    const remiIll = await report(remi, 'maladie');
    await report(lina, 'autre');
    const noahAway = await report(noah, 'autre');
    expect((await t.container.requests.decide(commune, remiIll, author, 'accepter', '', 0)).ok).toBe(true);
    expect((await t.container.requests.decide(commune, noahAway, author, 'refuser', 'Erreur', 0)).ok).toBe(true);

    const query = { jour: '2026-12-10', service: services.restauration.id };
    const text = textOf((await agent.client.get(listsPath(commune.slug, query))).html);
    expect(text).toContain(
      'Enfants attendus 2 Absences signalées 2 Réservés hors délai 0 Avec un PAI 0 Repas Menu standard : 1 ; Végétarien : 1',
    );
    const [expected, absent] = text.split('Absences signalées (2)');
    expect(expected).toContain('Enfants attendus (2)');
    expect(expected).toContain('LEROY Jade');
    expect(expected).toContain('PETIT Noah CM1 École Jules Ferry Menu standard — Réservé — —');
    expect(absent).toContain(
      'DUPONT Rémi CE2 École Victor Hugo Sans porc PAI, allergies : voir PAI Réservé Absence signalée, justifiée —',
    );
    expect(absent).toContain('MARTIN Lina CP École Jules Ferry Sans viande — Réservé Absence signalée —');
    expect(absent).not.toContain('PETIT Noah');

    // The pointage sheet (on the day itself, by the staff on site) says the same.
    t.clock.set('2026-12-10T11:00:00+01:00');
    const animateur = await deskAgent(t, commune, { role: 'animateur' });
    const sheet = textOf((await animateur.client.get(sheetPath(commune.slug, query))).html);
    expect(sheet).toContain('2 enfants attendus, 2 absences signalées.');
  });
});
