import { createHash } from 'node:crypto';
import net from 'node:net';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { testDatabases } from '../../../../../test/databases.js';
import { download, phonePhoto, pdfOf, postFiles } from '../../../../../test/documentFiles.js';
import { createCommune } from '../../../../../test/factories.js';
import { linkedParent } from '../../../../../test/familyFactories.js';
import { textOf } from '../../../../../test/html.js';
import { waitForMail } from '../../../../../test/mailbox.js';
import { deskAgent } from '../../../../../test/requestFactories.js';
import { auditEvents } from '../../../audit/auditSchema.js';
import type { Commune } from '../../../communes/domain/commune.js';
import type { DocumentType } from '../../documentsRepository.js';
import { documents } from '../../documentsSchema.js';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(testDatabases())('« Pièces justificatives » over HTTP on $name', ({ open }) => {
  const { t } = useTestApp(open);
  let commune: Commune;
  let types: DocumentType[];
  const typeOf = (code: string) => types.find((type) => type.code === code)!;

  beforeAll(async () => {
    t.clock.set('2026-11-10T10:00:00+01:00');
    commune = await createCommune(t.container.communes);
    await t.container.documentTypes.addStandardCatalogue(commune, { kind: 'system' });
    types = await t.container.documentTypes.types(commune);
  });

  const base = () => `/${commune.slug}/mon-tableau-de-bord/pieces-justificatives`;
  const sendPath = (typeId: string, memberId?: string) =>
    `${base()}/types/${typeId}${memberId ? `/enfants/${memberId}` : ''}/envoyer`;
  const storedFor = async (familyId: string) =>
    t.container.database.db.select().from(documents).where(eq(documents.familyId, familyId));

  it('Aurélie sends her justificatif de domicile and Rémi’s vaccinations, reads them back; the desk refuses one, validates the other', async () => {
    const parent = await linkedParent(t, commune);
    const listing = await parent.client.get(base());
    expect(listing.status).toBe(200);
    expect(textOf(listing.html)).toContain('Pour Rémi');
    expect(textOf(listing.html)).toContain('Carnet de vaccination');

    const domicile = await pdfOf('Facture EDF de Madame');
    await parent.client.get(sendPath(typeOf('domicile').id));
    const sent = await postFiles(parent.client, t.origin, sendPath(typeOf('domicile').id), [
      { name: 'facture-edf.pdf', bytes: domicile, type: 'application/pdf' },
    ]);
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`${base()}?fait=envoye`);

    await parent.client.get(sendPath(typeOf('vaccinations').id, parent.child.id));
    const pages = [await phonePhoto(), await phonePhoto(300, 400)];
    const second = await postFiles(
      parent.client,
      t.origin,
      sendPath(typeOf('vaccinations').id, parent.child.id),
      pages.map((bytes, i) => ({ name: `page${i + 1}.jpg`, bytes, type: 'image/jpeg' })),
    );
    expect(second.status).toBe(303);

    const after = textOf((await parent.client.get(base())).html);
    expect(after.match(/En attente de validation/g)).toHaveLength(2);

    // The family reads back what it sent: the same bytes, as a download that no browser runs.
    const [domicileRow] = (await storedFor(parent.family.id)).filter((row) => row.typeId === typeOf('domicile').id);
    const shown = await t.container.documents.forFamily(commune, parent.family.id, domicileRow!.id);
    const file = await download(
      parent.client,
      t.origin,
      `${base()}/${domicileRow!.id}/fichiers/${shown!.files[0]!.id}`,
    );
    expect(file.status).toBe(200);
    expect(sha(file.bytes)).toBe(sha(domicile));
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="facture-edf\.pdf"/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('cache-control')).toBe('no-store');
    expect(file.headers.get('content-security-policy')).toContain('sandbox');

    // The desk: the queue, each document shown in the page, every view audited.
    const desk = await deskAgent(t, commune);
    const queue = await desk.client.get(`/${commune.slug}/guichet/pieces`);
    expect(textOf(queue.html)).toContain('Justificatif de domicile');
    expect(textOf(queue.html)).toContain('Carnet de vaccination');
    const vaccinationRow = (await storedFor(parent.family.id)).find((row) => row.typeId === typeOf('vaccinations').id)!;
    const page = await desk.client.get(`/${commune.slug}/guichet/pieces/${vaccinationRow.id}`);
    expect(page.status).toBe(200);
    expect(page.html.match(/<img /g)).toHaveLength(2);
    // No antivirus in this demo-mode app: the desk is told so.
    expect(textOf(page.html)).toContain('Fichiers non analysés');
    const refused = await desk.client.post(`/${commune.slug}/guichet/pieces/${vaccinationRow.id}/refuser`, {
      reason: 'Les pages des vaccins obligatoires manquent.',
    });
    expect(refused.status).toBe(303);
    const mail = await waitForMail(t.container.database.db, (m) => m.to === parent.citizen.email);
    expect(mail.text).toContain('Les pages des vaccins obligatoires manquent.');

    const domicilePage = await desk.client.get(`/${commune.slug}/guichet/pieces/${domicileRow!.id}`);
    // A frame sandboxed with no permission at all: no script, no form, no top navigation.
    expect(domicilePage.html).toMatch(/<iframe [^>]*sandbox[ >]/);
    const validated = await desk.client.post(`/${commune.slug}/guichet/pieces/${domicileRow!.id}/valider`, {
      validFrom: '10/11/2026',
      validUntil: '09/02/2027',
    });
    expect(validated.status).toBe(303);
    const audit = await t.container.database.db.select().from(auditEvents).where(eq(auditEvents.communeId, commune.id));
    expect(audit.filter((line) => line.action === 'document.opened').length).toBeGreaterThanOrEqual(2);

    const final = textOf((await parent.client.get(base())).html);
    expect(final).toContain('Validée jusqu’au mardi 9 février 2027');
    expect(final).toContain('Refusée');
    expect(final).toContain('Les pages des vaccins obligatoires manquent.');

    // She replaces the refused one.
    await parent.client.get(sendPath(typeOf('vaccinations').id, parent.child.id));
    const replaced = await postFiles(parent.client, t.origin, sendPath(typeOf('vaccinations').id, parent.child.id), [
      { name: 'carnet-complet.pdf', bytes: await pdfOf('Vaccins à jour') },
    ]);
    expect(replaced.status).toBe(303);
    expect(textOf((await parent.client.get(base())).html)).not.toContain('Refusée');
  });

  it('reads `_csrf` before any file: without it, or after the files, 403 and nothing stored', async () => {
    const parent = await linkedParent(t, commune);
    await parent.client.get(sendPath(typeOf('domicile').id));
    const pdf = await pdfOf('x');
    for (const csrf of ['none', 'after-files'] as const) {
      const page = await postFiles(
        parent.client,
        t.origin,
        sendPath(typeOf('domicile').id),
        [{ name: 'a.pdf', bytes: pdf }],
        {
          csrf,
        },
      );
      expect(page.status, csrf).toBe(403);
    }
    expect(await storedFor(parent.family.id)).toEqual([]);
  });

  it('bad input gets a French error on the form, 400, and nothing stored', async () => {
    const parent = await linkedParent(t, commune);
    const path = sendPath(typeOf('domicile').id);
    await parent.client.get(path);
    const pdf = await pdfOf('ok');
    const cases: { files: { name: string; bytes: Buffer }[]; says: string }[] = [
      { files: [{ name: 'facture.pdf', bytes: Buffer.from('MZ\x90\x00 not a pdf at all') }], says: 'ni un PDF' },
      { files: [{ name: 'vide.pdf', bytes: Buffer.alloc(0) }], says: 'est vide' },
      { files: [{ name: 'gros.pdf', bytes: Buffer.alloc(11 * 1024 * 1024, 0x25) }], says: 'dépasse 10 Mo' },
      { files: Array.from({ length: 11 }, (_, i) => ({ name: `p${i}.pdf`, bytes: pdf })), says: '10 fichiers au plus' },
      { files: Array.from({ length: 50 }, (_, i) => ({ name: `p${i}.pdf`, bytes: pdf })), says: '10 fichiers au plus' },
      { files: [], says: 'au moins un fichier' },
    ];
    for (const { files, says } of cases) {
      const page = await postFiles(parent.client, t.origin, path, files);
      expect(page.status, says).toBe(400);
      expect(textOf(page.html), says).toContain(says);
      expect(page.html).toContain('role="alert"');
    }
    expect(await storedFor(parent.family.id)).toEqual([]);
  });

  it('keeps a file’s name without its path or bidi characters', async () => {
    const parent = await linkedParent(t, commune);
    await parent.client.get(sendPath(typeOf('domicile').id));
    const page = await postFiles(parent.client, t.origin, sendPath(typeOf('domicile').id), [
      { name: '..\\..\\Windows\\facture\u202Efdp.exe', bytes: await pdfOf('x') },
    ]);
    expect(page.status).toBe(303);
    const [row] = await storedFor(parent.family.id);
    const shown = await t.container.documents.forFamily(commune, parent.family.id, row!.id);
    expect(shown!.files[0]!.fileName).toBe('facturefdp.pdf');
  });

  it('an upload after the session ended goes to the login page, and nothing is stored', async () => {
    const parent = await linkedParent(t, commune);
    await parent.client.get(sendPath(typeOf('domicile').id));
    t.clock.advance(31 * 60_000);
    const page = await postFiles(parent.client, t.origin, sendPath(typeOf('domicile').id), [
      { name: 'a.pdf', bytes: await pdfOf('late') },
    ]);
    expect(page.status).toBe(303);
    expect(page.location).toBe(`/${commune.slug}/connexion?expiree=1`);
    expect(await storedFor(parent.family.id)).toEqual([]);
  });

  it('another family’s child, or a guessed id, is a 404 and nothing is stored', async () => {
    const parent = await linkedParent(t, commune);
    const other = await linkedParent(t, commune);
    await parent.client.get(base());
    const pdf = await pdfOf('x');
    const page = await postFiles(parent.client, t.origin, sendPath(typeOf('vaccinations').id, other.child.id), [
      { name: 'a.pdf', bytes: pdf },
    ]);
    expect(page.status).toBe(404);
    const guessed = await postFiles(
      parent.client,
      t.origin,
      sendPath('7d0f3a52-9c1e-4b6a-8f2d-3e5b6c7d8e9f', parent.child.id),
      [{ name: 'a.pdf', bytes: pdf }],
    );
    expect(guessed.status).toBe(404);
    expect(await storedFor(parent.family.id)).toEqual([]);
    expect(await storedFor(other.family.id)).toEqual([]);
  });

  it('a truncated upload stores nothing, and the server goes on', async () => {
    const parent = await linkedParent(t, commune);
    await parent.client.get(sendPath(typeOf('domicile').id));
    const pdf = await pdfOf('coupé');
    const boundary = '----parvis-test-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${parent.client.csrfToken}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="fichiers"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const url = new URL(t.origin);
    const cookie = parent.client
      .cookieNames()
      .map((name) => `${name}=${parent.client.cookie(name)}`)
      .join('; ');
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(url.port), url.hostname, () => {
        socket.write(
          `POST ${sendPath(typeOf('domicile').id)} HTTP/1.1\r\nHost: ${url.host}\r\nCookie: ${cookie}\r\n` +
            `Content-Type: multipart/form-data; boundary=${boundary}\r\nContent-Length: ${head.length + pdf.length + 100}\r\n\r\n`,
        );
        socket.write(head);
        // Half the file, then the connection is gone.
        socket.end(pdf.subarray(0, pdf.length / 2));
      });
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
      socket.resume();
    });
    expect((await parent.client.get(base())).status).toBe(200);
    expect(await storedFor(parent.family.id)).toEqual([]);
  });
});
