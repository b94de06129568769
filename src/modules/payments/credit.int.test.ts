import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createFamily } from '../../../test/agentFactories.js';
import { useTestApp } from '../../../test/appFixture.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { issuedInvoice, sixBrackets } from '../../../test/invoiceFactories.js';
import type { AuditActor } from '../audit/auditLog.js';
import type { PaymentInput, RefundInput } from './paymentsService.js';

const desk: AuditActor = { kind: 'agent', id: null, label: 'agent@test' };

const cash = (amountCents: number, more: Partial<PaymentInput> = {}): PaymentInput => ({
  means: 'especes',
  amountCents,
  receivedOn: '2026-11-20',
  payer: 'Aurélie DUPONT',
  chequeNumber: null,
  chequeBank: null,
  allocations: null,
  ...more,
});

const transfer = (amountCents: number): RefundInput => ({
  means: 'virement',
  amountCents,
  refundedOn: '2026-11-25',
  reason: 'Trop-perçu',
});

describe.each(testDatabases())('the family’s credit on $name', ({ open }) => {
  const { t, database } = useTestApp(open);

  async function familyWithInvoices() {
    const commune = await createCommune(t.container.communes);
    await sixBrackets(t.container, commune);
    const file = await createFamily(t.container, commune, 'Dupont');
    const who = { familyId: file.family.id, memberId: file.child.id, memberName: 'Rémi DUPONT' };
    const september = await issuedInvoice(t.container, commune, who, { period: '2026-09', days: 10 });
    const october = await issuedInvoice(t.container, commune, who, { period: '2026-10', days: 12 });
    return { commune, file, familyId: file.family.id, september, october };
  }

  async function auditActions(communeId: string): Promise<string[]> {
    const result = (await t.container.database.db.execute(
      sql`select action from audit_events where commune_id = ${communeId} order by id`,
    )) as unknown as { rows: { action: string }[] };
    return result.rows.map((row) => row.action);
  }

  it('keeps what a payment holds beyond the balance as credit when the agent says so, and only then', async () => {
    const { commune, familyId, september, october } = await familyWithInvoices();
    const payments = t.container.payments;
    expect(await payments.record(commune, familyId, cash(6000), desk, '')).toMatchObject({ reason: 'over-balance' });
    const recorded = await payments.record(commune, familyId, cash(6000, { remainderToCredit: true }), desk, '');
    expect(recorded).toMatchObject({
      ok: true,
      allocations: [
        { invoiceId: september.id, amountCents: 2450 },
        { invoiceId: october.id, amountCents: 2940 },
      ],
      creditCents: 610,
    });
    const account = await payments.account(commune, familyId);
    expect(account).toMatchObject({ balanceCents: 0, creditCents: 610 });
    const [payment] = await payments.familyPayments(commune, familyId);
    expect(payment).toMatchObject({ remainderCents: 610 });
  });

  it('takes a split that leaves part of the payment as credit, and records a payment with no invoice at all', async () => {
    const { commune, familyId, october } = await familyWithInvoices();
    const payments = t.container.payments;
    const split = cash(3000, { allocations: [{ invoiceId: october.id, amountCents: 1000 }] });
    expect(await payments.record(commune, familyId, split, desk, '')).toMatchObject({
      reason: 'allocations-do-not-add-up',
    });
    expect(await payments.record(commune, familyId, { ...split, remainderToCredit: true }, desk, '')).toMatchObject({
      ok: true,
      creditCents: 2000,
    });
    expect(await payments.credit(commune, familyId)).toBe(2000);
  });

  it('pays one invoice up to what it leaves, the rest as credit, when the money came for that invoice', async () => {
    const { commune, familyId, september } = await familyWithInvoices();
    const payments = t.container.payments;
    const { allocations: _none, ...payment } = cash(2000);
    await payments.record(
      commune,
      familyId,
      cash(2000, { allocations: [{ invoiceId: september.id, amountCents: 2000 }] }),
      desk,
      '',
    );
    expect(
      await payments.recordForInvoice(commune, familyId, september.id, { ...payment, amountCents: 2450 }, desk, ''),
    ).toMatchObject({
      ok: true,
      allocations: [{ invoiceId: september.id, amountCents: 450 }],
      creditCents: 2000,
    });
    // Paid in full already: all of it is credit.
    expect(await payments.recordForInvoice(commune, familyId, september.id, payment, desk, '')).toMatchObject({
      ok: true,
      allocations: [],
      creditCents: 4000,
    });
  });

  it('uses the credit on an open invoice, from the oldest payments first, never beyond the credit or what is left', async () => {
    const { commune, familyId, september, october } = await familyWithInvoices();
    const payments = t.container.payments;
    await payments.record(commune, familyId, cash(1000, { allocations: [], remainderToCredit: true }), desk, '');
    await payments.record(
      commune,
      familyId,
      cash(2450, { allocations: [{ invoiceId: september.id, amountCents: 1450 }], remainderToCredit: true }),
      desk,
      '',
    );
    expect(await payments.credit(commune, familyId)).toBe(2000);
    expect(await payments.useCredit(commune, familyId, october.id, 2001, desk, '')).toEqual({
      ok: false,
      reason: 'over-credit',
      creditCents: 2000,
    });
    expect(await payments.useCredit(commune, familyId, september.id, 1001, desk, '')).toMatchObject({
      reason: 'over-left-to-pay',
      leftToPayCents: 1000,
    });
    expect(await payments.useCredit(commune, familyId, 'elsewhere', 100, desk, '')).toMatchObject({
      reason: 'unknown-invoice',
    });
    expect(await payments.useCredit(commune, familyId, september.id, 0, desk, '')).toMatchObject({
      reason: 'amount-not-positive',
    });
    // 1 000 from the first payment's remainder, 500 from the second's (which paid September before).
    expect(await payments.useCredit(commune, familyId, september.id, 1000, desk, '')).toMatchObject({
      ok: true,
      creditCents: 1000,
    });
    expect(await payments.useCredit(commune, familyId, october.id, 1000, desk, '')).toMatchObject({ creditCents: 0 });
    const account = await payments.account(commune, familyId);
    expect(account.invoices.find((invoice) => invoice.id === september.id)).toMatchObject({ status: 'payee' });
    expect(account.invoices.find((invoice) => invoice.id === october.id)).toMatchObject({ leftToPayCents: 1940 });
    const listed = await payments.familyPayments(commune, familyId);
    expect(listed.map((payment) => payment.remainderCents)).toEqual([0, 0]);
    expect(await auditActions(commune.id)).toContain('payment.credit-used');
  });

  it('refunds credit, never more than there is, and then refuses to cancel the payment whose credit was refunded', async () => {
    const { commune, familyId } = await familyWithInvoices();
    const payments = t.container.payments;
    const recorded = await payments.record(
      commune,
      familyId,
      cash(3000, { allocations: [], remainderToCredit: true }),
      desk,
      '',
    );
    if (!recorded.ok) throw new Error(recorded.reason);
    expect(await payments.refundCredit(commune, familyId, transfer(3001), desk, '')).toEqual({
      ok: false,
      reason: 'over-credit',
      creditCents: 3000,
    });
    expect(await payments.refundCredit(commune, familyId, transfer(1000), desk, '')).toMatchObject({
      ok: true,
      creditCents: 2000,
    });
    expect(await payments.refunds(commune, familyId)).toMatchObject([{ amountCents: 1000, reason: 'Trop-perçu' }]);
    expect(await payments.cancel(commune, familyId, recorded.paymentId, 'Erreur', desk, '')).toEqual({
      ok: false,
      reason: 'credit-refunded',
      creditCents: 2000,
    });
    expect(await auditActions(commune.id)).toContain('payment.credit-refunded');
  });

  it('the database itself refuses a refund over the credit, a changed refund, spending refunded credit, cancelling a refunded payment', async () => {
    const { commune, familyId, september } = await familyWithInvoices();
    const db = t.container.database.db;
    const recorded = await t.container.payments.record(
      commune,
      familyId,
      cash(500, { allocations: [], remainderToCredit: true }),
      desk,
      '',
    );
    if (!recorded.ok) throw new Error(recorded.reason);
    const refund = (cents: number) =>
      db.execute(
        sql`insert into credit_refunds (commune_id, family_id, means, amount_cents, refunded_on, reason, recorded_at)
            values (${commune.id}, ${familyId}, 'virement', ${cents}, '2026-11-25', 'x', now())`,
      );
    await expect(refund(501)).rejects.toThrow();
    await refund(500);
    await expect(
      db.execute(sql`update credit_refunds set amount_cents = 1 where family_id = ${familyId}`),
    ).rejects.toThrow();
    await expect(db.execute(sql`delete from credit_refunds where family_id = ${familyId}`)).rejects.toThrow();
    await expect(
      db.execute(
        sql`insert into payment_allocations (payment_id, invoice_id, commune_id, amount_cents) values (${recorded.paymentId}, ${september.id}, ${commune.id}, 100)`,
      ),
    ).rejects.toThrow();
    await expect(
      db.execute(sql`update payments set cancelled_at = now(), cancel_reason = 'x' where id = ${recorded.paymentId}`),
    ).rejects.toThrow();
    expect(await t.container.payments.credit(commune, familyId)).toBe(0);
  });

  it('two refunds of the whole credit at once, around the service (on PostgreSQL, on two connections): one goes through', async () => {
    const { commune, familyId } = await familyWithInvoices();
    await t.container.payments.record(
      commune,
      familyId,
      cash(700, { allocations: [], remainderToCredit: true }),
      desk,
      '',
    );
    const other = database.kind === 'postgres' ? await open() : null;
    const refundAll = (db: typeof t.container.database.db, pause: number) =>
      db.transaction(async (tx) => {
        await tx.execute(
          sql`insert into credit_refunds (commune_id, family_id, means, amount_cents, refunded_on, reason, recorded_at)
              values (${commune.id}, ${familyId}, 'especes', 700, '2026-11-25', 'x', now())`,
        );
        await tx.execute(sql`select pg_sleep(${pause})`);
      });
    const results = await Promise.allSettled([
      refundAll(t.container.database.db, 0.3),
      refundAll(other?.db ?? t.container.database.db, 0),
    ]);
    await other?.close();
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await t.container.payments.credit(commune, familyId)).toBe(0);
  });

  it('cancelling a paid invoice makes what was paid the family’s credit, and the audit line says how much', async () => {
    const { commune, familyId, september, october } = await familyWithInvoices();
    const payments = t.container.payments;
    await payments.record(commune, familyId, cash(3000), desk, '');
    const author = { actor: desk, ip: '' };
    expect((await t.container.invoices.withLines(commune.id, september.id))?.paidCents).toBe(2450);
    expect(await t.container.invoices.cancel(commune, september.id, 'Erreur de période', author)).toEqual({ ok: true });
    expect(await payments.credit(commune, familyId)).toBe(2450);
    const account = await payments.account(commune, familyId);
    expect(account.invoices.find((invoice) => invoice.id === october.id)).toMatchObject({ paidCents: 550 });
    const [payment] = await payments.familyPayments(commune, familyId);
    expect(payment).toMatchObject({ remainderCents: 2450, allocations: [{ invoiceId: october.id, amountCents: 550 }] });
    const audit = (await t.container.database.db.execute(
      sql`select details from audit_events where commune_id = ${commune.id} and action = 'billing.invoice.cancel'`,
    )) as unknown as { rows: { details: { toCreditCents: number } }[] };
    expect(audit.rows[0]?.details.toCreditCents).toBe(2450);
    // The credit pays the next invoice.
    expect(await payments.useCredit(commune, familyId, october.id, 2390, desk, '')).toMatchObject({ creditCents: 60 });
  });

  it('a credit note on a paid invoice leaves what it gives back as credit, the last payment first', async () => {
    const { commune, familyId, september } = await familyWithInvoices();
    const payments = t.container.payments;
    await payments.record(
      commune,
      familyId,
      cash(2000, { allocations: [{ invoiceId: september.id, amountCents: 2000 }] }),
      desk,
      '',
    );
    const author = { actor: desk, ip: '' };
    const lines = (await t.container.invoices.withLines(commune.id, september.id))!.lines;
    // 450 left to pay; a note of two days (490) leaves 40 over.
    const first = await t.container.invoices.creditNote(
      commune,
      september.id,
      [lines[0]!.id, lines[1]!.id],
      'Fermé',
      author,
    );
    expect(first).toMatchObject({ ok: true, amountCents: 490 });
    expect(await payments.credit(commune, familyId)).toBe(40);
    await t.container.invoices.creditNote(commune, september.id, [lines[2]!.id], 'Fermé', author);
    expect(await payments.credit(commune, familyId)).toBe(285);
    const account = await payments.account(commune, familyId);
    expect(account.invoices.find((invoice) => invoice.id === september.id)).toMatchObject({
      status: 'payee',
      leftToPayCents: 0,
    });
    expect((await t.container.invoices.withLines(commune.id, september.id))?.paidCents).toBe(1715);
  });
});
