import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/appFixture.js';
import { testDatabases } from '../../../test/databases.js';
import { pdfOf } from '../../../test/documentFiles.js';
import { createCommune } from '../../../test/factories.js';
import { linkedParent } from '../../../test/familyFactories.js';
import { enrol, setUpServices } from '../../../test/serviceFactories.js';
import { auditEvents } from '../audit/auditSchema.js';
import { noScanner } from '../documents/clamd.js';
import { absences } from './bookingsSchema.js';

describe.each(testDatabases())('a medical certificate validated on $name', ({ open }) => {
  const { t } = useTestApp(open);

  it('justifies the child’s illnesses it covers, in the validation’s transaction, and no other absence', async () => {
    t.clock.set('2026-11-17T08:00:00+01:00');
    t.container.vault.scanner = noScanner;
    const commune = await createCommune(t.container.communes);
    await t.container.documentTypes.addStandardCatalogue(commune, { kind: 'system' });
    const { schoolYear, services } = await setUpServices(t.container, commune);
    const family = await linkedParent(t, commune);
    await enrol(t.container, commune, {
      familyId: family.family.id,
      memberId: family.child.id,
      serviceId: services.restauration.id,
      schoolYearId: schoolYear.id,
    });
    const author = { kind: 'citizen' as const, id: family.citizen.id, label: 'Aurélie' };
    const report = async (firstDay: string, lastDay: string, reason: 'maladie' | 'autre') => {
      const outcome = await t.container.absences.report(
        commune,
        family.family.id,
        { memberId: family.child.id, firstDay, lastDay, serviceIds: [services.restauration.id], reason, note: '' },
        author,
      );
      if (!outcome.ok) throw new Error(JSON.stringify(outcome));
    };
    await report('2026-11-17', '2026-11-19', 'maladie');
    await report('2026-11-23', '2026-11-27', 'maladie');
    await report('2026-11-20', '2026-11-20', 'autre');

    const type = (await t.container.documentTypes.types(commune)).find((x) => x.code === 'certificat-medical')!;
    const sent = await t.container.documents.upload(
      commune,
      family.family.id,
      { citizenId: family.citizen.id, actor: { kind: 'citizen', id: family.citizen.id, label: 'Aurélie' } },
      {
        typeId: type.id,
        memberId: family.child.id,
        files: [{ name: 'certificat.pdf', bytes: await pdfOf('Certificat médical') }],
      },
    );
    if (!sent.ok) throw new Error(sent.reason);
    const justified = async () =>
      (
        await t.container.database.db
          .select()
          .from(absences)
          .where(eq(absences.communeId, commune.id))
          .orderBy(absences.firstDay)
      ).map((absence) => [absence.firstDay, absence.reason, absence.justified]);
    expect(await justified()).toEqual([
      ['2026-11-17', 'maladie', false],
      ['2026-11-20', 'autre', false],
      ['2026-11-23', 'maladie', false],
    ]);

    const agentId = '00000000-0000-4000-8000-000000000001';
    const validated = await t.container.documents.validate(
      commune,
      { id: agentId, actor: { kind: 'agent', id: agentId } },
      sent.document.id,
      { validFrom: '2026-11-17', validUntil: '2026-11-20' },
    );
    expect(validated.ok).toBe(true);
    // The certificate covers the first illness whole; another reason is never justified by it, nor an illness past its end.
    expect(await justified()).toEqual([
      ['2026-11-17', 'maladie', true],
      ['2026-11-20', 'autre', false],
      ['2026-11-23', 'maladie', false],
    ]);
    const lines = await t.container.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.communeId, commune.id), eq(auditEvents.action, 'absence.justified')));
    expect(lines.map((line) => line.details)).toEqual([{ documentId: sent.document.id }]);
  });
});
