import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { communeIdColumn, dayMode, instantColumn } from '../../platform/db/columns.js';
import { invoices } from '../billing/billingSchema.js';
import { families } from '../families/familiesSchema.js';
import type { PaymentMeans, RefundMeans } from './domain/paymentMeans.js';

/**
 * A payment received at the guichet (or online). It is never changed nor deleted: a mistake is cancelled,
 * with a reason and who did it, and its allocations then stop counting. What its live allocations leave
 * of it is the family's credit, read and never stored. The triggers of migrations 0006 and 0010 enforce
 * this, that a payment is never allocated beyond its amount, and that no invoice is ever over-allocated
 * (ADR 0014).
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    familyId: uuid('family_id')
      .notNull()
      .references(() => families.id, { onDelete: 'cascade' }),
    means: text('means').$type<PaymentMeans>().notNull(),
    amountCents: integer('amount_cents').notNull(),
    /** The day the money was handed over (or the transfer received), as the agent typed it. */
    receivedOn: date('received_on', dayMode).notNull(),
    /** Who paid, as written on the cheque or said at the desk. */
    payer: text('payer').notNull(),
    chequeNumber: text('cheque_number'),
    chequeBank: text('cheque_bank'),
    recordedAt: instantColumn('recorded_at').notNull(),
    recordedById: uuid('recorded_by_id'),
    cancelledAt: instantColumn('cancelled_at'),
    cancelledById: uuid('cancelled_by_id'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    index('payments_family').on(t.communeId, t.familyId, t.receivedOn),
    index('payments_received').on(t.communeId, t.receivedOn),
    check('payments_means', sql`${t.means} in ('especes', 'cheque', 'carte', 'virement', 'cesu', 'payfip')`),
    check('payments_amount', sql`${t.amountCents} between 1 and 10000000`),
    check(
      'payments_cheque',
      sql`(${t.means} = 'cheque') = (${t.chequeNumber} is not null and ${t.chequeBank} is not null)`,
    ),
    check('payments_cancel', sql`(${t.cancelledAt} is null) = (${t.cancelReason} is null)`),
  ],
);

/**
 * The part of a payment that pays one invoice. Only `released_cents` ever changes, and only upwards: what
 * a cancelled invoice or a credit note gives back goes back to the payment, hence to the family's credit.
 */
export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    paymentId: uuid('payment_id')
      .notNull()
      .references(() => payments.id, { onDelete: 'cascade' }),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    communeId: communeIdColumn(),
    amountCents: integer('amount_cents').notNull(),
    /** What went back to the payment when the invoice was cancelled or credited after it was paid. */
    releasedCents: integer('released_cents').notNull().default(0),
  },
  (t) => [
    index('payment_allocations_payment').on(t.paymentId),
    index('payment_allocations_invoice').on(t.invoiceId),
    check('payment_allocations_amount', sql`${t.amountCents} > 0`),
    check('payment_allocations_released', sql`${t.releasedCents} between 0 and ${t.amountCents}`),
  ],
);

/**
 * Credit given back to the family, in money: never more than its credit (a trigger of migration 0010
 * checks it under the family's lock), never changed nor deleted.
 */
export const creditRefunds = pgTable(
  'credit_refunds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    familyId: uuid('family_id')
      .notNull()
      .references(() => families.id, { onDelete: 'cascade' }),
    means: text('means').$type<RefundMeans>().notNull(),
    amountCents: integer('amount_cents').notNull(),
    refundedOn: date('refunded_on', dayMode).notNull(),
    reason: text('reason').notNull(),
    recordedAt: instantColumn('recorded_at').notNull(),
    recordedById: uuid('recorded_by_id'),
  },
  (t) => [
    index('credit_refunds_family').on(t.communeId, t.familyId),
    check('credit_refunds_means', sql`${t.means} in ('especes', 'cheque', 'virement')`),
    check('credit_refunds_amount', sql`${t.amountCents} between 1 and 10000000`),
  ],
);

/**
 * What an invoice says of who bills and where to appeal, per commune: the régie, the person responsible
 * and the court. Without a row the invoice uses the general wording.
 */
export const invoiceMentions = pgTable('invoice_mentions', {
  communeId: communeIdColumn().primaryKey(),
  regie: text('regie').notNull(),
  responsibleName: text('responsible_name').notNull(),
  responsiblePosition: text('responsible_position').notNull(),
  court: text('court').notNull(),
});
