import { and, count, eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/appFixture.js';
import type { WebClient, WebPage } from '../../../../test/browserSession.js';
import { testDatabases } from '../../../../test/databases.js';
import { createCommune } from '../../../../test/factories.js';
import { linkedParent } from '../../../../test/familyFactories.js';
import { textOf } from '../../../../test/html.js';
import { deskAgent, requestRow } from '../../../../test/requestFactories.js';
import { auditEvents } from '../../audit/auditSchema.js';
import type { Commune } from '../../communes/domain/commune.js';
import { requests } from '../../requests/requestsSchema.js';
import { demarches } from '../demarchesSchema.js';
import { noScanner } from '../../documents/clamd.js';
import { documents } from '../../documents/documentsSchema.js';
import { pdfOf } from '../../../../test/documentFiles.js';

/** The error summary's links, field name → message (the answers' names hold dashes). */
const errorsOf = (html: string): Record<string, string> => {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  return Object.fromEntries(
    [...summary.matchAll(/<a href="#champ-([\w-]+)">([\s\S]*?)<\/a>/g)].map((m) => [m[1]!, textOf(m[2]!)]),
  );
};

describe.each(testDatabases())('« Autres démarches » on $name', ({ open }) => {
  const { t } = useTestApp(open);

  const settings = (commune: Commune) => `/${commune.slug}/guichet/parametres/demarches`;
  const familyList = (commune: Commune) => `/${commune.slug}/ma-famille/demarches`;

  /** What the démarches' pages can write: the démarches, the requests and the audit lines about démarches. */
  const written = async (commune: Commune) => {
    const { db } = t.container.database;
    const rows = await db.select().from(demarches).where(eq(demarches.communeId, commune.id));
    const [asked] = await db.select({ n: count() }).from(requests).where(eq(requests.communeId, commune.id));
    const [audited] = await db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.communeId, commune.id), like(auditEvents.action, 'demarche.%')));
    return { demarches: JSON.stringify(rows), requests: asked!.n, audit: audited!.n };
  };

  const expectRefused = async (commune: Commune, send: () => Promise<WebPage>, errors: Record<string, string>) => {
    const before = await written(commune);
    const page = await send();
    expect(page.status).toBe(400);
    expect(errorsOf(page.html)).toEqual(errors);
    expect(await written(commune)).toEqual(before);
    return page;
  };

  /** A commune with the standard catalogue of pieces, uploads not scanned, and its administrator. */
  const communeWithCatalogue = async () => {
    const commune = await createCommune(t.container.communes);
    t.container.vault.scanner = noScanner;
    await t.container.documentTypes.addStandardCatalogue(commune, { kind: 'system' });
    const { client: admin } = await deskAgent(t, commune, { role: 'administrateur' });
    return { commune, admin };
  };

  /** Adds the questions to the démarche at `page` and publishes it: the questions' form names, in order. */
  const publishWith = async (commune: Commune, admin: WebClient, page: string, questions: Record<string, string>[]) => {
    for (const question of questions) expect((await admin.post(`${page}/questions`, question)).status).toBe(303);
    expect((await admin.post(`${page}/publication`, { published: 'oui' })).status).toBe(303);
    const id = page.split('/').at(-1)!;
    return (await t.container.demarches.find(commune.id, id))!.fields.map((f) => `q-${f.id}`);
  };

  /** The administrator creates « Changement de situation familiale » with three questions and publishes it. */
  const defineDemarche = async (commune: Commune, admin: WebClient) => {
    await admin.get(settings(commune));
    const created = await admin.post(settings(commune), {
      title: 'Changement de situation familiale',
      description: 'Un mariage, une séparation :\ndites-le au guichet unique.',
    });
    expect(created.status).toBe(303);
    const page = created.location!.split('?')[0]!;
    await admin.get(page);
    const questions: Record<string, string>[] = [
      { label: 'Nature du changement', kind: 'choice', options: 'Mariage ou PACS\nSéparation', required: 'oui' },
      { label: 'Date du changement', kind: 'date', dateRange: 'past', required: 'oui' },
      { label: 'Précisions', kind: 'long-text', hint: 'Facultatif.' },
    ];
    for (const question of questions) {
      expect((await admin.post(`${page}/questions`, question)).status).toBe(303);
    }
    expect((await admin.post(`${page}/publication`, { published: 'oui' })).status).toBe(303);
    const id = page.split('/').at(-1)!;
    return { id, page, demarche: (await t.container.demarches.find(commune.id, id))! };
  };

  it('an administrator defines a démarche and publishes it; a family sends it; the agent reads its answers', async () => {
    const commune = await createCommune(t.container.communes);
    const { client: admin } = await deskAgent(t, commune, { role: 'administrateur' });
    const { id, page, demarche } = await defineDemarche(commune, admin);
    expect(demarche).toMatchObject({ title: 'Changement de situation familiale', published: true });
    expect(demarche.fields.map((field) => [field.label, field.kind, field.required])).toEqual([
      ['Nature du changement', 'choice', true],
      ['Date du changement', 'date', true],
      ['Précisions', 'long-text', false],
    ]);
    const adminText = textOf((await admin.get(page)).html);
    expect(adminText).toContain('La démarche est publiée : les familles peuvent l’envoyer.');
    expect(adminText).toContain('Date du changement Date — obligatoire — aujourd’hui ou avant (un événement passé)');
    // Every change of the definition is in the audit log, with who made it.
    const audit = await t.container.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.communeId, commune.id), like(auditEvents.action, 'demarche.%')));
    expect(audit.map((event) => event.action).sort()).toEqual([
      'demarche.created',
      'demarche.field-added',
      'demarche.field-added',
      'demarche.field-added',
      'demarche.published',
    ]);
    expect(audit.every((event) => event.actorKind === 'agent' && event.subjectId === id)).toBe(true);

    const family = await linkedParent(t, commune);
    const home = await family.client.get(`/${commune.slug}/ma-famille`);
    expect(home.html).toContain(`<a href="${familyList(commune)}">Autres démarches</a>`);
    const list = await family.client.get(familyList(commune));
    expect(list.status).toBe(200);
    expect(list.html).toContain(`<a href="${familyList(commune)}/${id}">Changement de situation familiale</a>`);
    const formPath = `${familyList(commune)}/${id}`;
    const form = await family.client.get(formPath);
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('no-store');
    const [nature, date, notes] = demarche.fields.map((field) => `q-${field.id}`) as [string, string, string];
    expect(textOf(form.html)).toContain('Date du changement (obligatoire) Au format JJ/MM/AAAA');

    const sent = await family.client.post(formPath, {
      [nature]: 'Séparation',
      [date]: '02/11/2026',
      [notes]: 'Résidence alternée\nune semaine sur deux.',
    });
    expect(sent.status).toBe(303);
    const [made] = await t.container.database.db.select().from(requests).where(eq(requests.communeId, commune.id));
    expect(sent.location).toBe(`/${commune.slug}/mon-tableau-de-bord/demandes/${made!.id}?fait=envoyee`);
    expect(made).toMatchObject({
      type: 'demarche',
      status: 'deposee',
      familyId: family.family.id,
      summary: 'Changement de situation familiale',
    });
    const mine = textOf((await family.client.follow()).html);
    expect(mine).toContain('Votre demande est envoyée au guichet unique.');
    expect(mine).toContain('Nature du changement Séparation Date du changement 02/11/2026');

    const { client: desk } = await deskAgent(t, commune);
    const queue = textOf((await desk.get(`/${commune.slug}/guichet/demandes`)).html);
    expect(queue).toContain('Changement de situation familiale');
    const seen = textOf((await desk.get(`/${commune.slug}/guichet/demandes/${made!.id}`)).html);
    for (const expected of [
      'Démarche Changement de situation familiale',
      'Nature du changement Séparation',
      'Date du changement 02/11/2026',
      'Précisions Résidence alternée',
    ])
      expect(seen, expected).toContain(expected);
    expect((await requestRow(t, made!.id))!.payload).toMatchObject({
      demarcheId: id,
      title: 'Changement de situation familiale',
      answers: [
        { label: 'Nature du changement', kind: 'choice', value: 'Séparation' },
        { label: 'Date du changement', kind: 'date', value: '2026-11-02' },
        { label: 'Précisions', kind: 'long-text', value: 'Résidence alternée\nune semaine sur deux.' },
      ],
    });
  });

  it('refuses wrong answers with a French summary, 400 and nothing written', async () => {
    const commune = await createCommune(t.container.communes);
    const { client: admin } = await deskAgent(t, commune, { role: 'administrateur' });
    const { id, demarche } = await defineDemarche(commune, admin);
    const [nature, date] = demarche.fields.map((field) => `q-${field.id}`) as [string, string];
    const family = await linkedParent(t, commune);
    const formPath = `${familyList(commune)}/${id}`;
    await family.client.get(formPath);

    const empty = await expectRefused(commune, () => family.client.post(formPath, {}), {
      [nature]: 'Choisissez une réponse à la question « Nature du changement ».',
      [date]: 'Répondez à la question « Date du changement ».',
    });
    expect(empty.html).toContain('<title>Erreur : Changement de situation familiale');
    const wrong = await expectRefused(
      commune,
      () => family.client.post(formPath, { [nature]: 'Veuvage', [date]: '03/11/2026' }),
      {
        [nature]: 'Choisissez une réponse à « Nature du changement » parmi celles proposées.',
        [date]: 'Indiquez pour « Date du changement » une date passée, au plus tard le 02/11/2026.',
      },
    );
    expect(wrong.html, 'what was typed comes back').toContain('value="03/11/2026"');
    await expectRefused(commune, () => family.client.post(formPath, { [nature]: 'Séparation', [date]: '02/11/1850' }), {
      [date]: 'Indiquez pour « Date du changement » une date entre 1900 et 2100 : vérifiez l’année.',
    });
    await expectRefused(
      commune,
      () => family.client.post(formPath, { [nature]: 'Séparation', [date]: '02/11/2026\u202e' }),
      {
        [date]:
          'Ce champ contient un caractère invisible ou qui inverse le sens de lecture, souvent venu d’un copier-coller : retapez-le au clavier.',
      },
    );
  });

  it('an unpublished démarche, or another commune’s, is not found for families, and nothing is written', async () => {
    const commune = await createCommune(t.container.communes);
    const other = await createCommune(t.container.communes);
    const { client: admin } = await deskAgent(t, commune, { role: 'administrateur' });
    const { id, page, demarche } = await defineDemarche(commune, admin);
    const [nature, date] = demarche.fields.map((field) => `q-${field.id}`) as [string, string];
    const valid = { [nature]: 'Séparation', [date]: '02/11/2026' };

    const stranger = await linkedParent(t, other);
    await stranger.client.get(familyList(other));
    const before = await written(commune);
    expect((await stranger.client.get(`${familyList(other)}/${id}`)).status).toBe(404);
    expect((await stranger.client.post(`${familyList(other)}/${id}`, valid)).status).toBe(404);
    expect(textOf((await stranger.client.get(familyList(other))).html)).toContain(
      'La commune ne propose pas d’autre démarche en ligne pour le moment.',
    );

    await admin.get(page);
    expect((await admin.post(`${page}/publication`, { published: 'non' })).status).toBe(303);
    const family = await linkedParent(t, commune);
    await family.client.get(familyList(commune));
    expect(textOf((await family.client.get(familyList(commune))).html)).not.toContain('Changement de situation');
    expect((await family.client.get(`${familyList(commune)}/${id}`)).status).toBe(404);
    expect((await family.client.post(`${familyList(commune)}/${id}`, valid)).status).toBe(404);
    expect((await written(commune)).requests).toBe(before.requests);
  });

  it('refuses a wrong definition with a French summary, 400 and nothing written', async () => {
    const commune = await createCommune(t.container.communes);
    const { client: admin } = await deskAgent(t, commune, { role: 'administrateur' });
    await admin.get(settings(commune));
    await expectRefused(commune, () => admin.post(settings(commune), { title: ' ', description: '' }), {
      title: 'Indiquez le titre de la démarche, tel que les familles le liront.',
    });
    const created = await admin.post(settings(commune), { title: 'Rendez-vous au guichet unique' });
    const page = created.location!.split('?')[0]!;
    await admin.get(page);
    await expectRefused(commune, () => admin.post(`${page}/publication`, { published: 'oui' }), {
      published: 'Ajoutez au moins une question avant de publier la démarche.',
    });
    await expectRefused(commune, () => admin.post(`${page}/questions`, { label: '', kind: 'short-text' }), {
      label: 'Indiquez l’intitulé de la question, tel que les familles le liront.',
    });
    await expectRefused(
      commune,
      () => admin.post(`${page}/questions`, { label: 'Moment', kind: 'choice', options: 'Matin' }),
      { options: 'Indiquez au moins deux choix, un par ligne.' },
    );
    await expectRefused(commune, () => admin.post(`${page}/questions`, { label: 'Pièce', kind: 'fichier' }), {
      kind: 'Choisissez le type de réponse dans la liste.',
    });

    // A question changed, moved up and removed; a published démarche keeps its last question.
    for (const label of ['Objet', 'Date souhaitée'])
      expect((await admin.post(`${page}/questions`, { label, kind: 'short-text', required: 'oui' })).status).toBe(303);
    const id = page.split('/').at(-1)!;
    const [objet, souhaitee] = (await t.container.demarches.find(commune.id, id))!.fields;
    const fieldPage = await admin.get(`${page}/questions/${souhaitee!.id}`);
    expect(fieldPage.status).toBe(200);
    await expectRefused(commune, () => admin.post(`${page}/questions/${souhaitee!.id}`, { label: '', kind: 'date' }), {
      label: 'Indiquez l’intitulé de la question, tel que les familles le liront.',
    });
    expect(
      (
        await admin.post(`${page}/questions/${souhaitee!.id}`, {
          label: 'Date souhaitée',
          kind: 'date',
          dateRange: 'future',
        })
      ).status,
    ).toBe(303);
    expect((await admin.post(`${page}/questions/${souhaitee!.id}/monter`)).status).toBe(303);
    expect((await admin.post(`${page}/questions/${objet!.id}/retirer`)).status).toBe(303);
    expect((await admin.post(`${page}/publication`, { published: 'oui' })).status).toBe(303);
    await admin.get(page);
    await expectRefused(commune, () => admin.post(`${page}/questions/${souhaitee!.id}/retirer`), {
      fields: 'Une démarche publiée garde au moins une question : retirez-la de la publication d’abord.',
    });
    expect((await t.container.demarches.find(commune.id, id))!.fields).toEqual([
      {
        id: souhaitee!.id,
        label: 'Date souhaitée',
        hint: '',
        kind: 'date',
        required: false,
        options: [],
        dateRange: 'future',
        documentType: '',
      },
    ]);
    expect(
      (await admin.get(`${page}/questions/7d0f3a52-9c1e-4b6a-8f2d-3e5b6c7d8e9f`)).status,
      'a question the démarche does not have',
    ).toBe(404);
  });

  it('opens the set-up of démarches to the commune’s administrators only, and nothing is written by anyone else', async () => {
    const commune = await createCommune(t.container.communes);
    const other = await createCommune(t.container.communes);
    const { client: admin } = await deskAgent(t, commune, { role: 'administrateur' });
    const { id, page, demarche } = await defineDemarche(commune, admin);
    const fieldId = demarche.fields[0]!.id;
    const outsiders: [string, WebClient, Commune][] = [
      ['agent of the commune', (await deskAgent(t, commune, { role: 'agent' })).client, commune],
      ['animateur of the commune', (await deskAgent(t, commune, { role: 'animateur' })).client, commune],
      ['administrator of another commune', (await deskAgent(t, other, { role: 'administrateur' })).client, other],
    ];
    const before = await written(commune);
    for (const [who, client, at] of outsiders) {
      await client.get(`/${at.slug}/guichet`);
      const base = `/${at.slug}/guichet/parametres/demarches`;
      const calls: [string, string, Record<string, string>?][] = [
        ['GET', base],
        ['POST', base, { title: 'Intrus' }],
        ['GET', `${base}/${id}`],
        ['POST', `${base}/${id}`, { title: 'Intrus' }],
        ['POST', `${base}/${id}/publication`, { published: 'non' }],
        ['POST', `${base}/${id}/questions`, { label: 'Intrus', kind: 'short-text' }],
        ['GET', `${base}/${id}/questions/${fieldId}`],
        ['POST', `${base}/${id}/questions/${fieldId}`, { label: 'Intrus', kind: 'short-text' }],
        ['POST', `${base}/${id}/questions/${fieldId}/monter`],
        ['POST', `${base}/${id}/questions/${fieldId}/retirer`],
      ];
      for (const [method, path, fields] of calls) {
        // Another commune's administrator may open its own list, which shows none of this commune's démarches.
        const own = who.startsWith('administrator') && path === base;
        const answer = method === 'GET' ? await client.get(path) : await client.post(path, fields ?? {});
        if (own) {
          expect(answer.html, `${who}: ${method} ${path}`).not.toContain('Changement de situation familiale');
          continue;
        }
        expect(answer.status, `${who}: ${method} ${path}`).toBe(404);
        expect(answer.html).not.toContain('Changement de situation familiale');
      }
    }
    expect(await written(commune)).toEqual(before);
    expect((await admin.get(page)).status).toBe(200);
  });

  /** A form posted as a browser sends a multipart form: `_csrf` and the fields first, the files last. */
  const postMultipart = async (
    client: WebClient,
    path: string,
    fields: Record<string, string>,
    files: { field: string; name: string; bytes: Buffer }[],
  ): Promise<WebPage> => {
    const form = new FormData();
    form.append('_csrf', client.csrfToken ?? '');
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const file of files)
      form.append(file.field, new Blob([new Uint8Array(file.bytes)], { type: 'application/pdf' }), file.name);
    const response = await fetch(t.origin + path, {
      method: 'POST',
      body: form,
      redirect: 'manual',
      headers: {
        cookie: client
          .cookieNames()
          .map((name) => `${name}=${client.cookie(name)}`)
          .join('; '),
      },
    });
    return {
      status: response.status,
      headers: response.headers,
      html: await response.text(),
      location: response.headers.get('location'),
    };
  };

  it('a document question takes files through the vault, once, and a validated document is given again', async () => {
    const { commune, admin } = await communeWithCatalogue();
    await admin.get(settings(commune));
    const created = await admin.post(settings(commune), { title: 'Changement de situation familiale' });
    const page = created.location!.split('?')[0]!;
    const id = page.split('/').at(-1)!;
    await admin.get(page);
    await expectRefused(commune, () => admin.post(`${page}/questions`, { label: 'Pièce', kind: 'document' }), {
      documentType: 'Choisissez la pièce justificative demandée dans la liste.',
    });
    await expectRefused(
      commune,
      () => admin.post(`${page}/questions`, { label: 'Pièce', kind: 'document', documentType: 'inconnue' }),
      { documentType: 'Choisissez la pièce justificative demandée dans la liste.' },
    );
    const [nature, jugement] = (await publishWith(commune, admin, page, [
      { label: 'Nature du changement', kind: 'short-text', required: 'oui' },
      { label: 'Jugement', kind: 'document', documentType: 'jugement', required: 'oui' },
    ])) as [string, string];

    const family = await linkedParent(t, commune);
    const formPath = `${familyList(commune)}/${id}`;
    const form = await family.client.get(formPath);
    expect(form.html).toContain('enctype="multipart/form-data"');
    expect(form.html).toContain(`type="file" id="champ-${jugement}" name="${jugement}"`);

    const before = await written(commune);
    const missing = await postMultipart(family.client, formPath, { [nature]: 'Divorce' }, []);
    expect(missing.status).toBe(400);
    expect(errorsOf(missing.html)).toEqual({ [jugement]: 'Joignez la pièce demandée : « Jugement ».' });
    expect(await written(commune)).toEqual(before);
    const notPdf = await postMultipart(family.client, formPath, { [nature]: 'Divorce' }, [
      { field: jugement, name: 'jugement.pdf', bytes: Buffer.from('pas un PDF du tout') },
    ]);
    expect(notPdf.status).toBe(400);
    expect(errorsOf(notPdf.html)[jugement]).toMatch(/^Le fichier « jugement.pdf » n’est ni un PDF/);
    expect(await written(commune)).toEqual(before);
    const stored = async () =>
      t.container.database.db.select().from(documents).where(eq(documents.familyId, family.family.id));
    expect(await stored()).toEqual([]);

    const sent = await postMultipart(family.client, formPath, { [nature]: 'Divorce' }, [
      { field: jugement, name: 'jugement.pdf', bytes: await pdfOf('Jugement de divorce') },
    ]);
    expect(sent.status).toBe(303);
    const [document] = await stored();
    expect(document).toMatchObject({ status: 'pending', memberId: null });
    const requestId = sent.location!.split('?')[0]!.split('/').at(-1)!;
    expect((await requestRow(t, requestId))!.payload).toMatchObject({
      answers: [
        { label: 'Nature du changement', value: 'Divorce' },
        { label: 'Jugement', kind: 'document', value: 'jugement.pdf', documentId: document!.id },
      ],
    });
    const mine = await family.client.get(sent.location!);
    expect(mine.html).toContain(
      `<a href="/${commune.slug}/mon-tableau-de-bord/pieces-justificatives/${document!.id}">jugement.pdf</a>`,
    );
    const { client: desk, agent } = await deskAgent(t, commune);
    const seen = await desk.get(`/${commune.slug}/guichet/demandes/${requestId}`);
    expect(seen.html).toContain(`<a href="/${commune.slug}/guichet/pieces/${document!.id}">jugement.pdf</a>`);

    // Validated, the document is offered again: the next démarche gives it without a file.
    const validated = await t.container.documents.validate(
      commune,
      { id: agent.id, actor: { kind: 'agent', id: agent.id } },
      document!.id,
      { validFrom: '2026-11-02', validUntil: null },
    );
    expect(validated.ok).toBe(true);
    const again = await family.client.get(formPath);
    expect(textOf(again.html)).toContain(
      'Utiliser la pièce déjà donnée : Jugement fixant la résidence ou l’autorité parentale déjà validée',
    );
    const reused = await postMultipart(
      family.client,
      formPath,
      { [nature]: 'Garde', [`${jugement}-piece`]: 'existante' },
      [],
    );
    expect(reused.status).toBe(303);
    const secondId = reused.location!.split('?')[0]!.split('/').at(-1)!;
    expect((await requestRow(t, secondId))!.payload).toMatchObject({
      answers: [{ value: 'Garde' }, { kind: 'document', documentId: document!.id }],
    });
    expect(await stored()).toHaveLength(1);
  });

  it('a file refused on the second document question leaves the first question’s document unstored', async () => {
    const { commune, admin } = await communeWithCatalogue();
    await admin.get(settings(commune));
    const page = (await admin.post(settings(commune), { title: 'Déménagement' })).location!.split('?')[0]!;
    const id = page.split('/').at(-1)!;
    await admin.get(page);
    const [domicile, quotient] = (await publishWith(commune, admin, page, [
      { label: 'Justificatif de domicile', kind: 'document', documentType: 'domicile', required: 'oui' },
      { label: 'Quotient familial', kind: 'document', documentType: 'quotient-familial', required: 'oui' },
    ])) as [string, string];

    const family = await linkedParent(t, commune);
    const formPath = `${familyList(commune)}/${id}`;
    await family.client.get(formPath);
    const stored = async () =>
      t.container.database.db.select().from(documents).where(eq(documents.familyId, family.family.id));
    const goodPdf = { field: domicile, name: 'facture.pdf', bytes: await pdfOf('Facture d’électricité') };
    const goodQuotient = { field: quotient, name: 'quotient.pdf', bytes: await pdfOf('Attestation CAF') };
    const before = await written(commune);
    const refusedSecond = await postMultipart(family.client, formPath, {}, [
      goodPdf,
      { field: quotient, name: 'quotient.pdf', bytes: Buffer.from('pas un PDF du tout') },
    ]);
    expect(refusedSecond.status).toBe(400);
    expect(errorsOf(refusedSecond.html)).toEqual({
      [quotient]: expect.stringMatching(/^Le fichier « quotient.pdf » n’est ni un PDF/),
    });
    expect(await written(commune)).toEqual(before);
    expect(await stored()).toEqual([]);

    // Both files right: both documents and the request are written together.
    const sent = await postMultipart(family.client, formPath, {}, [goodPdf, goodQuotient]);
    expect(sent.status).toBe(303);
    const documentsNow = await stored();
    expect(documentsNow).toHaveLength(2);
    const requestId = sent.location!.split('?')[0]!.split('/').at(-1)!;
    const answers = ((await requestRow(t, requestId))!.payload as { answers: { documentId: string }[] }).answers;
    expect(answers.map((answer) => answer.documentId).sort()).toEqual(documentsNow.map((d) => d.id).sort());

    // The very files of the documents waiting for validation, sent again: those documents are given.
    const again = await postMultipart(family.client, formPath, {}, [goodPdf, goodQuotient]);
    expect(again.status).toBe(303);
    const againId = again.location!.split('?')[0]!.split('/').at(-1)!;
    expect((await requestRow(t, againId))!.payload).toMatchObject({ answers });
    expect(await stored()).toEqual(documentsNow);
  });

  it('a child’s document question asks which child, refuses another family’s, and files the piece against the child', async () => {
    const { commune, admin } = await communeWithCatalogue();
    const created = await (async () => {
      await admin.get(settings(commune));
      return admin.post(settings(commune), { title: 'Certificat de vaccination' });
    })();
    const page = created.location!.split('?')[0]!;
    const id = page.split('/').at(-1)!;
    const settingsPage = await admin.get(page);
    expect(textOf(settingsPage.html)).toContain('Carnet de vaccination (pour un enfant)');
    const question = { label: 'Vaccinations', kind: 'document', documentType: 'vaccinations', required: 'oui' };
    expect((await admin.post(`${page}/questions`, question)).status).toBe(303);
    expect((await admin.post(`${page}/publication`, { published: 'oui' })).status).toBe(303);
    const field = `q-${(await t.container.demarches.find(commune.id, id))!.fields[0]!.id}`;
    const childField = `${field}-enfant`;

    const family = await linkedParent(t, commune);
    const lea = await t.container.families.insertMember({
      communeId: commune.id,
      familyId: family.family.id,
      firstName: 'Léa',
      lastName: family.child.lastName,
      birthDate: '2020-02-03',
    });
    const stranger = await linkedParent(t, commune, 'Autrefamille', { logIn: false });
    const formPath = `${familyList(commune)}/${id}`;
    const form = await family.client.get(formPath);
    const formText = textOf(form.html);
    expect(formText).toContain('Pour quel enfant est la pièce « Vaccinations » ? (obligatoire)');
    // Two children: neither is ticked, the family chooses; the choice comes before the file.
    expect(form.html).toContain(`name="${childField}" value="${family.child.id}"`);
    expect(form.html).toContain(`name="${childField}" value="${lea.id}"`);
    expect(form.html).not.toMatch(new RegExp(`name="${childField}" value="[^"]+" checked`));
    expect(form.html.indexOf(`name="${childField}"`)).toBeLessThan(form.html.indexOf('type="file"'));

    const pdf = { field, name: 'carnet.pdf', bytes: await pdfOf('Carnet de vaccination de Léa') };
    const stored = async () =>
      t.container.database.db.select().from(documents).where(eq(documents.communeId, commune.id));
    const before = await written(commune);
    const noChild = await postMultipart(family.client, formPath, {}, [pdf]);
    expect(noChild.status).toBe(400);
    expect(errorsOf(noChild.html)).toEqual({ [childField]: 'Choisissez l’enfant concerné par « Vaccinations ».' });
    const foreign = await postMultipart(family.client, formPath, { [childField]: stranger.child.id }, [pdf]);
    expect(foreign.status).toBe(400);
    expect(errorsOf(foreign.html)).toEqual({
      [childField]: 'Choisissez pour « Vaccinations » l’un des enfants de votre dossier famille.',
    });
    expect(textOf(foreign.html)).not.toContain(stranger.child.firstName + ' ' + 'Autrefamille');
    expect(await written(commune)).toEqual(before);
    expect(await stored()).toEqual([]);

    const sent = await postMultipart(family.client, formPath, { [childField]: lea.id }, [pdf]);
    expect(sent.status).toBe(303);
    const [document] = await stored();
    expect(document).toMatchObject({ familyId: family.family.id, memberId: lea.id, status: 'pending' });
    const requestId = sent.location!.split('?')[0]!.split('/').at(-1)!;
    expect((await requestRow(t, requestId))!.payload).toMatchObject({
      answers: [
        {
          label: 'Vaccinations',
          value: 'carnet.pdf',
          documentId: document!.id,
          memberId: lea.id,
          child: `Léa ${family.child.lastName}`,
        },
      ],
    });
    // The guichet reads which child the piece is for, next to the piece.
    const { client: desk } = await deskAgent(t, commune);
    const seen = textOf((await desk.get(`/${commune.slug}/guichet/demandes/${requestId}`)).html);
    expect(seen).toContain(`Vaccinations : enfant concerné Léa ${family.child.lastName}`);
    // Léa's piece is hers: Rémi's « Carnet de vaccination » is still to give.
    expect(
      await t.container.documents.stateOf(commune, family.family.id, 'vaccinations', family.child.id),
    ).toMatchObject({ documentId: null });
  });

  it('a family with one child has that child ticked on a child’s document question', async () => {
    const commune = await createCommune(t.container.communes);
    await t.container.documentTypes.addStandardCatalogue(commune, { kind: 'system' });
    const { client: admin } = await deskAgent(t, commune, { role: 'administrateur' });
    await admin.get(settings(commune));
    const page = (await admin.post(settings(commune), { title: 'PAI' })).location!.split('?')[0]!;
    await admin.get(page);
    const question = { label: 'Vaccinations', kind: 'document', documentType: 'vaccinations', required: 'oui' };
    expect((await admin.post(`${page}/questions`, question)).status).toBe(303);
    expect((await admin.post(`${page}/publication`, { published: 'oui' })).status).toBe(303);
    const id = page.split('/').at(-1)!;
    const field = `q-${(await t.container.demarches.find(commune.id, id))!.fields[0]!.id}`;
    const family = await linkedParent(t, commune);
    const form = await family.client.get(`${familyList(commune)}/${id}`);
    expect(form.html).toContain(`name="${field}-enfant" value="${family.child.id}" checked`);
  });
});
