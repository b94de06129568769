import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAgent, loggedInAgent } from '../../../../test/agentFactories.js';
import { useTestApp } from '../../../../test/appFixture.js';
import { agentPaths } from '../../../doors/agent/agentPaths.js';
import type { WebClient, WebPage } from '../../../../test/browserSession.js';
import { summaryOf, textOf } from '../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../test/databases.js';
import { createCommune } from '../../../../test/factories.js';
import { linkedParent } from '../../../../test/familyFactories.js';
import { issuedInvoice, sixBrackets } from '../../../../test/invoiceFactories.js';
import { pdfText } from '../../../../test/pdfText.js';
import { deskAgent } from '../../../../test/requestFactories.js';
import { buildTestApp } from '../../../../test/testApp.js';
import { auditEvents } from '../../audit/auditSchema.js';
import { paymentAllocations, payments } from '../paymentsSchema.js';
import { deskPaymentPaths, invoicePaths } from './paymentPaths.js';

/** A cheque as the desk types it; `overrides` change or blank a field. */
const chequeForm = (overrides: Record<string, string> = {}) => ({
  means: 'cheque',
  amount: '24,50',
  receivedOn: '02/11/2026',
  payer: 'Aurélie DUPONT',
  chequeNumber: '0001234',
  chequeBank: 'Banque Postale',
  split: 'auto',
  ...overrides,
});

async function postAt(
  origin: string,
  client: WebClient,
  path: string,
  fields: Record<string, string>,
): Promise<WebPage> {
  const cookie = client
    .cookieNames()
    .map((name) => `${name}=${client.cookie(name)}`)
    .join('; ');
  const response = await fetch(origin + path, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: client.csrfToken ?? '', ...fields }).toString(),
    redirect: 'manual',
  });
  return { status: response.status, headers: response.headers, html: await response.text(), location: null };
}

