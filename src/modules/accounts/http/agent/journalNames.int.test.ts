import { describe, expect, it } from 'vitest';
import { createAgent, createFamily, loggedInAgent } from '../../../../../test/agentFactories.js';
import { useTestApp } from '../../../../../test/appFixture.js';
import { textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { setUpServices } from '../../../../../test/serviceFactories.js';
import { agentActor } from '../../agentsPolicy.js';

describe.each(testDatabases())('the journal’s names on $name', ({ open }) => {
  const { t } = useTestApp(open);

  it('names the people, families and services of each event, never an internal id', async () => {
    const commune = await createCommune(t.container.communes);
    const { services } = await setUpServices(t.container, commune);
    const admin = await createAgent(t.container, commune, {
      role: 'administrateur',
      firstName: 'Camille',
      lastName: 'Bernard',
    });
    const { family, child } = await createFamily(t.container, commune, 'Dupont');
    const actor = agentActor(admin.agent);
    await t.container.audit.record({
      communeId: commune.id,
      actor,
      action: 'health.viewed',
      subject: { kind: 'member', id: child.id },
      details: { family: family.id },
    });
    await t.container.audit.record({
      communeId: commune.id,
      actor,
      action: 'day-list.viewed',
      subject: { kind: 'service', id: services.restauration.id },
      details: { service: services.restauration.id, day: '2026-11-17', count: 2, flagged: 1 },
    });
    const client = await loggedInAgent(t, commune, admin);
    const page = await client.get(`/${commune.slug}/guichet/journal`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain(`Informations de santé consultées DUPONT Rémi (famille ${family.reference})`);
    expect(text).toContain(`famille : famille ${family.reference}`);
    expect(page.html).toContain(`href="/${commune.slug}/guichet/familles/${family.id}"`);
    expect(text).toContain('Liste du jour consultée (PAI, allergies) Service : Restauration scolaire');
    // The details' order is the database's (jsonb sorts its keys).
    for (const detail of [
      'service : Restauration scolaire',
      'jour : 2026-11-17',
      'enfants listés : 2',
      'avec PAI ou allergies : 1',
    ])
      expect(text).toContain(detail);
    expect(text).toContain(`Agent : BERNARD Camille — ${admin.agent.email}`);
    for (const id of [child.id, family.id, services.restauration.id, admin.agent.id]) expect(text).not.toContain(id);
  });
});
