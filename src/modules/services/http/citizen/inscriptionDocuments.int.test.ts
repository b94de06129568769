import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { testDatabases } from '../../../../../test/databases.js';
import { pdfOf } from '../../../../../test/documentFiles.js';
import { createCommune } from '../../../../../test/factories.js';
import { linkedParent } from '../../../../../test/familyFactories.js';
import { textOf } from '../../../../../test/html.js';
import { deskAgent, requestRow } from '../../../../../test/requestFactories.js';
import { setUpServices } from '../../../../../test/serviceFactories.js';
import { noScanner } from '../../../documents/clamd.js';

describe.each(testDatabases())('the documents of « Créer une inscription » on $name', ({ open }) => {
  const { t } = useTestApp(open);

  it('shows each document the services ask for with its state, reuses a validated one, and tells the guichet where each stands', async () => {
    t.container.vault.scanner = noScanner;
    const commune = await createCommune(t.container.communes);
    const { services, schoolYear } = await setUpServices(t.container, commune);
    await t.container.documentTypes.addStandardCatalogue(commune, { kind: 'system' });
    const types = await t.container.documentTypes.types(commune);
    const typeOf = (code: string) => types.find((type) => type.code === code)!;
    const family = await linkedParent(t, commune);
    const { agent, client: desk } = await deskAgent(t, commune);

    // Rémi's vaccinations, sent and validated once.
    const sent = await t.container.documents.upload(
      commune,
      family.family.id,
      { citizenId: family.citizen.id, actor: { kind: 'citizen', id: family.citizen.id } },
      {
        typeId: typeOf('vaccinations').id,
        memberId: family.child.id,
        files: [{ name: 'vaccins.pdf', bytes: await pdfOf('Carnet') }],
      },
    );
    if (!sent.ok) throw new Error(sent.reason);
    const validated = await t.container.documents.validate(
      commune,
      { id: agent.id, actor: { kind: 'agent', id: agent.id } },
      sent.document.id,
      { validFrom: '2026-11-02', validUntil: '2027-08-31' },
    );
    expect(validated.ok).toBe(true);

    const path = `/${commune.slug}/ma-famille/inscriptions/nouvelle`;
    const page = await family.client.get(path);
    const child = `Rémi ${family.child.lastName.toUpperCase()}`;
    const text = textOf(page.html);
    expect(text).toContain(
      `Carnet de vaccination ${child} Accueil de loisirs du mercredi, Activités vacances Validée jusqu’au`,
    );
    expect(text).toContain('Sera reprise');
    expect(text).toMatch(new RegExp(`Attestation d’assurance ${child} [^]*? À fournir Envoyer`));
    expect(page.html).toContain(
      `href="/${commune.slug}/mon-tableau-de-bord/pieces-justificatives/types/${typeOf('assurance').id}/enfants/${family.child.id}/envoyer"`,
    );
    expect(page.html).toContain(
      `href="/${commune.slug}/mon-tableau-de-bord/pieces-justificatives/${sent.document.id}"`,
    );

    const asked = await family.client.post(path, {
      memberId: family.child.id,
      serviceId: services.mercredi.id,
      schoolYearId: schoolYear.id,
    });
    expect(asked.status).toBe(303);
    const [request] = await t.container.requests.ofFamily(commune, family.family.id);
    const payload = (await requestRow(t, request!.id))!.payload as { documents: unknown[] };
    expect(payload.documents).toEqual([
      { name: 'Justificatif de domicile', state: 'À fournir', documentId: null },
      { name: 'Attestation d’assurance', state: 'À fournir', documentId: null },
      {
        name: 'Carnet de vaccination',
        state: expect.stringMatching(/^Validée jusqu’au /),
        documentId: sent.document.id,
      },
    ]);
    const seen = await desk.get(`/${commune.slug}/guichet/demandes/${request!.id}`);
    expect(textOf(seen.html)).toContain('Pièce : Attestation d’assurance À fournir (à la demande)');
    expect(seen.html).toMatch(
      new RegExp(
        `<a href="/${commune.slug}/guichet/pieces/${sent.document.id}">Validée jusqu’au [^<]+ \\(à la demande\\)</a>`,
      ),
    );
  });
});
