import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { pdfOf } from '../../../../../test/documentFiles.js';
import { createCommune } from '../../../../../test/factories.js';
import { linkedParent } from '../../../../../test/familyFactories.js';
import { deskAgent } from '../../../../../test/requestFactories.js';
import { auditEvents } from '../../../audit/auditSchema.js';
import { familyQuotients } from '../../../billing/billingSchema.js';
import { noScanner } from '../../clamd.js';
import { documents } from '../../documentsSchema.js';

describe.each(testDatabases())('validating an attestation de quotient familial on $name', ({ open }) => {
  const { t } = useTestApp(open);

  it('asks for the QF and its days, enters it for the family with the validation, and writes nothing on a mistake', async () => {
    const commune = await createCommune(t.container.communes);
    t.container.vault.scanner = noScanner;
    await t.container.documentTypes.addStandardCatalogue(commune, { kind: 'system' });
    const family = await linkedParent(t, commune);
    const types = await t.container.documentTypes.types(commune);
    const upload = async (code: string) => {
      const outcome = await t.container.documents.upload(
        commune,
        family.family.id,
        { citizenId: family.citizen.id, actor: { kind: 'citizen', id: family.citizen.id } },
        {
          typeId: types.find((type) => type.code === code)!.id,
          memberId: null,
          files: [{ name: `${code}.pdf`, bytes: await pdfOf(`Pièce ${code}`) }],
        },
      );
      if (!outcome.ok) throw new Error(outcome.reason);
      return outcome.document.id;
    };
    const attestation = await upload('quotient-familial');
    const { client: desk } = await deskAgent(t, commune);
    const page = `/${commune.slug}/guichet/pieces/${attestation}`;
    const shown = await desk.get(page);
    expect(textOf(shown.html)).toContain('Quotient familial de l’attestation');
    expect(shown.html).toContain('name="qfValue"');

    const written = async () => ({
      document: (await t.container.database.db.select().from(documents).where(eq(documents.id, attestation)))[0]!
        .status,
      quotients: await t.container.database.db
        .select()
        .from(familyQuotients)
        .where(eq(familyQuotients.familyId, family.family.id)),
    });
    const valid = { validFrom: '05/11/2026', validUntil: '04/02/2027', qfSource: 'caf' };
    const mistakes: [Record<string, string>, Record<string, string>][] = [
      [
        { ...valid, qfFrom: '01/01/2026', qfTo: '31/12/2026' },
        { qfValue: 'Indiquez le quotient familial écrit sur l’attestation, en euros.' },
      ],
      [
        { ...valid, qfValue: '7 1 2 €', qfFrom: '01/01/2026', qfTo: '31/12/2026' },
        { qfValue: 'Indiquez le quotient familial en euros, un nombre entier de 0 à 100 000.' },
      ],
      [
        { ...valid, qfValue: '712', qfSource: 'impots', qfFrom: '01/01/2026', qfTo: '31/12/2026' },
        { qfSource: 'Choisissez l’organisme qui a établi l’attestation : CAF ou MSA.' },
      ],
      [
        { ...valid, qfValue: '712', qfFrom: '31/12/2026', qfTo: '01/01/2026' },
        { qfTo: 'Le dernier jour de validité du quotient doit être le premier jour ou un jour après.' },
      ],
      [
        { ...valid, validFrom: '', qfValue: '712', qfFrom: '01/01/1999', qfTo: '31/12/2026' },
        {
          validFrom: 'Indiquez le premier jour de validité.',
          qfFrom: 'Indiquez le premier jour de validité du quotient au format JJ/MM/AAAA, entre 2000 et 2100.',
        },
      ],
    ];
    for (const [fields, errors] of mistakes) {
      await desk.get(page);
      const refused = await desk.post(`${page}/valider`, fields);
      expect(refused.status, JSON.stringify(fields)).toBe(400);
      expect(summaryOf(refused.html)).toEqual(errors);
      expect(await written()).toEqual({ document: 'pending', quotients: [] });
    }

    await desk.get(page);
    const done = await desk.post(`${page}/valider`, {
      ...valid,
      qfValue: '712',
      qfFrom: '01/01/2026',
      qfTo: '31/12/2026',
    });
    expect(done.status).toBe(303);
    const after = await written();
    expect(after.document).toBe('validated');
    expect(after.quotients).toEqual([
      expect.objectContaining({ value: 712, source: 'caf', validFrom: '2026-01-01', validTo: '2026-12-31' }),
    ]);
    const [entered] = await t.container.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.communeId, commune.id), eq(auditEvents.action, 'billing.quotient.enter')));
    expect(entered).toMatchObject({ subjectId: family.family.id });

    // Another piece is validated with its days alone.
    const domicile = await upload('domicile');
    const other = await desk.get(`/${commune.slug}/guichet/pieces/${domicile}`);
    expect(other.html).not.toContain('name="qfValue"');
    expect((await desk.post(`/${commune.slug}/guichet/pieces/${domicile}/valider`, valid)).status).toBe(303);
    expect((await written()).quotients).toHaveLength(1);
  });
});
