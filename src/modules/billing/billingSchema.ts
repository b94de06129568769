import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { communeIdColumn, dayMode, instantColumn } from '../../platform/db/columns.js';
import { families } from '../families/familiesSchema.js';
import { activitySessions, services } from '../services/servicesSchema.js';

const familyId = () =>
  uuid('family_id')
    .notNull()
    .references(() => families.id, { onDelete: 'cascade' });

/** A price a grid may hold: the 0 – 1 000 € a unit, in cents. */
const priceCheck = (column: string) => sql.raw(`${column} >= 0 AND ${column} <= 100000`);

/** How the commune bills: the dates written on an invoice, and the amount under which it waits a month. */
export const billingSettings = pgTable(
  'billing_settings',
  {
    communeId: communeIdColumn().primaryKey(),
    /** Days from the issue date to the due date (« à payer avant le »). */
    dueDays: integer('due_days').notNull().default(30),
    /** Days from the issue date to the last day of online payment; before the due date. */
    onlinePaymentDays: integer('online_payment_days').notNull().default(25),
    /** A family's month totalling less is not issued: its days wait for the next month (CGCT D.1611-1 spirit). */
    minimumCents: integer('minimum_cents').notNull().default(0),
  },
  (t) => [
    check(
      'billing_settings_days',
      sql`${t.dueDays} between 1 and 120 and ${t.onlinePaymentDays} between 0 and ${t.dueDays}`,
    ),
    check('billing_settings_minimum', sql`${t.minimumCents} between 0 and 100000`),
  ],
);

/**
 * The commune's brackets of quotient familial, in order: bracket `rank` covers the QF values above the
 * previous bound up to `upper_bound` euros inclusive; the last one has no bound. A family without a QF
 * valid on a day pays the last (highest) bracket.
 */
export const qfBrackets = pgTable(
  'qf_brackets',
  {
    communeId: communeIdColumn(),
    rank: integer('rank').notNull(),
    /** In euros; null for the last bracket. */
    upperBound: integer('upper_bound'),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.rank] }),
    check('qf_brackets_rank', sql`${t.rank} between 1 and 20`),
    check('qf_brackets_bound', sql`${t.upperBound} is null or ${t.upperBound} between 0 and 100000`),
  ],
);

/**
 * A price grid of one unit of a service, in effect from `starts_on` until the next grid of the same unit
 * starts. Grids are never edited once saved: a new tariff is a new grid, the old one stays for the days
 * before it and for reprinting what it priced.
 */
export const tariffGrids = pgTable(
  'tariff_grids',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    /** The service's unit code (« jour », « journee », « matin-repas »…). */
    unit: text('unit').notNull(),
    startsOn: date('starts_on', dayMode).notNull(),
    /** The council's decision the tariff comes from (« Délibération n° 2026-45 du 12 juin 2026 »). */
    decision: text('decision').notNull().default(''),
    /** Price for a family outside the commune, whatever its QF; none means the bracket price applies. */
    nonResidentCents: integer('non_resident_cents'),
    createdAt: instantColumn('created_at').notNull(),
    createdById: uuid('created_by_id'),
  },
  (t) => [
    // Two grids of one unit never start the same day: the grid in effect on a day is never ambiguous.
    uniqueIndex('tariff_grids_start').on(t.communeId, t.serviceId, t.unit, t.startsOn),
    check('tariff_grids_non_resident', sql`${t.nonResidentCents} is null or (${priceCheck('non_resident_cents')})`),
  ],
);

/** A grid's price at one bracket; `meal_cents` is the « repas » part, the rest is « encadrement ». */
export const tariffGridPrices = pgTable(
  'tariff_grid_prices',
  {
    gridId: uuid('grid_id')
      .notNull()
      .references(() => tariffGrids.id, { onDelete: 'cascade' }),
    communeId: communeIdColumn(),
    bracketRank: integer('bracket_rank').notNull(),
    priceCents: integer('price_cents').notNull(),
    mealCents: integer('meal_cents'),
  },
  (t) => [
    primaryKey({ columns: [t.gridId, t.bracketRank] }),
    check('tariff_grid_prices_price', priceCheck('price_cents')),
    check(
      'tariff_grid_prices_meal',
      sql`${t.mealCents} is null or (${t.mealCents} >= 0 and ${t.mealCents} <= ${t.priceCents})`,
    ),
  ],
);

