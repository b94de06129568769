import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { communeIdColumn, instantColumn } from '../../platform/db/columns.js';
import type { PayfipMode } from '../../integrations/payfip/payfip.js';
import { invoices } from '../billing/billingSchema.js';
import { families } from '../families/familiesSchema.js';
import { payments } from '../payments/paymentsSchema.js';
import type { AttemptState } from './domain/attemptState.js';

/** A commune's PayFiP set-up, by its administrators: without a row, online payment is off. */
export const payfipSettings = pgTable(
  'payfip_settings',
  {
    communeId: communeIdColumn().primaryKey(),
    enabled: boolean('enabled').notNull(),
    /** The régie's client number at the DGFiP: 6 digits. */
    numcli: text('numcli').notNull(),
    mode: text('mode').$type<PayfipMode>().notNull(),
  },
  (t) => [
    check('payfip_settings_numcli', sql`${t.numcli} ~ '^[0-9]{6}$'`),
    check('payfip_settings_mode', sql`${t.mode} in ('T', 'X', 'W')`),
  ],
);

/**
 * One payment opened at PayFiP (ADR 0017): its idOp is unique in the deployment, so one idOp is at most
 * one attempt, and an attempt holds at most one payment (`payment_id`, unique): the idOp is recorded
 * once, however many notifications and job runs look it up at the same time.
 */
export const payfipAttempts = pgTable(
  'payfip_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    idOp: text('id_op').notNull(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id')
      .notNull()
      .references(() => families.id, { onDelete: 'cascade' }),
    /** What was asked; what PayFiP took is `paid_cents`. */
    amountCents: integer('amount_cents').notNull(),
    /** The mode the payment was opened in: a test opened in production mode is never a payment. */
    mode: text('mode').$type<PayfipMode>().notNull(),
    createdAt: instantColumn('created_at').notNull(),
    /** The citizen who started it; null when an agent recorded a payment PayFiP never told. */
    createdByCitizenId: uuid('created_by_citizen_id'),
    createdByAgentId: uuid('created_by_agent_id'),
    /** Who pays, as the payment records them. */
    payer: text('payer').notNull(),
    state: text('state').$type<AttemptState>().notNull(),
    /** PayFiP's `resultrans` once known. */
    result: text('result'),
    paidCents: integer('paid_cents'),
    settledAt: instantColumn('settled_at'),
    paymentId: uuid('payment_id').references(() => payments.id),
  },
  (t) => [
    uniqueIndex('payfip_attempts_id_op').on(t.idOp),
    uniqueIndex('payfip_attempts_payment').on(t.paymentId),
    index('payfip_attempts_invoice').on(t.communeId, t.invoiceId, t.createdAt),
    index('payfip_attempts_pending')
      .on(t.createdAt)
      .where(sql`state = 'pending'`),
    check('payfip_attempts_state', sql`${t.state} in ('pending', 'paid', 'refused', 'abandoned', 'expired', 'test')`),
    check('payfip_attempts_mode', sql`${t.mode} in ('T', 'X', 'W')`),
    check('payfip_attempts_amount', sql`${t.amountCents} between 100 and 10000000`),
    check('payfip_attempts_paid', sql`(${t.state} = 'paid') = (${t.paymentId} is not null)`),
    check('payfip_attempts_settled', sql`(${t.state} = 'pending') = (${t.settledAt} is null)`),
  ],
);