describe.each(testDatabases())('payments at the guichet and « Mes factures » on $name', ({ open }) => {
  const { t, database } = useTestApp(open);

  async function setUp() {
    const commune = await createCommune(t.container.communes);
    await sixBrackets(t.container, commune);
    const family = await linkedParent(t, commune, 'Dupont');
    const who = { familyId: family.family.id, memberId: family.child.id, memberName: 'Rémi DUPONT' };
    const invoice = await issuedInvoice(t.container, commune, who, {
      period: '2026-09',
      days: 10,
      issuedOn: '2026-10-05',
      dueOn: '2026-10-30',
    });
    const desk = await deskAgent(t, commune);
    return { commune, family, invoice, desk, mine: invoicePaths(commune), paths: deskPaymentPaths(commune) };
  }

  // The audit lines of the test's own commune: other files write theirs in the same database at once.
  const auditCount = (communeId: string) =>
    t.container.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(eq(auditEvents.communeId, communeId));

  const paymentRows = (familyId: string) =>
    t.container.database.db.select().from(payments).where(eq(payments.familyId, familyId));

  it('the agent records a cheque, and the family reads « payée », its invoice page and the same PDF each time', async () => {
    const { family, invoice, desk, mine, paths } = await setUp();
    const before = textOf((await family.client.get(mine.list)).html);
    expect(before).toContain('Il vous reste 24,50 € à payer.');
    expect(before).toContain('En retard');
    expect(before).toContain('la tranche la plus haute s’applique');

    await desk.client.get(paths.record(family.family.id));
    const recorded = await desk.client.post(paths.record(family.family.id), chequeForm());
    expect(recorded.status).toBe(303);
    const list = textOf((await desk.client.follow()).html);
    expect(list).toContain('Le paiement est enregistré.');
    expect(list).toContain('Chèque n° 0001234 (Banque Postale)');

    const after = textOf((await family.client.get(mine.list)).html);
    expect(after).toContain('Vous n’avez rien à payer.');
    expect(after).toContain('Payée');
    const page = await family.client.get(mine.invoice(invoice.id));
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain(`Facture n° ${invoice.number}`);
    expect(text).toContain('10 × repas');
    expect(text).toContain('Chèque, 24,50 €');
    expect(text).toContain('deux mois');
    const first = await t.get(mine.pdf(invoice.id), { headers: { cookie: cookieOf(family.client) } });
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await first.arrayBuffer());
    const again = Buffer.from(
      await (await t.get(mine.pdf(invoice.id), { headers: { cookie: cookieOf(family.client) } })).arrayBuffer(),
    );
    expect(again.equals(bytes)).toBe(true);
    expect(pdfText(bytes)).toContain('Reste à payer 0,00');
  });

  it('refuses bad input with a French error summary, 400, and writes nothing', async () => {
    const { commune, family, desk, paths } = await setUp();
    await desk.client.get(paths.record(family.family.id));
    const audit = await auditCount(commune.id);
    const cases: [Record<string, string>, string, string][] = [
      [{ amount: '-5' }, 'amount', 'Le montant s’écrit en euros'],
      [{ amount: '0' }, 'amount', 'supérieur à zéro'],
      [{ amount: '999999999' }, 'amount', 'Le montant s’écrit en euros'],
      [{ amount: '150000' }, 'amount', '100 000 €'],
      [{ amount: '24,51' }, 'amount', 'Le paiement dépasse ce que la famille doit (24,50 €)'],
      [{ chequeNumber: '' }, 'chequeNumber', 'Saisissez le numéro du chèque.'],
      [{ receivedOn: '31/02/2026' }, 'receivedOn', 'JJ/MM/AAAA'],
      [{ receivedOn: '03/11/2026' }, 'receivedOn', 'dans le futur'],
      [{ means: 'bitcoin' }, 'means', 'Choisissez le moyen de paiement.'],
      [{ payer: '' }, 'payer', 'Saisissez le nom du payeur.'],
    ];
    for (const [fields, field, message] of cases) {
      const page = await desk.client.post(paths.record(family.family.id), chequeForm(fields));
      expect(page.status, JSON.stringify(fields)).toBe(400);
      expect(summaryOf(page.html)[field], JSON.stringify(fields)).toContain(message);
    }
    expect(await paymentRows(family.family.id)).toEqual([]);
    expect(await auditCount(commune.id)).toEqual(audit);
  });

  it('keeps a surplus as credit when asked, pays an invoice with it or refunds it; bad input is refused with 400, nothing written', async () => {
    const { commune, family, desk, paths, mine, invoice } = await setUp();
    const familyId = family.family.id;
    await desk.client.get(paths.record(familyId));
    const recorded = await desk.client.post(
      paths.record(familyId),
      chequeForm({ amount: '30,00', remainderToCredit: 'oui' }),
    );
    expect(recorded.status).toBe(303);
    const list = textOf((await desk.client.follow()).html);
    expect(list).toContain('Crédit de la famille : 5,50 €');
    expect(list).toContain(`${invoice.number} : 24,50 €, crédit : 5,50 €`);
    expect(textOf((await family.client.get(mine.list)).html)).toContain('Vous avez 5,50 € de crédit');

    const creditPage = await desk.client.get(paths.credit(familyId));
    expect(creditPage.status).toBe(200);
    expect(textOf(creditPage.html)).toContain('La famille a 5,50 € de crédit');
    const audit = await auditCount(commune.id);
    const refund = (fields: Record<string, string>) =>
      desk.client.post(paths.refundCredit(familyId), {
        refundAmount: '5,50',
        refundMeans: 'virement',
        refundedOn: '02/11/2026',
        refundReason: 'Trop-perçu',
        ...fields,
      });
    const cases: [Record<string, string>, string, string][] = [
      [{ refundAmount: '-1' }, 'refundAmount', 'Le montant s’écrit en euros'],
      [{ refundAmount: '5,51' }, 'refundAmount', 'Le remboursement dépasse le crédit de la famille (5,50 €)'],
      [{ refundMeans: 'cesu' }, 'refundMeans', 'Choisissez le moyen du remboursement.'],
      [{ refundedOn: '03/11/2026' }, 'refundedOn', 'dans le futur'],
      [{ refundReason: '' }, 'refundReason', 'Saisissez le motif du remboursement.'],
    ];
    for (const [fields, field, message] of cases) {
      const page = await refund(fields);
      expect(page.status, JSON.stringify(fields)).toBe(400);
      expect(summaryOf(page.html)[field], JSON.stringify(fields)).toContain(message);
    }
    // No invoice is left to pay: using the credit is refused as well.
    const use = await desk.client.post(paths.useCredit(familyId), { creditInvoice: invoice.id, creditAmount: '1,00' });
    expect(use.status).toBe(400);
    expect(summaryOf(use.html).creditInvoice).toContain('Choisissez la facture à payer.');
    expect(await auditCount(commune.id)).toEqual(audit);
    expect(await t.container.payments.refunds(commune, familyId)).toEqual([]);

    expect((await refund({ refundAmount: '5,00' })).status).toBe(303);
    const after = textOf((await desk.client.follow()).html);
    expect(after).toContain('Le remboursement est enregistré.');
    expect(after).toContain('Crédit de la famille : 0,50 €');
    expect(after).toContain('Virement 5,00 € Trop-perçu');
  });

  it('pays an open invoice with the credit from the desk', async () => {
    const { commune, family, desk, paths, invoice } = await setUp();
    const familyId = family.family.id;
    await t.container.payments.record(
      commune,
      familyId,
      {
        means: 'especes',
        amountCents: 1000,
        receivedOn: '2026-11-01',
        payer: 'X',
        chequeNumber: null,
        chequeBank: null,
        allocations: [],
        remainderToCredit: true,
      },
      { kind: 'agent', id: null, label: 'agent@test' },
      '',
    );
    await desk.client.get(paths.credit(familyId));
    const over = await desk.client.post(paths.useCredit(familyId), {
      creditInvoice: invoice.id,
      creditAmount: '10,01',
    });
    expect(over.status).toBe(400);
    expect(summaryOf(over.html).creditAmount).toContain('Le montant dépasse le crédit de la famille (10,00 €)');
    const used = await desk.client.post(paths.useCredit(familyId), {
      creditInvoice: invoice.id,
      creditAmount: '10,00',
    });
    expect(used.status).toBe(303);
    const list = textOf((await desk.client.follow()).html);
    expect(list).toContain('Le crédit paie la facture.');
    expect(list).toContain('Solde de la famille : 14,50 € à payer.');
  });

  it('« Mentions des factures »: the administrator sets them, checked and audited, and the invoice prints them', async () => {
    const { commune, family, desk, mine, invoice } = await setUp();
    const admin = await loggedInAgent(t, commune, await createAgent(t.container, commune, { role: 'administrateur' }));
    const path = agentPaths(commune).invoiceMentions;
    // The settings are the administrators': an agent's door does not know the page.
    expect((await desk.client.get(path)).status).toBe(404);
    const page = await admin.get(path);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('les factures portent une mention générale');
    const fields = {
      regie: 'Régie des services périscolaires de Chanteloup',
      responsibleName: 'Claire MOREAU',
      responsiblePosition: 'régisseuse',
      court: 'tribunal administratif de Versailles',
    };
    const mentionsAudited = () =>
      t.container.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(auditEvents)
        .where(eq(auditEvents.action, 'billing.invoice-mentions'));
    const audit = await mentionsAudited();
    for (const [field, message] of [
      ['regie', 'Saisissez le nom de la régie'],
      ['responsibleName', 'Saisissez le nom de la personne responsable.'],
      ['responsiblePosition', 'Saisissez la fonction'],
      ['court', 'Saisissez le tribunal'],
    ] as const) {
      const refused = await admin.post(path, { ...fields, [field]: ' ' });
      expect(refused.status, field).toBe(400);
      expect(summaryOf(refused.html)[field], field).toContain(message);
    }
    expect((await admin.post(path, { ...fields, court: 'x'.repeat(201) })).status).toBe(400);
    expect(await t.container.payments.mentions(commune)).toBeNull();
    expect(await mentionsAudited()).toEqual(audit);

    expect((await admin.post(path, fields)).status).toBe(303);
    expect(textOf((await admin.follow()).html)).toContain('Les mentions sont enregistrées');
    const [logged] = await t.container.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'billing.invoice-mentions'))
      .orderBy(sql`${auditEvents.id} desc`)
      .limit(1);
    expect(logged).toMatchObject({ communeId: commune.id });
    const text = textOf((await family.client.get(mine.invoice(invoice.id))).html);
    expect(text).toContain('services périscolaires de Chanteloup');
    expect(text).toContain('Claire MOREAU');
    expect(text).toContain('tribunal administratif de Versailles');
    const pdf = await t.get(mine.pdf(invoice.id), { headers: { cookie: cookieOf(family.client) } });
    // What came instead of the PDF, if anything did, says why the text below would be empty.
    expect(pdf.headers.get('content-type'), `${pdf.status}`).toMatch(/^application\/pdf/);
    const printed = pdfText(Buffer.from(await pdf.arrayBuffer()));
    expect(printed).toContain('Claire MOREAU');
    expect(printed).toContain('tribunal administratif de Versailles');
  });

  it('cancels a payment only with a reason, audited; the invoice is to pay again', async () => {
    const { commune, family, desk, paths, mine } = await setUp();
    await desk.client.get(paths.record(family.family.id));
    await desk.client.post(
      paths.record(family.family.id),
      chequeForm({ means: 'especes', chequeNumber: '', chequeBank: '' }),
    );
    const [payment] = await paymentRows(family.family.id);
    expect(payment).toMatchObject({ means: 'especes', chequeNumber: null, amountCents: 2450 });
    await desk.client.get(paths.cancel(family.family.id, payment!.id));
    const empty = await desk.client.post(paths.cancel(family.family.id, payment!.id), { reason: ' ' });
    expect(empty.status).toBe(400);
    expect(summaryOf(empty.html).reason).toBe('Saisissez le motif de l’annulation.');
    const done = await desk.client.post(paths.cancel(family.family.id, payment!.id), { reason: 'Erreur de saisie' });
    expect(done.status).toBe(303);
    expect(textOf((await desk.client.follow()).html)).toContain('Annulé : Erreur de saisie');
    const [line] = await t.container.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'payment.cancelled'))
      .orderBy(sql`id desc`)
      .limit(1);
    expect(line).toMatchObject({ communeId: commune.id, actorKind: 'agent', subjectId: payment!.id });
    expect(textOf((await family.client.get(mine.list)).html)).toContain('Il vous reste 24,50 € à payer.');
  });

  it('two agents paying the same invoice at once (through two app instances on PostgreSQL) never pay it twice', async () => {
    const { commune, family, invoice, paths } = await setUp();
    // Logged in one after the other: each login moves the test clock to a fresh TOTP step.
    const agents: Awaited<ReturnType<typeof deskAgent>>[] = [];
    for (let i = 0; i < 6; i++) agents.push(await deskAgent(t, commune));
    for (const agent of agents) await agent.client.get(paths.record(family.family.id));
    // On PostgreSQL, every other agent through a second instance of the app, as behind a load balancer.
    const second = database.kind === 'postgres' ? await buildTestApp(await open()) : null;
    const answers = await Promise.all(
      agents.map((agent, i) =>
        second && i % 2 === 1
          ? postAt(second.origin, agent.client, paths.record(family.family.id), chequeForm())
          : agent.client.post(paths.record(family.family.id), chequeForm()),
      ),
    );
    if (second) {
      await second.close();
      await second.container.database.close();
    }
    expect(answers.map((answer) => answer.status).sort()).toEqual([303, 400, 400, 400, 400, 400]);
    for (const refused of answers.filter((answer) => answer.status === 400))
      expect(summaryOf(refused.html).amount).toContain('Le paiement dépasse ce que la famille doit (0,00 €)');
    const allocated = await t.container.database.db
      .select({ sum: sql<number>`sum(amount_cents)::int` })
      .from(paymentAllocations)
      .where(eq(paymentAllocations.invoiceId, invoice.id));
    expect(allocated).toEqual([{ sum: 2450 }]);
    expect(await paymentRows(family.family.id)).toHaveLength(1);
  });

  it('exports the invoices issued and the payments received over a period as CSV', async () => {
    const { family, invoice, desk, paths } = await setUp();
    await desk.client.get(paths.record(family.family.id));
    await desk.client.post(paths.record(family.family.id), chequeForm());
    const cookie = cookieOf(desk.client);
    const invoicesCsv = await t.get(`${paths.invoicesCsv}?du=2026-10-01&au=2026-10-31`, { headers: { cookie } });
    expect(invoicesCsv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = (await invoicesCsv.text()).split('\r\n');
    expect(rows[1]).toBe(
      `${invoice.number};${family.family.reference};2026-09;2026-10-05;2026-10-30;emise;24,50;24,50;0,00;0,00`,
    );
    const paymentsCsv = await (
      await t.get(`${paths.paymentsCsv}?du=2026-11-01&au=2026-11-30`, { headers: { cookie } })
    ).text();
    expect(paymentsCsv.split('\r\n')[1]).toBe(
      `2026-11-02;${family.family.reference};Chèque;Aurélie DUPONT;0001234;Banque Postale;24,50;${invoice.number};24,50;non`,
    );
    const none = await (
      await t.get(`${paths.invoicesCsv}?du=2026-12-01&au=2026-12-31`, { headers: { cookie } })
    ).text();
    expect(none.split('\r\n')).toHaveLength(2);
  });
});

function cookieOf(client: WebClient): string {
  return client
    .cookieNames()
    .map((name) => `${name}=${client.cookie(name)}`)
    .join('; ');
}