/** A holiday session's price at one bracket (sessions have their own dates, so no start day). */
export const sessionTariffs = pgTable(
  'session_tariffs',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => activitySessions.id, { onDelete: 'cascade' }),
    communeId: communeIdColumn(),
    bracketRank: integer('bracket_rank').notNull(),
    priceCents: integer('price_cents').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.bracketRank] }),
    check('session_tariffs_price', priceCheck('price_cents')),
  ],
);

export type QuotientSource = 'caf' | 'msa' | 'avis-imposition' | 'guichet';

/**
 * A family's quotient familial, valid from one day to another, as an agent entered it. Rows are never
 * changed: a correction is a new row, and the one entered last wins on the days both cover.
 */
export const familyQuotients = pgTable(
  'family_quotients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    familyId: familyId(),
    /** In euros, as the CAF writes it. */
    value: integer('value').notNull(),
    source: text('source').$type<QuotientSource>().notNull(),
    validFrom: date('valid_from', dayMode).notNull(),
    validTo: date('valid_to', dayMode).notNull(),
    enteredAt: instantColumn('entered_at').notNull(),
    enteredById: uuid('entered_by_id'),
  },
  (t) => [
    index('family_quotients_family').on(t.communeId, t.familyId, t.validFrom),
    check('family_quotients_value', sql`${t.value} between 0 and 100000`),
    check('family_quotients_period', sql`${t.validFrom} <= ${t.validTo}`),
  ],
);

/** Whether a family lives outside the commune (the grid's non-resident price then applies). */
export const familyResidence = pgTable('family_residence', {
  familyId: familyId().primaryKey(),
  communeId: communeIdColumn(),
  nonResident: boolean('non_resident').notNull().default(false),
  changedAt: instantColumn('changed_at').notNull(),
});

export type InvoiceStatus = 'draft' | 'issued' | 'cancelled';

/**
 * A family's invoice for a month. A draft has no number and may be replaced by a new run; issuing gives
 * it the next number of its commune's yearly series and freezes it (a trigger refuses any other change);
 * cancelling keeps the number and frees its lines.
 */
export const invoices = pgTable(
  'invoices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    familyId: familyId(),
    status: text('status').$type<InvoiceStatus>().notNull(),
    /** « 2027-000123 »; null while a draft. */
    number: text('number'),
    /** The month billed, « 2027-03 ». */
    period: text('period').notNull(),
    totalCents: integer('total_cents').notNull(),
    /** The run's warnings for the review (« qf-missing », « below-minimum »…). */
    warnings: jsonb('warnings').$type<string[]>().notNull().default([]),
    draftedAt: instantColumn('drafted_at').notNull(),
    issuedOn: date('issued_on', dayMode),
    dueOn: date('due_on', dayMode),
    onlinePaymentUntil: date('online_payment_until', dayMode),
    issuedAt: instantColumn('issued_at'),
    issuedById: uuid('issued_by_id'),
    cancelledAt: instantColumn('cancelled_at'),
    cancelledById: uuid('cancelled_by_id'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    uniqueIndex('invoices_number').on(t.communeId, t.number),
    // One draft per family and month: a new run replaces it.
    uniqueIndex('invoices_one_draft')
      .on(t.communeId, t.familyId, t.period)
      .where(sql`status = 'draft'`),
    index('invoices_family').on(t.communeId, t.familyId, t.period),
    index('invoices_period').on(t.communeId, t.period, t.status),
    check('invoices_status', sql`${t.status} in ('draft', 'issued', 'cancelled')`),
    check('invoices_period_format', sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('invoices_total', sql`${t.totalCents} >= 0`),
    check('invoices_number_length', sql`char_length(${t.number}) <= 20`),
    check(
      'invoices_numbered_when_issued',
      sql`(${t.status} = 'draft') = (${t.number} is null) and (${t.status} = 'draft') = (${t.issuedOn} is null)`,
    ),
    check('invoices_cancel_reason', sql`(${t.status} = 'cancelled') = (${t.cancelReason} is not null)`),
  ],
);

export type InvoiceLineKind = 'jour' | 'annulation-tardive' | 'sans-reservation' | 'session';

/**
 * One billable day (or holiday session) of a child, priced and frozen with everything that priced it, so
 * an invoice can be reprinted and its calculation shown exactly. `released` is set when its invoice is
 * cancelled: the day may then be billed again; a unique index keeps any day from being billed twice.
 */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // The commune and the family are the invoice's (the trigger of migration 0013 checks it once per
    // invoice and statement): no foreign key of their own, checked line by line (ADR 0031).
    communeId: uuid('commune_id').notNull(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id').notNull(),
    // The child and the service exist, and their deletion takes their lines with them: checked once per
    // statement by the triggers of migration 0015 rather than a foreign key per line (ADR 0037).
    memberId: uuid('member_id').notNull(),
    /** The child's name when priced, for reprinting. */
    memberName: text('member_name').notNull(),
    serviceId: uuid('service_id').notNull(),
    serviceName: text('service_name').notNull(),
    unit: text('unit').notNull(),
    unitLabel: text('unit_label').notNull(),
    /** The day billed; a session's first day. */
    day: date('day', dayMode).notNull(),
    kind: text('kind').$type<InvoiceLineKind>().notNull(),
    bookingId: uuid('booking_id'),
    sessionBookingId: uuid('session_booking_id'),
    sessionName: text('session_name'),
    quantity: integer('quantity').notNull().default(1),
    /** The grid that priced it; none for a day priced at the booking's own price (no grid in effect). */
    gridId: uuid('grid_id'),
    bracketRank: integer('bracket_rank'),
    qfValue: integer('qf_value'),
    qfSource: text('qf_source').$type<QuotientSource>(),
    /** The non-resident price applied. */
    nonResident: boolean('non_resident').notNull().default(false),
    unitPriceCents: integer('unit_price_cents').notNull(),
    /** The « repas » part of the unit price, for the attestation fiscale. */
    mealCents: integer('meal_cents'),
    majorationCents: integer('majoration_cents').notNull().default(0),
    /** The majoration's rule in words (« +50 % »). */
    majorationRule: text('majoration_rule'),
    amountCents: integer('amount_cents').notNull(),
    released: boolean('released').notNull().default(false),
  },
  (t) => [
    // A day of a service is billed once for a child, whatever the runs, cancellations and corrections.
    uniqueIndex('invoice_lines_day_once')
      .on(t.memberId, t.serviceId, t.day)
      .where(sql`released = false and session_booking_id is null`),
    // Holiday sessions only: the days' lines (no session) stay out of this index.
    uniqueIndex('invoice_lines_session_once')
      .on(t.sessionBookingId)
      .where(sql`released = false and session_booking_id is not null`),
    index('invoice_lines_invoice').on(t.invoiceId),
    check('invoice_lines_quantity', sql`${t.quantity} between 1 and 1000`),
    check('invoice_lines_unit_price', priceCheck('unit_price_cents')),
    check('invoice_lines_majoration', sql`${t.majorationCents} between 0 and 100000`),
    check('invoice_lines_amount', sql`${t.amountCents} = ${t.quantity} * ${t.unitPriceCents} + ${t.majorationCents}`),
  ],
);

