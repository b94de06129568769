import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FormCut } from '../../platform/http/multipartForm.js';
import { createFamily } from '../../../test/agentFactories.js';
import { useTestApp } from '../../../test/appFixture.js';
import { testDatabases } from '../../../test/databases.js';
import {
  EICAR,
  PDF_WITH_JAVASCRIPT,
  phonePhoto,
  pdfOf,
  pixelBomb,
  startOwnClamd,
  testClamdAddress,
} from '../../../test/documentFiles.js';
import { createCommune } from '../../../test/factories.js';
import { waitForMail } from '../../../test/mailbox.js';
import type { Commune } from '../communes/domain/commune.js';
import { ClamdScanner, noScanner, parseClamdAddress } from './clamd.js';
import { documentChunks, documentFiles, documents } from './documentsSchema.js';
import { rewrapAll } from './keyRotation.js';
import { CHUNK_BYTES, masterKeyOf } from './vaultCrypto.js';
import { DocumentsRepository } from './documentsRepository.js';
import { FamiliesRepository } from '../families/familiesRepository.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { IncomingFile } from './streamedIntake.js';

const citizenAuthor = { citizenId: null, actor: { kind: 'citizen' as const, label: 'test' } };
const agentOf = (id = '00000000-0000-4000-8000-000000000001') => ({ id, actor: { kind: 'agent' as const, id } });
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function readAll(bytes: AsyncGenerator<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of bytes) parts.push(part);
  return Buffer.concat(parts);
}

