import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createFamily } from '../../../test/agentFactories.js';
import { useTestApp } from '../../../test/appFixture.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { linkedParent } from '../../../test/familyFactories.js';
import { issuedInvoice, sixBrackets } from '../../../test/invoiceFactories.js';
import { waitForMail } from '../../../test/mailbox.js';
import { buildTestApp } from '../../../test/testApp.js';
import { OTHER_NUMCLI, eventually, usePayfipSimulator } from '../../../test/payfip.js';
import type { PayfipMode } from '../../integrations/payfip/payfip.js';
import { TestClock } from '../../platform/clock.js';
import type { Commune } from '../communes/domain/commune.js';
import { paymentAllocations, payments } from '../payments/paymentsSchema.js';
import { PENDING_WINDOW_MS } from './domain/attemptState.js';
import { refdetOf } from './domain/payfipReference.js';
import { payfipAttempts } from './onlinePaymentsSchema.js';

const agent = { kind: 'agent' as const, id: '00000000-0000-4000-8000-000000000001', label: 'agent@test' };

describe.each(testDatabases())('online payment with PayFiP on $name', ({ open }) => {
  const clock = new TestClock('2026-11-20T10:00:00Z');
  const payfip = usePayfipSimulator(clock);
  const { t } = useTestApp(open, () => ({ clock, mode: 'production', payfip: payfip.client() }));
  const controls = () => payfip.simulator().controls;

  /** A commune with PayFiP on, a family, an issued invoice of 24,50 € (online until 25/11/2026). */
  async function invoiceToPay(mode: PayfipMode = 'W') {
    const commune = await createCommune(t.container.communes);
    await sixBrackets(t.container, commune);
    await t.container.payfipSettings.save(commune, { enabled: true, numcli: '123456', mode }, agent, '');
    const file = await createFamily(t.container, commune);
    const invoice = await issuedInvoice(t.container, commune, {
      familyId: file.family.id,
      memberId: file.child.id,
      memberName: 'Rémi',
    });
    return { commune, file, invoice };
  }

  const payer = { citizenId: '00000000-0000-4000-8000-000000000002', email: 'aurelie@example.org', name: 'Aurélie D' };

  async function start(commune: Commune, familyId: string, invoiceId: string) {
    const started = await t.container.onlinePayments.start(commune, familyId, invoiceId, payer, '127.0.0.1');
    if (!started.ok) throw new Error(`start refused: ${started.reason}`);
    const [attempt] = await t.container.database.db
      .select()
      .from(payfipAttempts)
      .where(eq(payfipAttempts.id, started.attemptId));
    return { ...started, idOp: attempt!.idOp };
  }

  const attemptOf = async (idOp: string) =>
    (await t.container.database.db.select().from(payfipAttempts).where(eq(payfipAttempts.idOp, idOp)))[0]!;
  const paymentsOf = (commune: Commune) =>
    t.container.database.db.select().from(payments).where(eq(payments.communeId, commune.id));

  it('opens the payment for what is left, in cents, and sends the family to PayFiP’s page', async () => {
    const { commune, file, invoice } = await invoiceToPay();
    const started = await start(commune, file.family.id, invoice.id);
    expect(started.paymentPageUrl).toBe(`${payfip.simulator().paymentPageBase}?idop=${started.idOp}`);
    const opened = controls()
      .payments()
      .find((payment) => payment.idOp === started.idOp)!;
    expect(opened).toMatchObject({ numcli: '123456', refdet: refdetOf(invoice.number!), mel: payer.email });
    expect(opened.urlnotif).toBe(`${t.origin}/${commune.slug}/paiement-en-ligne/notification`);
    expect(opened.urlredirect).toBe(`${t.origin}/${commune.slug}/ma-famille/factures/${invoice.id}/paiement-en-ligne`);
    expect(opened.objet).toMatch(/^[A-Za-z0-9 ]+$/);
    expect(await attemptOf(started.idOp)).toMatchObject({ state: 'pending', amountCents: 2450, mode: 'W' });
  });

  it('records a card payment once, from PayFiP’s notification, with the amount PayFiP took, and mails the receipt', async () => {
    const { commune, file, invoice } = await invoiceToPay();
    const { idOp } = await start(commune, file.family.id, invoice.id);
    await controls().pay(idOp, 'P');
    const paid = await eventually(async () => {
      const attempt = await attemptOf(idOp);
      return attempt.state === 'paid' && attempt;
    }, 'the notification’s lookup');
    expect(paid).toMatchObject({ result: 'P', paidCents: 2450 });
    const [payment] = await paymentsOf(commune);
    expect(payment).toMatchObject({ id: paid.paymentId, means: 'payfip', amountCents: 2450, receivedOn: '2026-11-20' });
    const allocations = await t.container.database.db
      .select()
      .from(paymentAllocations)
      .where(and(eq(paymentAllocations.paymentId, payment!.id), eq(paymentAllocations.invoiceId, invoice.id)));
    expect(allocations.map((a) => a.amountCents)).toEqual([2450]);
    // Whatever looks it up again, nothing more is written.
    expect(await t.container.onlinePayments.reconcile(commune, idOp)).toEqual({ ok: true, state: 'paid' });
    expect(await paymentsOf(commune)).toHaveLength(1);
    expect((await t.container.onlinePayments.offer(commune, file.family.id, invoice.id))?.offer).toBe('closed');
  });

  it('keeps the money of an invoice paid at the guichet meanwhile as the family’s credit, and says so in the receipt', async () => {
    const { commune } = await invoiceToPay();
    const linked = await linkedParent(t, commune, 'Credit');
    const own = await issuedInvoice(t.container, commune, {
      familyId: linked.family.id,
      memberId: linked.child.id,
      memberName: 'Rémi',
    });
    controls().setNotificationMode('never', 'next-payment');
    const { idOp } = await start(commune, linked.family.id, own.id);
    const atDesk = await t.container.payments.record(
      commune,
      linked.family.id,
      {
        means: 'especes',
        amountCents: 1000,
        receivedOn: '2026-11-20',
        payer: 'Aurélie',
        chequeNumber: null,
        chequeBank: null,
        allocations: null,
      },
      agent,
      '',
    );
    expect(atDesk.ok).toBe(true);
    await controls().pay(idOp, 'P');
    await t.container.onlinePayments.reconcile(commune, idOp);
    expect(await attemptOf(idOp)).toMatchObject({ state: 'paid', paidCents: 2450 });
    const account = await t.container.payments.account(commune, linked.family.id);
    expect(account.creditCents).toBe(1000);
    expect(account.balanceCents).toBe(0);
    const mail = await waitForMail(
      t.container.database.db,
      (m) => m.to === linked.citizen.email && m.subject.startsWith(`Paiement reçu pour la facture ${own.number}`),
    );
    expect(mail.text).toMatch(/10,00\s€ restent à votre crédit/);
    // The button opens the invoice itself, and says so.
    expect(mail.html).toContain('Voir la facture');
    expect(mail.html).not.toContain('Voir mes factures');
  });

  it('records a payment whose notification never came, from the periodic lookup', async () => {
    const { commune, file, invoice } = await invoiceToPay();
    controls().setNotificationMode('never', 'next-payment');
    const { idOp } = await start(commune, file.family.id, invoice.id);
    await controls().pay(idOp, 'V');
    expect((await attemptOf(idOp)).state).toBe('pending');
    await t.container.onlinePayments.reconcilePending();
    expect(await attemptOf(idOp)).toMatchObject({ state: 'paid', result: 'V' });
    expect(await paymentsOf(commune)).toHaveLength(1);
  });

  it('records a payment notified twice once', async () => {
    const { commune, file, invoice } = await invoiceToPay();
    controls().setNotificationMode('twice', 'next-payment');
    const { idOp } = await start(commune, file.family.id, invoice.id);
    await controls().pay(idOp, 'P');
    await eventually(async () => (await attemptOf(idOp)).state === 'paid', 'the payment');
    await eventually(
      async () =>
        controls()
          .notifications()
          .filter((n) => n.idOp === idOp && n.status === 200).length === 2,
      'the second notification',
    );
    await t.container.onlinePayments.reconcilePending();
    expect(await paymentsOf(commune)).toHaveLength(1);
  });

  it('waits while PayFiP has no result (P5), settles it once it has, and expires it after 20 minutes', async () => {
    const { commune, file, invoice } = await invoiceToPay();
    controls().setNotificationMode('before-result', 'next-payment');
    const { idOp } = await start(commune, file.family.id, invoice.id);
    expect(await t.container.onlinePayments.reconcile(commune, idOp)).toEqual({ ok: true, state: 'pending' });
    // A second attempt meanwhile is refused: one is under way.
    expect(await t.container.onlinePayments.start(commune, file.family.id, invoice.id, payer, '')).toEqual({
      ok: false,
      reason: 'in-progress',
    });
    await controls().pay(idOp, 'P');
    await t.container.onlinePayments.reconcilePending();
    expect((await attemptOf(idOp)).state).toBe('paid');

    const other = await invoiceToPay();
    const late = await start(other.commune, other.file.family.id, other.invoice.id);
    clock.advance(PENDING_WINDOW_MS - 1000);
    expect(await t.container.onlinePayments.reconcile(other.commune, late.idOp)).toEqual({
      ok: true,
      state: 'pending',
    });
    clock.advance(1000);
    expect(await t.container.onlinePayments.reconcile(other.commune, late.idOp)).toEqual({
      ok: true,
      state: 'expired',
    });
    expect(await paymentsOf(other.commune)).toEqual([]);
    clock.set('2026-11-20T10:00:00Z');
  });

  it('expires an idOp PayFiP purged (P1), and closes refused and abandoned payments with their result', async () => {
    const { commune, file, invoice } = await invoiceToPay();
    const purged = await start(commune, file.family.id, invoice.id);
    controls().purge(purged.idOp);
    expect(await t.container.onlinePayments.reconcile(commune, purged.idOp)).toEqual({ ok: true, state: 'expired' });
    for (const [result, state] of [
      ['R', 'refused'],
      ['A', 'abandoned'],
    ] as const) {
      controls().setNotificationMode('never', 'next-payment');
      const { idOp } = await start(commune, file.family.id, invoice.id);
      await controls().pay(idOp, result);
      await t.container.onlinePayments.reconcile(commune, idOp);
      expect(await attemptOf(idOp)).toMatchObject({ state, result, paymentId: null });
    }
    expect(await paymentsOf(commune)).toEqual([]);
  });

  it('never records a test-mode result as a payment in production; a demo does', async () => {
    const { commune, file, invoice } = await invoiceToPay('T');
    controls().setNotificationMode('never', 'next-payment');
    const { idOp } = await start(commune, file.family.id, invoice.id);
    await controls().pay(idOp, 'P');
    await t.container.onlinePayments.reconcile(commune, idOp);
    expect(await attemptOf(idOp)).toMatchObject({ state: 'test', paymentId: null });
    expect(await paymentsOf(commune)).toEqual([]);

    // The deployment's mode, as main.ts sets it from the database's.
    t.container.config.mode = 'demo';
    try {
      const demo = await invoiceToPay('T');
      const inDemo = await start(demo.commune, demo.file.family.id, demo.invoice.id);
      await controls().pay(inDemo.idOp, 'P');
      await t.container.onlinePayments.reconcile(demo.commune, inDemo.idOp);
      expect((await attemptOf(inDemo.idOp)).state).toBe('paid');
    } finally {
      t.container.config.mode = 'production';
    }
  });

  it('writes nothing when PayFiP fails or refuses the creation, and says why', async () => {
    const { commune, file, invoice } = await invoiceToPay();
    const attempts = async () =>
      t.container.database.db.select().from(payfipAttempts).where(eq(payfipAttempts.invoiceId, invoice.id));
    controls().setSoapBehaviour('http-500', 'next-call');
    expect(await t.container.onlinePayments.start(commune, file.family.id, invoice.id, payer, '')).toEqual({
      ok: false,
      reason: 'payfip-unavailable',
    });
    for (const code of ['M3', 'M5', 'R3', 'A2']) {
      controls().setSoapBehaviour(`fault:fonctionnelle:${code}`, 'next-call');
      expect(await t.container.onlinePayments.start(commune, file.family.id, invoice.id, payer, '')).toEqual({
        ok: false,
        reason: 'payfip-fault',
        code,
      });
    }
    expect(await attempts()).toEqual([]);
  });

  it('takes a hanging PayFiP as unavailable, writing nothing', async () => {
    const { commune, file, invoice } = await invoiceToPay();
    const hasty = await buildTestApp(t.container.database, { clock, mode: 'production', payfip: payfip.client(1000) });
    try {
      controls().setSoapBehaviour('timeout', 'next-call');
      expect(await hasty.container.onlinePayments.start(commune, file.family.id, invoice.id, payer, '')).toEqual({
        ok: false,
        reason: 'payfip-unavailable',
      });
    } finally {
      await hasty.close();
    }
    expect(
      await t.container.database.db.select().from(payfipAttempts).where(eq(payfipAttempts.invoiceId, invoice.id)),
    ).toEqual([]);
  });

  it('leaves a lookup PayFiP does not answer pending, for the next one', async () => {
    const { commune, file, invoice } = await invoiceToPay();
    controls().setNotificationMode('never', 'next-payment');
    const { idOp } = await start(commune, file.family.id, invoice.id);
    await controls().pay(idOp, 'P');
    controls().setSoapBehaviour('http-500', 'next-call');
    expect(await t.container.onlinePayments.reconcile(commune, idOp)).toEqual({
      ok: false,
      reason: 'payfip-unavailable',
    });
    expect((await attemptOf(idOp)).state).toBe('pending');
    await t.container.onlinePayments.reconcile(commune, idOp);
    expect((await attemptOf(idOp)).state).toBe('paid');
  });

  it('answers a notification at once, in the body or the query, as idOp or idop; an unknown idOp changes nothing', async () => {
    const { commune, file, invoice } = await invoiceToPay();
    controls().setNotificationMode('never', 'next-payment');
    const { idOp } = await start(commune, file.family.id, invoice.id);
    await controls().pay(idOp, 'A');
    const path = `/${commune.slug}/paiement-en-ligne/notification`;
    const unknown = await t.get(`${path}?idop=00000000-0000-4000-8000-00000000dead`);
    expect(unknown.status).toBe(200);
    const posted = await t.get(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ idOp }).toString(),
    });
    expect(posted.status).toBe(200);
    await eventually(async () => (await attemptOf(idOp)).state === 'abandoned', 'the lookup');
    expect(await paymentsOf(commune)).toEqual([]);
  });

  describe('« Enregistrer un paiement PayFiP manquant »', () => {
    it('records a payment PayFiP took whose attempt was never stored, once, after a lookup', async () => {
      const { commune, file, invoice } = await invoiceToPay();
      const { idOp } = await payfip.client().createPayment({
        numcli: '123456',
        exer: 2026,
        refdet: refdetOf(invoice.number!),
        objet: 'Facture',
        amountCents: 2450,
        mel: 'aurelie@example.org',
        urlnotif: `${t.origin}/nowhere`,
        urlredirect: `${t.origin}/nowhere`,
        saisie: 'W',
      });
      expect(await t.container.onlinePayments.recordMissing(commune, invoice.id, idOp, agent, '')).toEqual({
        ok: false,
        reason: 'unknown-id-op',
      });
      await controls().pay(idOp, 'P');
      const recorded = await t.container.onlinePayments.recordMissing(commune, invoice.id, idOp, agent, '');
      expect(recorded).toMatchObject({ ok: true });
      expect(await attemptOf(idOp)).toMatchObject({
        state: 'paid',
        createdByAgentId: agent.id,
        familyId: file.family.id,
      });
      expect(await t.container.onlinePayments.recordMissing(commune, invoice.id, idOp, agent, '')).toEqual({
        ok: false,
        reason: 'already-recorded',
      });
      expect(await paymentsOf(commune)).toHaveLength(1);
    });

    it('refuses an unpaid idOp, another régie’s and another invoice’s, writing nothing', async () => {
      const { commune, file, invoice } = await invoiceToPay();
      const other = await issuedInvoice(t.container, commune, {
        familyId: file.family.id,
        memberId: file.child.id,
        memberName: 'Rémi',
      });
      const open = (numcli: string, refdet: string) =>
        payfip.client().createPayment({
          numcli,
          exer: 2026,
          refdet,
          objet: 'Facture',
          amountCents: 2450,
          mel: 'aurelie@example.org',
          urlnotif: `${t.origin}/nowhere`,
          urlredirect: `${t.origin}/nowhere`,
          saisie: 'W',
        });
      const refused = await open('123456', refdetOf(invoice.number!));
      await controls().pay(refused.idOp, 'R');
      const elsewhere = await open(OTHER_NUMCLI, refdetOf(invoice.number!));
      await controls().pay(elsewhere.idOp, 'P');
      const otherInvoice = await open('123456', refdetOf(other.number!));
      await controls().pay(otherInvoice.idOp, 'P');
      const missing = (idOp: string) => t.container.onlinePayments.recordMissing(commune, invoice.id, idOp, agent, '');
      expect(await missing(refused.idOp)).toEqual({ ok: false, reason: 'not-paid' });
      expect(await missing(elsewhere.idOp)).toEqual({ ok: false, reason: 'other-commune' });
      expect(await missing(otherInvoice.idOp)).toEqual({ ok: false, reason: 'other-invoice' });
      expect(await paymentsOf(commune)).toEqual([]);
      expect(
        await t.container.database.db.select().from(payfipAttempts).where(eq(payfipAttempts.communeId, commune.id)),
      ).toEqual([]);
    });
  });

  it('mails the family its receipt', async () => {
    const { commune } = await invoiceToPay();
    const linked = await linkedParent(t, commune, 'Receveur');
    const own = await issuedInvoice(t.container, commune, {
      familyId: linked.family.id,
      memberId: linked.child.id,
      memberName: 'Rémi',
    });
    const { idOp } = await start(commune, linked.family.id, own.id);
    await controls().pay(idOp, 'P');
    const mail = await waitForMail(
      t.container.database.db,
      (m) => m.to === linked.citizen.email && m.subject.startsWith(`Paiement reçu pour la facture ${own.number}`),
    );
    expect(mail.text).toMatch(/paiement en ligne de 24,50\s€ pour la facture/);
    expect(mail.text).toContain(idOp);
  });
});