/** The last number given per commune, series and year; taken under this row's lock by the issuing transaction. */
export const invoiceCounters = pgTable(
  'invoice_counters',
  {
    communeId: communeIdColumn(),
    series: text('series').$type<'facture' | 'avoir'>().notNull(),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.communeId, t.series, t.year] }),
    check('invoice_counters_last', sql`${t.lastNumber} >= 0`),
  ],
);

/** A credit note (« avoir ») correcting an issued invoice: its own series, never changed once written. */
export const creditNotes = pgTable(
  'credit_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    familyId: familyId(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    /** « AV-2027-000012 » */
    number: text('number').notNull(),
    issuedOn: date('issued_on', dayMode).notNull(),
    amountCents: integer('amount_cents').notNull(),
    reason: text('reason').notNull(),
    createdAt: instantColumn('created_at').notNull(),
    createdById: uuid('created_by_id'),
  },
  (t) => [
    uniqueIndex('credit_notes_number').on(t.communeId, t.number),
    index('credit_notes_invoice').on(t.invoiceId),
    check('credit_notes_amount', sql`${t.amountCents} > 0`),
    check('credit_notes_number_length', sql`char_length(${t.number}) <= 20`),
  ],
);

/** What a credit note gives back, line by line of the invoice it corrects. */
export const creditNoteLines = pgTable(
  'credit_note_lines',
  {
    creditNoteId: uuid('credit_note_id')
      .notNull()
      .references(() => creditNotes.id, { onDelete: 'cascade' }),
    communeId: communeIdColumn(),
    invoiceLineId: uuid('invoice_line_id')
      .notNull()
      .references(() => invoiceLines.id, { onDelete: 'cascade' }),
    amountCents: integer('amount_cents').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.creditNoteId, t.invoiceLineId] }),
    // A line is credited once: a second correction of the same day would give back twice.
    uniqueIndex('credit_note_lines_once').on(t.invoiceLineId),
    check('credit_note_lines_amount', sql`${t.amountCents} > 0`),
  ],
);
