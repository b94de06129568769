import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { pdfOf } from '../../../../../test/documentFiles.js';
import { createCommune } from '../../../../../test/factories.js';
import { linkedParent } from '../../../../../test/familyFactories.js';
import { addressRequest, deskAgent, requestRow } from '../../../../../test/requestFactories.js';
import { agentAuthor } from '../../../accounts/agentsPolicy.js';
import { auditEvents } from '../../../audit/auditSchema.js';
import { noScanner } from '../../../documents/clamd.js';
import { documentFiles, documents } from '../../../documents/documentsSchema.js';
import { requestMessages } from '../../requestsSchema.js';

describe.each(testDatabases())('a reply to « à compléter » with files on $name', ({ open }) => {
  const { t } = useTestApp(open);

  it('stores the files in the vault as the piece the family names, linked from the thread on both sides', async () => {
    const commune = await createCommune(t.container.communes);
    t.container.vault.scanner = noScanner;
    await t.container.documentTypes.addStandardCatalogue(commune, { kind: 'system' });
    const family = await linkedParent(t, commune);
    const { client: desk, agent } = await deskAgent(t, commune);
    const id = await addressRequest(t, commune, family);
    const asked = await t.container.requests.decide(
      commune,
      id,
      agentAuthor(agent),
      'a-completer',
      'Joignez un justificatif de domicile récent.',
      0,
    );
    expect(asked.ok).toBe(true);
    const path = `/${commune.slug}/mon-tableau-de-bord/demandes/${id}`;
    const page = await family.client.get(path);
    expect(page.html).toContain('enctype="multipart/form-data"');
    const types = await t.container.documentTypes.types(commune);
    const domicile = types.find((type) => type.code === 'domicile')!;
    const vaccinations = types.find((type) => type.code === 'vaccinations')!;
    expect(page.html).toContain(`<option value="${domicile.id}">Justificatif de domicile</option>`);
    expect(page.html).toContain(
      `<option value="${vaccinations.id}.${family.child.id}">Carnet de vaccination de Rémi</option>`,
    );

    const stored = () =>
      t.container.database.db.select().from(documents).where(eq(documents.familyId, family.family.id));
    const messages = () =>
      t.container.database.db
        .select()
        .from(requestMessages)
        .where(and(eq(requestMessages.requestId, id), eq(requestMessages.authorKind, 'citizen')));
    const pdf = await pdfOf('Facture EDF de novembre');
    const file = { field: 'fichiers', name: 'facture.pdf', bytes: pdf };
    const refusals: [Record<string, string>, (typeof file)[], Record<string, string>][] = [
      [
        { message: 'Voici la facture.' },
        [file],
        { piece: 'Dites de quelle pièce il s’agit : choisissez-la dans la liste.' },
      ],
      [
        { message: 'Voici la facture.', piece: domicile.id },
        [],
        { fichiers: 'Choisissez le ou les fichiers de la pièce à joindre.' },
      ],
      [
        { message: 'Voici la facture.', piece: '00000000-0000-0000-0000-000000000000' },
        [file],
        { piece: 'Choisissez la pièce jointe dans la liste.' },
      ],
      [{ message: '', piece: domicile.id }, [file], { message: 'Écrivez votre message au guichet unique.' }],
    ];
    for (const [fields, files, errors] of refusals) {
      const refused = await family.client.postMultipart(`${path}/messages`, fields, files);
      expect(refused.status, JSON.stringify(fields)).toBe(400);
      expect(summaryOf(refused.html)).toEqual(errors);
    }
    const notPdf = await family.client.postMultipart(`${path}/messages`, { message: 'Voici.', piece: domicile.id }, [
      { ...file, bytes: Buffer.from('MZ pas un PDF') },
    ]);
    expect(notPdf.status).toBe(400);
    expect(summaryOf(notPdf.html).fichiers).toMatch(/^Le fichier « facture.pdf » n’est ni un PDF/);
    expect(notPdf.html, 'the message typed comes back').toContain('Voici.');
    expect(await stored()).toEqual([]);
    expect(await messages()).toEqual([]);

    const sent = await family.client.postMultipart(
      `${path}/messages`,
      { message: 'Voici la facture.', piece: domicile.id },
      [file],
    );
    expect([sent.status, sent.location]).toEqual([303, `${path}?fait=message`]);
    const [document] = await stored();
    expect(document).toMatchObject({ typeId: domicile.id, memberId: null, status: 'pending' });
    expect((await messages())[0]).toMatchObject({ body: 'Voici la facture.', documentId: document!.id });
    expect((await requestRow(t, id))!.status).not.toBe('a-completer');
    const [row] = await t.container.database.db
      .select()
      .from(documentFiles)
      .where(eq(documentFiles.documentId, document!.id));
    expect(row!.sha256).toBe(createHash('sha256').update(pdf).digest('hex'));

    // The family reads it back from the thread, in its « Pièces justificatives ».
    const shown = await family.client.get(path);
    const familyLink = `/${commune.slug}/mon-tableau-de-bord/pieces-justificatives/${document!.id}`;
    expect(shown.html).toContain(`<a href="${familyLink}">Voir la pièce jointe à ce message</a>`);
    const download = await family.client.get(`${familyLink}/fichiers/${row!.id}`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);

    // The agent opens it from the request: the page and each file are audited views.
    const deskLink = `/${commune.slug}/guichet/pieces/${document!.id}`;
    const deskPage = await desk.get(`/${commune.slug}/guichet/demandes/${id}`);
    expect(deskPage.html).toContain(`<a href="${deskLink}">Voir la pièce jointe à ce message</a>`);
    expect((await desk.get(deskLink)).status).toBe(200);
    expect((await desk.get(`${deskLink}/fichiers/${row!.id}`)).status).toBe(200);
    const audited = await t.container.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.communeId, commune.id), eq(auditEvents.subjectId, document!.id)));
    expect(audited.map((line) => line.action).sort()).toEqual([
      'document.opened',
      'document.uploaded',
      'document.viewed',
    ]);

    // A child's piece names the child; a closed request takes nothing.
    const again = await t.container.requests.decide(
      commune,
      id,
      agentAuthor(agent),
      'a-completer',
      'Et le carnet.',
      (await requestRow(t, id))!.version,
    );
    expect(again.ok).toBe(true);
    await family.client.get(path);
    const carnet = await family.client.postMultipart(
      `${path}/messages`,
      { message: 'Le carnet de Rémi.', piece: `${vaccinations.id}.${family.child.id}` },
      [{ field: 'fichiers', name: 'carnet.pdf', bytes: await pdfOf('Carnet') }],
    );
    expect(carnet.status).toBe(303);
    expect(await stored()).toContainEqual(
      expect.objectContaining({ typeId: vaccinations.id, memberId: family.child.id }),
    );
    const closed = await t.container.requests.decide(
      commune,
      id,
      agentAuthor(agent),
      'accepter',
      '',
      (await requestRow(t, id))!.version,
    );
    expect(closed.ok).toBe(true);
    const late = await family.client.postMultipart(`${path}/messages`, { message: 'Encore une.', piece: domicile.id }, [
      file,
    ]);
    expect(late.status).toBe(409);
    expect(textOf(late.html)).toContain('Cette demande est close');
    expect(await stored()).toHaveLength(2);
  });
});
