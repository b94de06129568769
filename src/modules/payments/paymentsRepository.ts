import { and, asc, desc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { LocalDay } from '../../shared/localDays.js';
import {
  creditNotes,
  familyQuotients,
  invoiceLines,
  invoices,
  qfBrackets,
  type QuotientSource,
} from '../billing/billingSchema.js';
import { families } from '../families/familiesSchema.js';
import type { Allocation } from './domain/allocation.js';
import type { PaymentMeans } from './domain/paymentMeans.js';
import type { RefundMeans } from './domain/paymentMeans.js';
import { creditRefunds, invoiceMentions, paymentAllocations, payments } from './paymentsSchema.js';

export type StoredPayment = typeof payments.$inferSelect;
export type InvoiceMentions = typeof invoiceMentions.$inferSelect;
export type StoredLine = typeof invoiceLines.$inferSelect;
export type StoredRefund = typeof creditRefunds.$inferSelect;

/** A refund of credit as the agent records it. */
export interface NewRefund {
  familyId: string;
  means: RefundMeans;
  amountCents: number;
  refundedOn: LocalDay;
  reason: string;
}

/** An issued (or cancelled) invoice with what its live payments and its credit notes cover. */
export interface InvoiceBalance {
  id: string;
  familyId: string;
  number: string;
  period: string;
  status: 'issued' | 'cancelled';
  totalCents: number;
  paidCents: number;
  creditedCents: number;
  issuedOn: LocalDay;
  issuedAt: Date;
  dueOn: LocalDay;
  onlinePaymentUntil: LocalDay;
}

/** A payment with what it pays on each invoice now (released parts left out) and what is left of it. */
export interface PaymentWithAllocations extends StoredPayment {
  allocations: { invoiceId: string; number: string; amountCents: number }[];
  /** What its allocations leave of it: part of the family's credit (zero once it is cancelled). */
  remainderCents: number;
}

export interface NewPayment {
  familyId: string;
  means: PaymentMeans;
  amountCents: number;
  receivedOn: LocalDay;
  payer: string;
  chequeNumber: string | null;
  chequeBank: string | null;
}

/**
 * The invoice's id, always qualified: in a one-table select Drizzle writes its columns bare, and a bare
 * "id" inside the subqueries below would be the payment's.
 */
const invoiceIdColumn = sql`${sql.identifier('invoices')}.${sql.identifier('id')}`;

/**
 * What the live allocations of an invoice add up to (of payments not cancelled, less what went back to
 * them): balances are always read, never stored.
 */
const paidOf = sql<number>`coalesce((select sum(a.amount_cents - a.released_cents) from ${paymentAllocations} a join ${payments} p on p.id = a.payment_id where a.invoice_id = ${invoiceIdColumn} and p.cancelled_at is null), 0)::int`;
/** What an allocation still pays, once what went back to its payment is taken off. */
const liveOf = sql<number>`${paymentAllocations.amountCents} - ${paymentAllocations.releasedCents}`;

/** What a payment's allocations still take of it (the outer query's payment, its id qualified as above). */
const paymentIdColumn = sql`${sql.identifier('payments')}.${sql.identifier('id')}`;
const spentOf = sql<string>`coalesce((select sum(s.amount_cents - s.released_cents) from ${paymentAllocations} s where s.payment_id = ${paymentIdColumn}), 0)`;

const creditedOf = sql<number>`coalesce((select sum(c.amount_cents) from ${creditNotes} c where c.invoice_id = ${invoiceIdColumn}), 0)::int`;

const balanceColumns = {
  id: invoices.id,
  familyId: invoices.familyId,
  number: invoices.number,
  period: invoices.period,
  status: invoices.status,
  totalCents: invoices.totalCents,
  paidCents: paidOf,
  creditedCents: creditedOf,
  issuedOn: invoices.issuedOn,
  issuedAt: invoices.issuedAt,
  dueOn: invoices.dueOn,
  onlinePaymentUntil: invoices.onlinePaymentUntil,
};

type BalanceRow = { [K in keyof typeof balanceColumns]: unknown };

function balanceOf(row: BalanceRow): InvoiceBalance {
  return {
    ...(row as unknown as InvoiceBalance),
    paidCents: Number(row.paidCents),
    creditedCents: Number(row.creditedCents),
  };
}

/** Payments, their allocations, and what the invoices they pay leave to pay; every method scoped to the commune. */
export class PaymentsRepository {
  constructor(private readonly db: Db) {}

  /** The family's issued and cancelled invoices (drafts are the desk's alone), newest first. */
  async familyInvoices(communeId: string, familyId: string, tx: Db = this.db): Promise<InvoiceBalance[]> {
    const rows = await tx
      .select(balanceColumns)
      .from(invoices)
      .where(
        and(
          eq(invoices.communeId, communeId),
          eq(invoices.familyId, familyId),
          inArray(invoices.status, ['issued', 'cancelled']),
        ),
      )
      .orderBy(desc(invoices.issuedOn), desc(invoices.number));
    return rows.map(balanceOf);
  }

  async invoice(
    communeId: string,
    familyId: string,
    invoiceId: string,
    tx: Db = this.db,
  ): Promise<InvoiceBalance | null> {
    const [row] = await tx
      .select(balanceColumns)
      .from(invoices)
      .where(
        and(
          eq(invoices.communeId, communeId),
          eq(invoices.familyId, familyId),
          eq(invoices.id, invoiceId),
          inArray(invoices.status, ['issued', 'cancelled']),
        ),
      );
    return row ? balanceOf(row) : null;
  }

  /**
   * Locks the family's issued invoices, in id order (two payments of one family never wait on each other
   * crosswise), then reads what each leaves to pay: the balance a payment is allocated against.
   */
  async lockOpenInvoices(communeId: string, familyId: string, tx: Db): Promise<InvoiceBalance[]> {
    await tx
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.communeId, communeId), eq(invoices.familyId, familyId), eq(invoices.status, 'issued')))
      .orderBy(asc(invoices.id))
      .for('update');
    const all = await this.familyInvoices(communeId, familyId, tx);
    return all.filter((invoice) => invoice.status === 'issued');
  }

  async lines(communeId: string, invoiceId: string, tx: Db = this.db): Promise<StoredLine[]> {
    return tx
      .select()
      .from(invoiceLines)
      .where(and(eq(invoiceLines.communeId, communeId), eq(invoiceLines.invoiceId, invoiceId)))
      .orderBy(asc(invoiceLines.memberName), asc(invoiceLines.serviceName), asc(invoiceLines.day));
  }

  /** The live payments allocated to an invoice, with the part each gave it, in the order received. */
  async invoicePayments(
    communeId: string,
    invoiceId: string,
    tx: Db = this.db,
  ): Promise<{ receivedOn: LocalDay; means: PaymentMeans; amountCents: number }[]> {
    return tx
      .select({ receivedOn: payments.receivedOn, means: payments.means, amountCents: liveOf })
      .from(paymentAllocations)
      .innerJoin(payments, eq(payments.id, paymentAllocations.paymentId))
      .where(
        and(
          eq(paymentAllocations.communeId, communeId),
          eq(paymentAllocations.invoiceId, invoiceId),
          isNull(payments.cancelledAt),
          sql`${paymentAllocations.releasedCents} < ${paymentAllocations.amountCents}`,
        ),
      )
      .orderBy(asc(payments.receivedOn), asc(payments.recordedAt));
  }

  async insertPayment(
    communeId: string,
    payment: NewPayment,
    allocations: Allocation[],
    recordedAt: Date,
    recordedById: string | null,
    tx: Db,
  ): Promise<string> {
    const [row] = await tx
      .insert(payments)
      .values({ communeId, ...payment, recordedAt, recordedById })
      .returning({ id: payments.id });
    await this.insertAllocations(communeId, row!.id, allocations, tx);
    return row!.id;
  }

  /** Allocations of one payment; the database's trigger checks each under the family's and the invoice's locks. */
  async insertAllocations(communeId: string, paymentId: string, allocations: Allocation[], tx: Db): Promise<void> {
    if (allocations.length === 0) return;
    await tx
      .insert(paymentAllocations)
      .values(allocations.map((allocation) => ({ communeId, paymentId, ...allocation })));
  }

  /** The family's credit: its live payments less their live allocations and its refunds (migration 0010). */
  async credit(communeId: string, familyId: string, tx: Db = this.db): Promise<number> {
    const [row] = await tx
      .select({ cents: sql<string>`family_credit_cents(${families.id})` })
      .from(families)
      .where(and(eq(families.communeId, communeId), eq(families.id, familyId)));
    return row ? Number(row.cents) : 0;
  }

  /** The family's live payments with something left of them, oldest first: the credit an allocation is taken from. */
  async remainders(
    communeId: string,
    familyId: string,
    tx: Db,
  ): Promise<{ paymentId: string; remainderCents: number }[]> {
    const rows = await tx
      .select({ paymentId: payments.id, remainderCents: sql<string>`${payments.amountCents} - ${spentOf}` })
      .from(payments)
      .where(and(eq(payments.communeId, communeId), eq(payments.familyId, familyId), isNull(payments.cancelledAt)))
      .orderBy(asc(payments.receivedOn), asc(payments.recordedAt), asc(payments.id));
    return rows
      .map((row) => ({ paymentId: row.paymentId, remainderCents: Number(row.remainderCents) }))
      .filter((row) => row.remainderCents > 0);
  }

  async insertRefund(
    communeId: string,
    refund: NewRefund,
    recordedAt: Date,
    recordedById: string | null,
    tx: Db,
  ): Promise<string> {
    const [row] = await tx
      .insert(creditRefunds)
      .values({ communeId, ...refund, recordedAt, recordedById })
      .returning({ id: creditRefunds.id });
    return row!.id;
  }

  /** The family's refunds of credit, newest first. */
  async refunds(communeId: string, familyId: string, tx: Db = this.db): Promise<StoredRefund[]> {
    return tx
      .select()
      .from(creditRefunds)
      .where(and(eq(creditRefunds.communeId, communeId), eq(creditRefunds.familyId, familyId)))
      .orderBy(desc(creditRefunds.refundedOn), desc(creditRefunds.recordedAt));
  }

  /** The family's payments, newest first, each with the invoices it paid. */
  async familyPayments(communeId: string, familyId: string, tx: Db = this.db): Promise<PaymentWithAllocations[]> {
    const rows = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.communeId, communeId), eq(payments.familyId, familyId)))
      .orderBy(desc(payments.receivedOn), desc(payments.recordedAt));
    return this.withAllocations(communeId, rows, tx);
  }

  async lockPayment(communeId: string, familyId: string, paymentId: string, tx: Db): Promise<StoredPayment | null> {
    const [row] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.communeId, communeId), eq(payments.familyId, familyId), eq(payments.id, paymentId)))
      .for('update');
    return row ?? null;
  }

  async payment(communeId: string, familyId: string, paymentId: string): Promise<PaymentWithAllocations | null> {
    const rows = await this.db
      .select()
      .from(payments)
      .where(and(eq(payments.communeId, communeId), eq(payments.familyId, familyId), eq(payments.id, paymentId)));
    const [found] = await this.withAllocations(communeId, rows, this.db);
    return found ?? null;
  }

  async cancelPayment(
    communeId: string,
    paymentId: string,
    cancellation: { at: Date; byId: string | null; reason: string },
    tx: Db,
  ): Promise<void> {
    await tx
      .update(payments)
      .set({ cancelledAt: cancellation.at, cancelledById: cancellation.byId, cancelReason: cancellation.reason })
      .where(and(eq(payments.communeId, communeId), eq(payments.id, paymentId)));
  }

  private async withAllocations(communeId: string, rows: StoredPayment[], tx: Db): Promise<PaymentWithAllocations[]> {
    if (rows.length === 0) return [];
    // A payment may pay one invoice in several allocations (the payment, then its credit): summed here.
    const allocations = await tx
      .select({
        paymentId: paymentAllocations.paymentId,
        invoiceId: paymentAllocations.invoiceId,
        number: invoices.number,
        amountCents: sql<string>`sum(${liveOf})`,
      })
      .from(paymentAllocations)
      .innerJoin(invoices, eq(invoices.id, paymentAllocations.invoiceId))
      .where(
        and(
          eq(paymentAllocations.communeId, communeId),
          inArray(
            paymentAllocations.paymentId,
            rows.map((row) => row.id),
          ),
        ),
      )
      .groupBy(paymentAllocations.paymentId, paymentAllocations.invoiceId, invoices.number, invoices.issuedOn)
      .having(sql`sum(${liveOf}) > 0`)
      .orderBy(asc(invoices.issuedOn), asc(invoices.number));
    return rows.map((row) => {
      const own = allocations
        .filter((allocation) => allocation.paymentId === row.id)
        .map(({ invoiceId, number, amountCents }) => ({
          invoiceId,
          number: number ?? '',
          amountCents: Number(amountCents),
        }));
      const spent = own.reduce((sum, allocation) => sum + allocation.amountCents, 0);
      return { ...row, allocations: own, remainderCents: row.cancelledAt ? 0 : row.amountCents - spent };
    });
  }

  async mentions(communeId: string, tx: Db = this.db): Promise<InvoiceMentions | null> {
    const [row] = await tx.select().from(invoiceMentions).where(eq(invoiceMentions.communeId, communeId));
    return row ?? null;
  }

  async setMentions(mentions: InvoiceMentions, tx: Db = this.db): Promise<void> {
    await tx
      .insert(invoiceMentions)
      .values(mentions)
      .onConflictDoUpdate({ target: invoiceMentions.communeId, set: mentions });
  }

  /** The commune's QF brackets in order: rank and upper bound in euros (none for the last). */
  async brackets(communeId: string): Promise<{ rank: number; upperBound: number | null }[]> {
    return this.db
      .select({ rank: qfBrackets.rank, upperBound: qfBrackets.upperBound })
      .from(qfBrackets)
      .where(eq(qfBrackets.communeId, communeId))
      .orderBy(asc(qfBrackets.rank));
  }

  /** The family's QF valid on a day: of the entries covering it, the one entered last. */
  async quotientOn(
    communeId: string,
    familyId: string,
    day: LocalDay,
  ): Promise<{ value: number; source: QuotientSource; validTo: LocalDay } | null> {
    const [row] = await this.db
      .select({ value: familyQuotients.value, source: familyQuotients.source, validTo: familyQuotients.validTo })
      .from(familyQuotients)
      .where(
        and(
          eq(familyQuotients.communeId, communeId),
          eq(familyQuotients.familyId, familyId),
          lte(familyQuotients.validFrom, day),
          gte(familyQuotients.validTo, day),
        ),
      )
      .orderBy(desc(familyQuotients.enteredAt))
      .limit(1);
    return row ?? null;
  }

  /** The invoices issued between two days (both included), for the finance software. */
  async issuedBetween(communeId: string, from: LocalDay, to: LocalDay): Promise<InvoiceBalance[]> {
    const rows = await this.db
      .select(balanceColumns)
      .from(invoices)
      .where(
        and(
          eq(invoices.communeId, communeId),
          inArray(invoices.status, ['issued', 'cancelled']),
          gte(invoices.issuedOn, from),
          lte(invoices.issuedOn, to),
        ),
      )
      .orderBy(asc(invoices.number));
    return rows.map(balanceOf);
  }

  /** The payments received between two days (both included), cancelled ones too, each with its allocations. */
  async receivedBetween(communeId: string, from: LocalDay, to: LocalDay): Promise<PaymentWithAllocations[]> {
    const rows = await this.db
      .select()
      .from(payments)
      .where(and(eq(payments.communeId, communeId), gte(payments.receivedOn, from), lte(payments.receivedOn, to)))
      .orderBy(asc(payments.receivedOn), asc(payments.recordedAt));
    return this.withAllocations(communeId, rows, this.db);
  }
}
