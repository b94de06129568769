import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createFamily } from '../../../test/agentFactories.js';
import { useTestApp } from '../../../test/appFixture.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { issuedInvoice, sixBrackets } from '../../../test/invoiceFactories.js';
import type { AuditActor } from '../audit/auditLog.js';
import type { PaymentInput } from './paymentsService.js';

const desk: AuditActor = { kind: 'agent', id: null, label: 'agent@test' };

const cheque = (amountCents: number, allocations: PaymentInput['allocations'] = null): PaymentInput => ({
  means: 'cheque',
  amountCents,
  receivedOn: '2026-11-20',
  payer: 'Aurélie DUPONT',
  chequeNumber: '0001234',
  chequeBank: 'Banque Postale',
  allocations,
});

describe.each(testDatabases())('payments at the guichet on $name', ({ open }) => {
  const { t, database } = useTestApp(open);

  async function familyWithInvoices() {
    const commune = await createCommune(t.container.communes);
    await sixBrackets(t.container, commune);
    const file = await createFamily(t.container, commune, 'Dupont');
    const who = { familyId: file.family.id, memberId: file.child.id, memberName: 'Rémi DUPONT' };
    const september = await issuedInvoice(t.container, commune, who, { period: '2026-09', days: 10 });
    const october = await issuedInvoice(t.container, commune, who, { period: '2026-10', days: 12 });
    return { commune, file, september, october };
  }

  it('allocates a payment to the oldest invoices first and reads the balances from the allocations', async () => {
    const { commune, file, september, october } = await familyWithInvoices();
    const payments = t.container.payments;
    const before = await payments.account(commune, file.family.id);
    expect(before.balanceCents).toBe(2450 + 2940);
    const recorded = await payments.record(commune, file.family.id, cheque(3000), desk, '127.0.0.1');
    expect(recorded).toMatchObject({
      ok: true,
      allocations: [
        { invoiceId: september.id, amountCents: 2450 },
        { invoiceId: october.id, amountCents: 550 },
      ],
    });
    const after = await payments.account(commune, file.family.id);
    expect(after.balanceCents).toBe(2390);
    expect(after.invoices.map((invoice) => [invoice.number, invoice.status, invoice.leftToPayCents])).toEqual([
      [october.number, 'a-payer', 2390],
      [september.number, 'payee', 0],
    ]);
    expect(after.quotient).toMatchObject({ value: null, bracketLabel: 'tranche 6 (QF au-delà de 1\u00a0600 €)' });
  });

  it('refuses a payment over the balance or a share over what an invoice leaves, writing nothing', async () => {
    const { commune, file, october } = await familyWithInvoices();
    const payments = t.container.payments;
    expect(await payments.record(commune, file.family.id, cheque(5391), desk, '')).toEqual({
      ok: false,
      reason: 'over-balance',
      balanceCents: 5390,
    });
    expect(
      await payments.record(
        commune,
        file.family.id,
        cheque(3000, [{ invoiceId: october.id, amountCents: 3000 }]),
        desk,
        '',
      ),
    ).toMatchObject({ ok: false, reason: 'over-left-to-pay', leftToPayCents: 2940 });
    expect(await payments.familyPayments(commune, file.family.id)).toEqual([]);
  });

  it('cancels a payment with its reason: the invoice is open again, and a second cancel is refused', async () => {
    const { commune, file, september } = await familyWithInvoices();
    const payments = t.container.payments;
    const recorded = await payments.record(commune, file.family.id, cheque(2450), desk, '');
    if (!recorded.ok) throw new Error(recorded.reason);
    expect((await payments.account(commune, file.family.id)).invoices.at(-1)).toMatchObject({ status: 'payee' });
    expect(
      await payments.cancel(commune, file.family.id, recorded.paymentId, 'Chèque sans provision', desk, ''),
    ).toEqual({ ok: true });
    expect(await payments.cancel(commune, file.family.id, recorded.paymentId, 'Encore', desk, '')).toEqual({
      ok: false,
      reason: 'already-cancelled',
    });
    const account = await payments.account(commune, file.family.id);
    expect(account.invoices.find((invoice) => invoice.id === september.id)).toMatchObject({ leftToPayCents: 2450 });
    const [payment] = await payments.familyPayments(commune, file.family.id);
    expect(payment).toMatchObject({ cancelReason: 'Chèque sans provision' });
  });

  it('answers not-found for another family’s payment or another commune’s family', async () => {
    const { commune, file } = await familyWithInvoices();
    const other = await familyWithInvoices();
    const payments = t.container.payments;
    const recorded = await payments.record(other.commune, other.file.family.id, cheque(100), desk, '');
    if (!recorded.ok) throw new Error(recorded.reason);
    expect(await payments.cancel(commune, file.family.id, recorded.paymentId, 'x', desk, '')).toEqual({
      ok: false,
      reason: 'not-found',
    });
    expect(await payments.record(commune, other.file.family.id, cheque(100), desk, '')).toEqual({
      ok: false,
      reason: 'not-found',
    });
    expect(await payments.invoice(commune, other.file.family.id, other.september.id)).toBeNull();
  });

  it('the database itself refuses an allocation over what is left or over its payment, a change to an allocation, a deleted payment', async () => {
    const { commune, file, september } = await familyWithInvoices();
    const db = t.container.database.db;
    const recorded = await t.container.payments.record(commune, file.family.id, cheque(2000), desk, '');
    if (!recorded.ok) throw new Error(recorded.reason);
    const insertOver = db.transaction(async (tx) => {
      const [row] = (
        (await tx.execute(
          sql`insert into payments (commune_id, family_id, means, amount_cents, received_on, payer, recorded_at)
              values (${commune.id}, ${file.family.id}, 'especes', 451, '2026-11-21', 'X', now()) returning id`,
        )) as unknown as { rows: { id: string }[] }
      ).rows;
      await tx.execute(
        sql`insert into payment_allocations (payment_id, invoice_id, commune_id, amount_cents) values (${row!.id}, ${september.id}, ${commune.id}, 451)`,
      );
    });
    await expect(insertOver).rejects.toThrow();
    await expect(
      db.execute(sql`update payment_allocations set amount_cents = 1 where payment_id = ${recorded.paymentId}`),
    ).rejects.toThrow();
    await expect(db.execute(sql`delete from payments where id = ${recorded.paymentId}`)).rejects.toThrow();
    // A payment is never allocated beyond its amount, even to an invoice that leaves enough to pay.
    const overPayment = db.transaction(async (tx) => {
      const [row] = (
        (await tx.execute(
          sql`insert into payments (commune_id, family_id, means, amount_cents, received_on, payer, recorded_at)
              values (${commune.id}, ${file.family.id}, 'especes', 100, '2026-11-21', 'X', now()) returning id`,
        )) as unknown as { rows: { id: string }[] }
      ).rows;
      await tx.execute(
        sql`insert into payment_allocations (payment_id, invoice_id, commune_id, amount_cents) values (${row!.id}, ${september.id}, ${commune.id}, 101)`,
      );
    });
    await expect(overPayment).rejects.toThrow();
    expect(await t.container.payments.familyPayments(commune, file.family.id)).toHaveLength(1);
  });

  it('two transactions allocating the whole of one invoice at once, around the service (on PostgreSQL, on two connections): the trigger lets one through', async () => {
    const { commune, file, september } = await familyWithInvoices();
    // PGlite has one connection: there the two transactions queue, and the second still sums after the first.
    const other = database.kind === 'postgres' ? await open() : null;
    const allocateWhole = (db: typeof t.container.database.db, pause: number) =>
      db.transaction(async (tx) => {
        const inserted = (await tx.execute(
          sql`insert into payments (commune_id, family_id, means, amount_cents, received_on, payer, recorded_at)
              values (${commune.id}, ${file.family.id}, 'especes', 2450, '2026-11-02', 'X', now()) returning id`,
        )) as unknown as { rows: { id: string }[] };
        await tx.execute(
          sql`insert into payment_allocations (payment_id, invoice_id, commune_id, amount_cents)
              values (${inserted.rows[0]!.id}, ${september.id}, ${commune.id}, 2450)`,
        );
        // The first holds the invoice's lock a moment: the second's insert waits for it, then sums.
        await tx.execute(sql`select pg_sleep(${pause})`);
      });
    const results = await Promise.allSettled([
      allocateWhole(t.container.database.db, 0.3),
      allocateWhole(other?.db ?? t.container.database.db, 0),
    ]);
    await other?.close();
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const account = await t.container.payments.account(commune, file.family.id);
    expect(account.invoices.find((invoice) => invoice.id === september.id)).toMatchObject({
      paidCents: 2450,
      leftToPayCents: 0,
    });
  });
});
