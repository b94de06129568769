import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import type { WebClient } from '../../../../../test/browserSession.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { textOf } from '../../../../../test/html.js';
import { deskAgent } from '../../../../../test/requestFactories.js';
import { setUpServices } from '../../../../../test/serviceFactories.js';
import type { Commune } from '../../../communes/domain/commune.js';

describe.each(testDatabases())('the administrator’s document types on $name', ({ open }) => {
  const { t } = useTestApp(open);
  let commune: Commune;
  let admin: WebClient;

  beforeAll(async () => {
    commune = await createCommune(t.container.communes);
    await setUpServices(t.container, commune);
    admin = (await deskAgent(t, commune, { role: 'administrateur' })).client;
  });

  it('adds the standard catalogue, tied to the services of the usual kinds, then changes a type’s validity and services', async () => {
    const list = `/${commune.slug}/guichet/parametres/pieces`;
    await admin.get(list);
    const added = await admin.post(`${list}/catalogue-standard`);
    expect(added.location).toBe(`${list}?fait=catalogue`);
    const page = textOf((await admin.follow()).html);
    for (const name of ['Justificatif de domicile', 'Attestation de quotient familial', 'Carnet de vaccination', 'PAI'])
      expect(page).toContain(name);
    expect(page).toContain('3 mois');

    const insurance = (await t.container.documentTypes.types(commune)).find((type) => type.code === 'assurance')!;
    expect(insurance.serviceIds.length).toBeGreaterThan(0);
    await admin.get(`${list}/${insurance.id}`);
    // A validity in months without its number: the form says so, 400, nothing changed.
    const wrong = await admin.post(`${list}/${insurance.id}`, {
      name: 'Attestation d’assurance',
      validityKind: 'months',
      validityMonths: '',
      keepExpiredDays: '60',
    });
    expect(wrong.status).toBe(400);
    expect(textOf(wrong.html)).toContain('Indiquez un nombre de mois entre 1 et 120.');
    const saved = await admin.post(`${list}/${insurance.id}`, {
      name: 'Attestation d’assurance',
      description: 'Responsabilité civile.',
      validityKind: 'months',
      validityMonths: '12',
      keepExpiredDays: '60',
    });
    expect(saved.status).toBe(303);
    const changed = (await t.container.documentTypes.types(commune)).find((type) => type.id === insurance.id)!;
    expect(changed).toMatchObject({ validityKind: 'months', validityMonths: 12, keepExpiredDays: 60, serviceIds: [] });
  });
});
