import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { canteenDay } from '../../../../../test/attendanceFactories.js';
import { textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { agentAuthor } from '../../../accounts/agentsPolicy.js';

describe.each(testDatabases())('what the family does, on its desk file, on $name', ({ open }) => {
  const { t } = useTestApp(open);

  it('shows the inscriptions, this month’s bookings, absences, requests, invoices and documents, each linking to its page', async () => {
    const { commune, services, remi, agent } = await canteenDay(t, '2026-11-16T08:00:00+01:00');
    const reported = await t.container.absences.report(
      commune,
      remi.family.id,
      {
        memberId: remi.child.id,
        firstDay: '2026-11-19',
        lastDay: '2026-11-20',
        serviceIds: [services.restauration.id],
        reason: 'maladie',
        note: 'Varicelle',
      },
      agentAuthor(agent.agent),
    );
    if (!reported.ok) throw new Error('absence not reported');
    const base = `/${commune.slug}/guichet`;
    const page = await agent.client.get(`${base}/familles/${remi.family.id}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Ce que fait la famille');
    expect(text).toContain(
      'Inscriptions DUPONT Rémi : Accueil du soir, 2026-2027 DUPONT Rémi : Restauration scolaire, 2026-2027',
    );
    expect(text).toContain(
      'Réservations de novembre 2026 DUPONT Rémi : Restauration scolaire, 1 jour ( 17/11/2026 : liste du jour de Restauration scolaire )',
    );
    expect(page.html).toContain(`href="${base}/listes?jour=2026-11-17&amp;service=${services.restauration.id}"`);
    expect(text).toContain('Absences signalées DUPONT Rémi, du 19/11/2026 au 20/11/2026 (déposée)');
    expect(page.html).toContain(`href="${base}/demandes/${reported.request.id}"`);
    expect(text).toContain('Demandes Signalement d’absence : Rémi DUPONT, du 19/11/2026 au 20/11/2026 — Déposée');
    expect(text).toContain('Factures Aucune facture émise.');
    expect(text).toContain('Pièces justificatives Aucune pièce demandée ni envoyée.');
    // An absence's reason and note are health facts the file does not show.
    expect(text).not.toContain('Varicelle');
    expect(text).not.toContain('Maladie');
  });
});
