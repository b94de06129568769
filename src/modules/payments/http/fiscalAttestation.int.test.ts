import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/appFixture.js';
import { childOf, issuedInvoiceOfDays, paidAtDesk } from '../../../../test/attestationFactories.js';
import type { WebClient } from '../../../../test/browserSession.js';
import { testDatabases } from '../../../../test/databases.js';
import { createCommune } from '../../../../test/factories.js';
import { linkedParent } from '../../../../test/familyFactories.js';
import { textOf } from '../../../../test/html.js';
import { pdfText } from '../../../../test/pdfText.js';
import { deskAgent } from '../../../../test/requestFactories.js';
import { auditEvents } from '../../audit/auditSchema.js';
import { invoiceMentions } from '../paymentsSchema.js';
import { attestationPaths, deskAttestationPaths } from './fiscalAttestationPaths.js';
import { invoicePaths } from './paymentPaths.js';

const cookieOf = (client: WebClient) =>
  client
    .cookieNames()
    .map((name) => `${name}=${client.cookie(name)}`)
    .join('; ');

describe.each(testDatabases())('the attestation fiscale on $name', ({ open }) => {
  const { t } = useTestApp(open);

  /**
   * The Dupont family: Rémi (born 2018, never eligible here) and Léo, born 10 June 2021 (under 6 on
   * 1 January 2026 and 2027). November 2026: Léo's 3 evenings at 2,45 € and 2 lunches at 4,20 € of
   * which 2,60 € is the meal, Rémi's 2 evenings: 20,65 €, paid whole on 10 December 2026. December
   * 2026: Léo's 4 mornings at 1,20 €, one with a 0,60 € majoration: 5,40 €, paid on 12 January 2027;
   * a cheque of 1,00 € on it, cancelled.
   */
  async function setUp() {
    t.clock.set('2027-02-10T10:00:00+01:00');
    const commune = await createCommune(t.container.communes);
    const family = await linkedParent(t, commune, 'Dupont');
    const familyId = family.family.id;
    const leo = await childOf(t.container, commune, familyId, {
      firstName: 'Léo',
      lastName: 'Dupont',
      birthDate: '2021-06-10',
      sex: 'M',
    });
    const L = { memberId: leo.id, memberName: 'Léo DUPONT' };
    const R = { memberId: family.child.id, memberName: 'Rémi DUPONT' };
    const november = await issuedInvoiceOfDays(t.container, commune, familyId, '2026-11', [
      ...['2026-11-03', '2026-11-05', '2026-11-06'].map((day) => ({
        ...L,
        service: 'soir' as const,
        day,
        unitPriceCents: 245,
      })),
      ...['2026-11-03', '2026-11-05'].map((day) => ({
        ...L,
        service: 'restauration' as const,
        day,
        unitPriceCents: 420,
        mealCents: 260,
      })),
      ...['2026-11-03', '2026-11-05'].map((day) => ({ ...R, service: 'soir' as const, day, unitPriceCents: 245 })),
    ]);
    const december = await issuedInvoiceOfDays(t.container, commune, familyId, '2026-12', [
      ...['2026-12-01', '2026-12-02', '2026-12-03'].map((day) => ({
        ...L,
        service: 'matin' as const,
        day,
        unitPriceCents: 120,
      })),
      { ...L, service: 'matin', day: '2026-12-04', unitPriceCents: 120, majorationCents: 60 },
    ]);
    expect([november.totalCents, december.totalCents]).toEqual([2065, 540]);
    await paidAtDesk(t.container, commune, familyId, '2026-12-10', [{ invoiceId: november.id, amountCents: 2065 }]);
    const mistaken = await paidAtDesk(t.container, commune, familyId, '2026-12-20', [
      { invoiceId: december.id, amountCents: 100 },
    ]);
    const cancelled = await t.container.payments.cancel(
      commune,
      familyId,
      mistaken,
      'Chèque sans provision',
      { kind: 'system' },
      '',
    );
    expect(cancelled.ok).toBe(true);
    await paidAtDesk(t.container, commune, familyId, '2027-01-12', [{ invoiceId: december.id, amountCents: 540 }]);
    await t.container.database.db.insert(invoiceMentions).values({
      communeId: commune.id,
      regie: 'Régie des services périscolaires et de loisirs',
      responsibleName: 'Claire Martin',
      responsiblePosition: 'régisseuse titulaire',
      court: 'tribunal administratif de Versailles',
    });
    return { commune, family, leo, mine: attestationPaths(commune), desk: deskAttestationPaths(commune) };
  }

  it('lists each year with the care paid for Léo only, and gives the same tagged PDF each time', async () => {
    const { commune, family, leo, mine } = await setUp();
    const invoices = textOf((await family.client.get(invoicePaths(commune).list)).html);
    expect(invoices).toContain('Attestation fiscale');
    const page = await family.client.get(mine.list);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    // 2027: 3 mornings at 1,20 € (the majoration left out). 2026: 3 × 2,45 € + 2 × (4,20 − 2,60) €.
    expect(text).toContain('Année 2027');
    expect(text).toContain('Léo DUPONT, né le 10/06/2021 : 4,80 € payés en 2027.');
    expect(text).toContain('Léo DUPONT, né le 10/06/2021 : 10,55 € payés en 2026.');
    expect(text).not.toContain('Rémi');
    expect(page.html).toContain(`href="${mine.pdf(2026, leo.id)}"`);

    const download = () => t.get(mine.pdf(2026, leo.id), { headers: { cookie: cookieOf(family.client) } });
    const first = await download();
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('content-disposition')).toBe('attachment; filename="attestation-fiscale-2026.pdf"');
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(Buffer.from(await (await download()).arrayBuffer()).equals(bytes)).toBe(true);
    const raw = bytes.toString('latin1');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toContain('/Lang (fr-FR)');
    const pdf = pdfText(bytes);
    for (const mention of [
      'Attestation fiscale 2026',
      `Commune de ${commune.name} — Régie des services périscolaires et de loisirs`,
      'Léo DUPONT, né le 10/06/2021',
      'Montant payé en 2026 pour la garde de l’enfant : 10,55 €',
      'Sont comptés les paiements reçus du 1er janvier au 31 décembre 2026',
      'Ne sont pas comptés : les repas',
      'Attestation délivrée le mercredi 10 février 2027',
      'Claire Martin, régisseuse titulaire',
    ]) {
      expect(pdf).toContain(mention);
    }
  });

  it('finds no attestation for a child not eligible, a year with nothing paid, or an address that names no year', async () => {
    const { family, leo, mine } = await setUp();
    const cookie = { headers: { cookie: cookieOf(family.client) } };
    expect((await t.get(mine.pdf(2026, family.child.id), cookie)).status).toBe(404);
    expect((await t.get(mine.pdf(2025, leo.id), cookie)).status).toBe(404);
    expect((await t.get(mine.pdf(2028, leo.id), cookie)).status).toBe(404);
    expect((await t.get(mine.list + `/20x6/${leo.id}/attestation.pdf`, cookie)).status).toBe(404);
    expect((await t.get(mine.list + `/1999/${leo.id}/attestation.pdf`, cookie)).status).toBe(404);
  });

  it('says why there is nothing: no child under 6 on 1 January, or nothing paid for their care', async () => {
    t.clock.set('2026-12-06T10:00:00+01:00');
    const commune = await createCommune(t.container.communes);
    const family = await linkedParent(t, commune, 'Dupont');
    const none = textOf((await family.client.get(attestationPaths(commune).list)).html);
    expect(none).toContain(
      'Pas d’attestation pour 2026 : aucun enfant de votre famille n’avait moins de 6 ans au 1er janvier 2026.',
    );
    expect(none).toContain('Pas d’attestation pour 2025');
    await childOf(t.container, commune, family.family.id, {
      firstName: 'Léo',
      lastName: 'Dupont',
      birthDate: '2021-06-10',
    });
    const unpaid = textOf((await family.client.get(attestationPaths(commune).list)).html);
    expect(unpaid).toContain('Pas d’attestation pour 2026 : rien n’a été payé en 2026 pour la garde de Léo DUPONT.');
  });

  it('the desk produces the same attestation from the family’s payments, and the log says who did', async () => {
    const { commune, family, leo, mine, desk } = await setUp();
    const agent = await deskAgent(t, commune);
    const payments = textOf(
      (await agent.client.get(`/${commune.slug}/guichet/familles/${family.family.id}/paiements`)).html,
    );
    expect(payments).toContain('Attestations fiscales de la famille');
    const page = await agent.client.get(desk.list(family.family.id));
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Léo DUPONT, né le 10/06/2021 : 10,55 € payés en 2026.');
    const produced = await t.get(desk.pdf(family.family.id, 2026, leo.id), {
      headers: { cookie: cookieOf(agent.client) },
    });
    expect(produced.status).toBe(200);
    const bytes = Buffer.from(await produced.arrayBuffer());
    const familyBytes = Buffer.from(
      await (await t.get(mine.pdf(2026, leo.id), { headers: { cookie: cookieOf(family.client) } })).arrayBuffer(),
    );
    expect(bytes.equals(familyBytes)).toBe(true);
    const logged = await t.container.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'fiscal-attestation.produced'));
    expect(logged.filter((event) => event.subjectId === leo.id)).toHaveLength(1);
  });
});