describe.each(testDatabases())('the document vault on $name', ({ open }) => {
  const { t } = useTestApp(open);
  let commune: Commune;
  const typeId = async (code: string) =>
    (await t.container.documentTypes.types(commune)).find((x) => x.code === code)!.id;

  beforeAll(async () => {
    t.clock.set('2026-11-10T10:00:00+01:00');
    commune = await createCommune(t.container.communes);
    await t.container.documentTypes.addStandardCatalogue(commune, { kind: 'system' });
    t.container.vault.scanner = noScanner;
  });

  it('keeps a PDF encrypted, gives it back whole, and reads its state through validation', async () => {
    const { family } = await createFamily(t.container, commune);
    const pdf = await pdfOf('Facture EDF', { padTo: 700_000 });
    const sent = await t.container.documents.upload(commune, family.id, citizenAuthor, {
      typeId: await typeId('domicile'),
      memberId: null,
      files: [{ name: 'facture.pdf', bytes: pdf }],
    });
    if (!sent.ok) throw new Error(sent.reason);
    expect(await t.container.documents.stateOf(commune, family.id, 'domicile')).toEqual({
      state: { state: 'pending' },
      documentId: sent.document.id,
    });
    // At rest, the bytes are not the PDF's: no chunk holds its text.
    const chunks = await t.container.database.db
      .select()
      .from(documentChunks)
      .where(eq(documentChunks.communeId, commune.id));
    expect(chunks.length).toBe(3);
    expect(chunks.some((chunk) => Buffer.from(chunk.bytes).includes(pdf.subarray(0, 64)))).toBe(false);

    const shown = await t.container.documents.forFamily(commune, family.id, sent.document.id);
    const opened = await t.container.documents.openFile(
      commune,
      { kind: 'citizen', id: 'x' },
      { familyId: family.id },
      sent.document.id,
      shown!.files[0]!.id,
    );
    expect(sha(await readAll(opened!.bytes))).toBe(sha(pdf));

    const validated = await t.container.documents.validate(commune, agentOf(), sent.document.id, {
      validFrom: '2026-11-10',
      validUntil: '2027-02-09',
    });
    expect(validated.ok).toBe(true);
    expect((await t.container.documents.stateOf(commune, family.id, 'domicile'))?.state).toEqual({
      state: 'validated',
      validUntil: '2027-02-09',
    });
    t.clock.set('2027-02-10T10:00:00+01:00');
    expect((await t.container.documents.stateOf(commune, family.id, 'domicile'))?.state.state).toBe('expired');
    t.clock.set('2026-11-10T10:00:00+01:00');
  });

  it('stops at a changed byte instead of handing out altered contents', async () => {
    const { family } = await createFamily(t.container, commune);
    const sent = await t.container.documents.upload(commune, family.id, citizenAuthor, {
      typeId: await typeId('domicile'),
      memberId: null,
      files: [{ name: 'a.pdf', bytes: await pdfOf('A') }],
    });
    if (!sent.ok) throw new Error(sent.reason);
    const [file] = (await t.container.documents.forFamily(commune, family.id, sent.document.id))!.files;
    const [chunk] = await t.container.database.db
      .select()
      .from(documentChunks)
      .where(eq(documentChunks.fileId, file!.id));
    const changed = Buffer.from(chunk!.bytes);
    changed[10] = changed[10]! ^ 1;
    await t.container.database.db
      .update(documentChunks)
      .set({ bytes: changed })
      .where(eq(documentChunks.fileId, file!.id));
    const opened = await t.container.documents.openFile(
      commune,
      { kind: 'citizen', id: 'x' },
      { familyId: family.id },
      sent.document.id,
      file!.id,
    );
    await expect(readAll(opened!.bytes)).rejects.toThrow(/integrity/);
  });

  it('refuses with a reason mailed to the family, and a new upload replaces the refused one', async () => {
    const { family } = await createFamily(t.container, commune);
    const { activeCitizen } = await import('../../../test/citizenFactories.js');
    const citizen = await activeCitizen(t, commune, {});
    const file = await t.container.families.file(commune.id, family.id);
    await t.container.families.linkCitizen(commune.id, file!.adults[0]!.id, citizen.id);
    const child = file!.members[0]!;
    const first = await t.container.documents.upload(commune, family.id, citizenAuthor, {
      typeId: await typeId('vaccinations'),
      memberId: child.id,
      files: [{ name: 'carnet.jpg', bytes: await phonePhoto() }],
    });
    if (!first.ok) throw new Error(first.reason);
    const refusal = await t.container.documents.refuse(
      commune,
      agentOf(),
      first.document.id,
      'Les pages des vaccins manquent.',
    );
    expect(refusal.ok).toBe(true);
    const mail = await waitForMail(t.container.database.db, (mail) => mail.to === citizen.email);
    expect(mail.text).toContain('Les pages des vaccins manquent.');
    expect((await t.container.documents.stateOf(commune, family.id, 'vaccinations', child.id))?.state).toEqual({
      state: 'refused',
      reason: 'Les pages des vaccins manquent.',
    });
    const second = await t.container.documents.upload(commune, family.id, citizenAuthor, {
      typeId: await typeId('vaccinations'),
      memberId: child.id,
      files: [
        { name: 'page1.jpg', bytes: await phonePhoto() },
        {
          name: 'page2.png',
          bytes: await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } })
            .png()
            .toBuffer(),
        },
      ],
    });
    if (!second.ok) throw new Error(second.reason);
    const [old] = await t.container.database.db.select().from(documents).where(eq(documents.id, first.document.id));
    expect(old!.status).toBe('replaced');
    expect((await t.container.documents.stateOf(commune, family.id, 'vaccinations', child.id))?.state.state).toBe(
      'pending',
    );
  });

  it('re-encodes a phone photo: turned upright, no GPS, at most 2,500 px', async () => {
    const { family } = await createFamily(t.container, commune);
    const photo = await phonePhoto(4000, 3000);
    const sent = await t.container.documents.upload(commune, family.id, citizenAuthor, {
      typeId: await typeId('domicile'),
      memberId: null,
      files: [{ name: 'IMG_0001.JPG', bytes: photo }],
    });
    if (!sent.ok) throw new Error(sent.reason);
    const [file] = (await t.container.documents.forFamily(commune, family.id, sent.document.id))!.files;
    const opened = await t.container.documents.openFile(
      commune,
      { kind: 'citizen', id: 'x' },
      { familyId: family.id },
      sent.document.id,
      file!.id,
    );
    const stored = await readAll(opened!.bytes);
    const metadata = await sharp(stored).metadata();
    // Orientation 6 is a quarter turn: the 4,000 × 3,000 photo stands 1,875 × 2,500 once upright.
    expect([metadata.width, metadata.height]).toEqual([1875, 2500]);
    expect(metadata.exif).toBeUndefined();
    expect(stored.toString('latin1')).not.toContain('PhoneMaker');
  });

  it('refuses, storing nothing: an executable renamed .pdf, an empty file, 11 MB, 11 files, a pixel bomb, JavaScript', async () => {
    const { family } = await createFamily(t.container, commune);
    const domicile = await typeId('domicile');
    const upload = (files: { name: string; bytes: Buffer; truncated?: boolean }[]) =>
      t.container.documents.upload(commune, family.id, citizenAuthor, { typeId: domicile, memberId: null, files });
    const pdf = await pdfOf('ok');
    expect(
      await upload([{ name: 'facture.pdf', bytes: Buffer.from('MZ\x90\x00\x03 this program cannot be run') }]),
    ).toMatchObject({ reason: 'unsupported-type' });
    expect(await upload([{ name: 'vide.pdf', bytes: Buffer.alloc(0) }])).toMatchObject({ reason: 'empty-file' });
    expect(await upload([{ name: 'gros.pdf', bytes: Buffer.alloc(11 * 1024 * 1024, 0x25) }])).toMatchObject({
      reason: 'too-large',
    });
    expect(await upload([{ name: 'coupé.pdf', bytes: pdf, truncated: true }])).toMatchObject({ reason: 'too-large' });
    expect(await upload(Array.from({ length: 11 }, () => ({ name: 'p.pdf', bytes: pdf })))).toMatchObject({
      reason: 'too-many-files',
    });
    expect(await upload([{ name: 'bombe.png', bytes: await pixelBomb() }])).toMatchObject({
      reason: 'image-too-large',
    });
    expect(await upload([{ name: 'script.pdf', bytes: PDF_WITH_JAVASCRIPT }])).toMatchObject({ reason: 'javascript' });
    expect(await upload([])).toMatchObject({ reason: 'no-file' });
    expect(await t.container.database.db.select().from(documents).where(eq(documents.familyId, family.id))).toEqual([]);
  });

  it('takes the same file sent twice at once only once', async () => {
    const { family } = await createFamily(t.container, commune);
    const pdf = await pdfOf('deux fois');
    const input = { typeId: await typeId('domicile'), memberId: null, files: [{ name: 'f.pdf', bytes: pdf }] };
    const both = await Promise.all([
      t.container.documents.upload(commune, family.id, citizenAuthor, input),
      t.container.documents.upload(commune, family.id, citizenAuthor, input),
    ]);
    expect(both.filter((outcome) => outcome.ok)).toHaveLength(1);
    expect(both.find((outcome) => !outcome.ok)).toMatchObject({ reason: 'duplicate' });
  });

  it('names a guessed type or another family’s child as not found', async () => {
    const { family } = await createFamily(t.container, commune);
    const other = await createFamily(t.container, commune);
    const pdf = await pdfOf('x');
    expect(
      await t.container.documents.upload(commune, family.id, citizenAuthor, {
        typeId: await typeId('vaccinations'),
        memberId: other.child.id,
        files: [{ name: 'x.pdf', bytes: pdf }],
      }),
    ).toMatchObject({ reason: 'not-found' });
  });

  it('purges refused files after 30 days, keeping the outcome', async () => {
    const { family } = await createFamily(t.container, commune);
    const sent = await t.container.documents.upload(commune, family.id, citizenAuthor, {
      typeId: await typeId('domicile'),
      memberId: null,
      files: [{ name: 'a.pdf', bytes: await pdfOf('purge') }],
    });
    if (!sent.ok) throw new Error(sent.reason);
    await t.container.documents.refuse(commune, agentOf(), sent.document.id, 'Illisible');
    t.clock.set('2026-12-09T10:00:00+01:00');
    await t.container.documents.purgeDue();
    expect(await t.container.documents.forFamily(commune, family.id, sent.document.id)).not.toBeNull();
    t.clock.set('2026-12-10T10:00:00+01:00');
    await t.container.documents.purgeDue();
    expect(await t.container.documents.forFamily(commune, family.id, sent.document.id)).toBeNull();
    const [row] = await t.container.database.db.select().from(documents).where(eq(documents.id, sent.document.id));
    expect(row).toMatchObject({ status: 'refused', refusalReason: 'Illisible' });
    expect(
      await t.container.database.db.select().from(documentFiles).where(eq(documentFiles.documentId, sent.document.id)),
    ).toEqual([]);
    t.clock.set('2026-11-10T10:00:00+01:00');
  });

  it('rotates the master key: every document key re-wrapped, the files read back the same', async () => {
    const { family } = await createFamily(t.container, commune);
    const pdf = await pdfOf('rotation');
    const sent = await t.container.documents.upload(commune, family.id, citizenAuthor, {
      typeId: await typeId('domicile'),
      memberId: null,
      files: [{ name: 'a.pdf', bytes: pdf }],
    });
    if (!sent.ok) throw new Error(sent.reason);
    const old = t.container.vault.masterKey;
    const next = masterKeyOf(randomBytes(32));
    // The shared test database holds other runs' documents, under keys of their own: left unreadable.
    expect((await rewrapAll(t.container.database.db, next, old)).rewrapped).toBeGreaterThan(0);
    expect((await rewrapAll(t.container.database.db, next, old)).rewrapped).toBe(0);
    const read = async () => {
      const [file] = (await t.container.documents.forFamily(commune, family.id, sent.document.id))!.files;
      const opened = await t.container.documents.openFile(
        commune,
        { kind: 'citizen', id: 'x' },
        { familyId: family.id },
        sent.document.id,
        file!.id,
      );
      return readAll(opened!.bytes);
    };
    try {
      t.container.vault.masterKey = next;
      expect(sha(await read())).toBe(sha(pdf));
    } finally {
      // Back to the old key for the other tests' documents: re-wrapped again.
      await rewrapAll(t.container.database.db, old, next);
      t.container.vault.masterKey = old;
    }
    expect(sha(await read())).toBe(sha(pdf));
  });

  it('as files arrive: a check failing after chunks were written leaves nothing, a file cut short neither', async () => {
    const { family } = await createFamily(t.container, commune);
    const domicile = await typeId('domicile');
    const pdfOfSize = (size: number, tail: string) => {
      const head = Buffer.from('%PDF-1.4\n%');
      return Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, 0x41), Buffer.from(tail)]);
    };
    async function* arriving(bytes: Buffer, cutAt = Infinity) {
      for (let at = 0; at < bytes.length; at += 64 * 1024) {
        if (at >= cutAt) throw new FormCut('incomplete');
        yield bytes.subarray(at, at + 64 * 1024);
      }
    }
    async function* filesOf(...files: IncomingFile[]) {
      yield* files;
    }
    const send = (...files: IncomingFile[]) =>
      t.container.documents.receive(commune, family.id, citizenAuthor, {
        typeId: domicile,
        memberId: null,
        files: filesOf(...files),
      });
    const stored = async () => ({
      documents: await t.container.database.db.select().from(documents).where(eq(documents.familyId, family.id)),
      chunks: (
        await t.container.database.db.select().from(documentChunks).where(eq(documentChunks.communeId, commune.id))
      ).length,
    });
    const before = await stored();
    const inserted = vi.spyOn(DocumentsRepository.prototype, 'insertChunk');
    const big = 3 * CHUNK_BYTES;
    const good = pdfOfSize(big, '\n%%EOF\n');
    try {
      const cases: [IncomingFile[], string][] = [
        [
          [{ name: 'js.pdf', bytes: arriving(pdfOfSize(big, '\n/JavaScript (x)\n%%EOF\n')), truncated: () => false }],
          'javascript',
        ],
        [
          [
            {
              name: 'chiffré.pdf',
              bytes: arriving(pdfOfSize(big, '\n/Encrypt 9 0 R\n%%EOF\n')),
              truncated: () => false,
            },
          ],
          'encrypted',
        ],
        [[{ name: 'coupé.pdf', bytes: arriving(good, CHUNK_BYTES * 2), truncated: () => false }], 'incomplete'],
        [[{ name: 'gros.pdf', bytes: arriving(good), truncated: () => true }], 'too-large'],
        // A first file good and stored, the second refused: neither remains.
        [
          [
            { name: 'bon.pdf', bytes: arriving(good), truncated: () => false },
            { name: 'vide.pdf', bytes: arriving(Buffer.alloc(0)), truncated: () => false },
          ],
          'empty-file',
        ],
      ];
      for (const [files, reason] of cases) {
        inserted.mockClear();
        expect(await send(...files), reason).toMatchObject({ ok: false, reason });
        // On a server the chunks went to the database on the way, and were rolled back.
        if (t.container.database.kind === 'postgres') expect(inserted.mock.calls.length, reason).toBeGreaterThan(0);
      }
    } finally {
      inserted.mockRestore();
    }
    expect(await stored()).toEqual(before);
    const sent = await send({ name: 'bon.pdf', bytes: arriving(good), truncated: () => false });
    if (!sent.ok) throw new Error(sent.reason);
    const [file] = (await t.container.documents.forFamily(commune, family.id, sent.document.id))!.files;
    expect(file).toMatchObject({ fileName: 'bon.pdf', size: big, chunkCount: 3, sha256: sha(good) });
    const opened = await t.container.documents.openFile(
      commune,
      { kind: 'citizen', id: 'x' },
      { familyId: family.id },
      sent.document.id,
      file!.id,
    );
    expect(sha(await readAll(opened!.bytes))).toBe(sha(good));
  });

  it('while files arrive, the family is not locked and the guichet is not held up', async () => {
    const { family } = await createFamily(t.container, commune);
    const head = Buffer.from('%PDF-1.4\n%');
    const pdf = Buffer.concat([head, Buffer.alloc(3 * CHUNK_BYTES, 0x41), Buffer.from('\n%%EOF\n')]);
    let arrived!: () => void;
    const halfway = new Promise<void>((resolve) => (arrived = resolve));
    let resume!: () => void;
    const rest = new Promise<void>((resolve) => (resume = resolve));
    async function* slowly() {
      yield pdf.subarray(0, 2 * CHUNK_BYTES);
      arrived();
      await rest;
      yield pdf.subarray(2 * CHUNK_BYTES);
    }
    async function* oneFile(): AsyncGenerator<IncomingFile> {
      yield { name: 'lent.pdf', bytes: slowly(), truncated: () => false };
    }
    const upload = t.container.documents.receive(commune, family.id, citizenAuthor, {
      typeId: await typeId('domicile'),
      memberId: null,
      files: oneFile(),
    });
    await halfway;
    // Another write on the family (a payment at the guichet, an absence…) takes its lock meanwhile.
    const locked = await inTransaction(t.container.database.db, (tx) =>
      new FamiliesRepository(t.container.database.db).lockFamily(commune.id, family.id, tx),
    );
    expect(locked?.id).toBe(family.id);
    resume();
    expect(await upload).toMatchObject({ ok: true });
  });

  describe('with clamd', () => {
    it('refuses EICAR and a PDF carrying it, accepts a clean PDF', async () => {
      t.container.vault.scanner = new ClamdScanner(parseClamdAddress(testClamdAddress())!);
      try {
        const { family } = await createFamily(t.container, commune);
        const domicile = await typeId('domicile');
        const send = (bytes: Buffer) =>
          t.container.documents.upload(commune, family.id, citizenAuthor, {
            typeId: domicile,
            memberId: null,
            files: [{ name: 'f.pdf', bytes }],
          });
        expect(await send(EICAR)).toMatchObject({ reason: 'infected' });
        // Past the first chunks, stored on the way on a server, then rolled back.
        const large = Buffer.concat([await pdfOf('x', { padTo: 3 * CHUNK_BYTES }), EICAR]);
        expect(await send(large)).toMatchObject({ reason: 'infected' });
        expect(await send(Buffer.concat([await pdfOf('x'), EICAR]))).toMatchObject({ reason: 'infected' });
        const clean = await send(await pdfOf('propre'));
        expect(clean).toMatchObject({ ok: true, document: { scan: 'clean' } });
      } finally {
        t.container.vault.scanner = noScanner;
      }
    });

    it('refuses every upload once clamd has stopped (fail closed)', async () => {
      const clamd = startOwnClamd();
      t.container.vault.scanner = new ClamdScanner(parseClamdAddress(clamd.address)!);
      try {
        const { family } = await createFamily(t.container, commune);
        const send = async () =>
          t.container.documents.upload(commune, family.id, citizenAuthor, {
            typeId: await typeId('domicile'),
            memberId: null,
            files: [{ name: 'f.pdf', bytes: await pdfOf(String(Math.random())) }],
          });
        expect(await send()).toMatchObject({ ok: true });
        await clamd.stop();
        expect(await send()).toMatchObject({ reason: 'scan-unavailable' });
      } finally {
        t.container.vault.scanner = noScanner;
      }
    });
  });
});
