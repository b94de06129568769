import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { pdfOf } from '../../../../../test/documentFiles.js';
import { createCommune } from '../../../../../test/factories.js';
import { linkedParent } from '../../../../../test/familyFactories.js';
import { deskAgent } from '../../../../../test/requestFactories.js';
import { enrol, setUpServices } from '../../../../../test/serviceFactories.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { noScanner } from '../../../documents/clamd.js';
import { documents } from '../../../documents/documentsSchema.js';
import { requests } from '../../../requests/requestsSchema.js';
import { absences } from '../../bookingsSchema.js';

describe.each(testDatabases())(
  'an illness’s medical certificate with « Signaler une absence » on $name',
  ({ open }) => {
    const { t } = useTestApp(open);

    const written = async (commune: Commune) => {
      const { db } = t.container.database;
      const counted = async (table: typeof requests | typeof absences | typeof documents) =>
        (await db.select({ n: count() }).from(table).where(eq(table.communeId, commune.id)))[0]!.n;
      return {
        requests: await counted(requests),
        absences: await counted(absences),
        documents: await counted(documents),
      };
    };

    it('takes the certificate with the report, justifies the absence once validated, and reuses the validated one', async () => {
      t.clock.set('2026-11-17T08:30:00+01:00');
      const commune = await createCommune(t.container.communes);
      t.container.vault.scanner = noScanner;
      await t.container.documentTypes.addStandardCatalogue(commune, { kind: 'system' });
      const { schoolYear, services } = await setUpServices(t.container, commune);
      const family = await linkedParent(t, commune);
      await enrol(t.container, commune, {
        familyId: family.family.id,
        memberId: family.child.id,
        serviceId: services.restauration.id,
        schoolYearId: schoolYear.id,
      });
      const path = `/${commune.slug}/ma-famille/absences/nouvelle`;
      const page = await family.client.get(path);
      expect(page.html).toContain('enctype="multipart/form-data"');
      expect(textOf(page.html)).toContain('Joindre le certificat médical maintenant');
      expect(textOf(page.html)).not.toContain('déjà validé');
      const form = (fields: Record<string, string> = {}) => ({
        memberId: family.child.id,
        firstDay: '17/11/2026',
        lastDay: '17/11/2026',
        [`service-${services.restauration.id}`]: 'oui',
        reason: 'maladie',
        note: '',
        certificat: 'joindre',
        ...fields,
      });
      const certificate = async (text = 'Certificat médical : Rémi, 3 jours') => [
        { field: 'certificatFichiers', name: 'certificat.pdf', bytes: await pdfOf(text) },
      ];

      const before = await written(commune);
      const none = await family.client.postMultipart(path, form(), []);
      expect(none.status).toBe(400);
      expect(summaryOf(none.html)).toEqual({
        certificatFichiers: 'Choisissez le ou les fichiers du certificat médical.',
      });
      const notPdf = await family.client.postMultipart(path, form(), [
        { field: 'certificatFichiers', name: 'certificat.pdf', bytes: Buffer.from('MZ pas un PDF') },
      ]);
      expect(notPdf.status).toBe(400);
      expect(summaryOf(notPdf.html).certificatFichiers).toMatch(/^Le fichier « certificat.pdf » n’est ni un PDF/);
      expect(await written(commune)).toEqual(before);

      const sent = await family.client.postMultipart(path, form(), await certificate());
      expect([sent.status, sent.location]).toEqual([303, `${path}?fait=certificat`]);
      expect(textOf((await family.client.follow()).html)).toContain(
        'Votre signalement et le certificat médical sont transmis au guichet unique',
      );
      const [stored] = await t.container.database.db
        .select()
        .from(documents)
        .where(eq(documents.communeId, commune.id));
      expect(stored).toMatchObject({ memberId: family.child.id, status: 'pending' });
      const [absence] = await t.container.database.db.select().from(absences).where(eq(absences.communeId, commune.id));
      expect(absence!.justified).toBe(false);

      // The same days again: refused, and the certificate sent with it is not stored either.
      const again = await written(commune);
      const repeated = await family.client.postMultipart(path, form(), await certificate('Un autre certificat'));
      expect(repeated.status).toBe(400);
      expect(await written(commune)).toEqual(again);

      // The agent validates it: the absence is justified in the same transaction.
      const { agent } = await deskAgent(t, commune);
      const validated = await t.container.documents.validate(
        commune,
        { id: agent.id, actor: { kind: 'agent', id: agent.id } },
        stored!.id,
        { validFrom: '2026-11-17', validUntil: '2026-11-19' },
      );
      expect(validated.ok).toBe(true);
      const justified = async () =>
        (await t.container.database.db.select().from(absences).where(eq(absences.communeId, commune.id)))
          .sort((a, b) => a.firstDay.localeCompare(b.firstDay))
          .map((row) => [row.firstDay, row.justified]);
      expect(await justified()).toEqual([['2026-11-17', true]]);

      // The validated certificate covers the 19th: chosen, it justifies the report at once.
      const withValid = await family.client.get(path);
      expect(textOf(withValid.html)).toContain(
        'Utiliser le certificat médical déjà validé (valable jusqu’au 19/11/2026)',
      );
      const reused = await family.client.postMultipart(
        path,
        form({ firstDay: '19/11/2026', lastDay: '19/11/2026', certificat: 'valide' }),
        [],
      );
      expect([reused.status, reused.location]).toEqual([303, `${path}?fait=justifiee`]);
      expect(await justified()).toEqual([
        ['2026-11-17', true],
        ['2026-11-19', true],
      ]);
      // Past its days, it is reused but does not justify.
      const past = await family.client.postMultipart(
        path,
        form({ firstDay: '20/11/2026', lastDay: '20/11/2026', certificat: 'valide' }),
        [],
      );
      expect([past.status, past.location]).toEqual([303, `${path}?fait=maladie`]);
      expect((await justified()).at(-1)).toEqual(['2026-11-20', false]);
      expect((await written(commune)).documents).toBe(1);
    });
  },
);
