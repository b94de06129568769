import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { communeIdColumn, dayMode, instantColumn } from '../../platform/db/columns.js';
import { families, familyMembers } from '../families/familiesSchema.js';
import { requests } from '../requests/requestsSchema.js';
import type { ServiceKind, ServiceUnit } from './domain/catalogueService.js';

/** A school year of the commune: the days its periscolaire services may open, and its rentrée window. */
export const schoolYears = pgTable(
  'school_years',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    /** « 2026-2027 » */
    label: text('label').notNull(),
    startsOn: date('starts_on', dayMode).notNull(),
    endsOn: date('ends_on', dayMode).notNull(),
    /** Until this day inclusive, every change for the year's days is on time (PRODUCT.md, « Rentrée window »). */
    rentreeWindowEndsOn: date('rentree_window_ends_on', dayMode).notNull(),
  },
  (t) => [uniqueIndex('school_years_label').on(t.communeId, t.label)],
);

/**
 * Days off of the calendar, inclusive at both ends: school holidays (« vacances », the zone's published dates)
 * and the commune's closure days (« fermeture »). Public holidays are computed, not stored.
 */
export const calendarPeriods = pgTable(
  'calendar_periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    kind: text('kind').$type<'vacances' | 'fermeture'>().notNull(),
    label: text('label').notNull(),
    startsOn: date('starts_on', dayMode).notNull(),
    endsOn: date('ends_on', dayMode).notNull(),
  },
  (t) => [index('calendar_periods_commune').on(t.communeId, t.startsOn)],
);

/** A service families book, with its rules; every number is the commune's to set. */
export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    kind: text('kind').$type<ServiceKind>().notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** ISO weekdays, 1 = Monday. */
    openWeekdays: jsonb('open_weekdays').$type<number[]>().notNull(),
    /** Closed during school holidays (periscolaire services); holiday sessions have their own dates. */
    schoolPeriodsOnly: boolean('school_periods_only').notNull().default(true),
    deadlineDaysBefore: integer('deadline_days_before').notNull().default(15),
    deadlineTime: text('deadline_time').notNull().default('23:59:59'),
    cutoffDaysBefore: integer('cutoff_days_before').notNull().default(1),
    cutoffTime: text('cutoff_time').notNull().default('10:00:00'),
    /** Whether the rentrée window applies (periscolaire services, not holiday sessions). */
    rentreeWindow: boolean('rentree_window').notNull().default(true),
    majorationKind: text('majoration_kind').$type<'percent' | 'fixed'>().notNull().default('percent'),
    /** Basis points for a percentage (5000 = 50 %), cents for a fixed amount. */
    majorationValue: integer('majoration_value').notNull().default(5000),
    illnessReportTime: text('illness_report_time').notNull().default('09:00:00'),
    requiredDocuments: jsonb('required_documents').$type<string[]>().notNull().default([]),
    /** Places per open day; none means no limit. */
    placesPerDay: integer('places_per_day'),
    units: jsonb('units').$type<ServiceUnit[]>().notNull(),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('services_commune').on(t.communeId, t.position)],
);

/** A holiday activity session (« Activités vacances »): dates, ages, places, price. */
export const activitySessions = pgTable(
  'activity_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    startsOn: date('starts_on', dayMode).notNull(),
    endsOn: date('ends_on', dayMode).notNull(),
    /** Ages in whole years on the first day, inclusive. */
    minAge: integer('min_age').notNull(),
    maxAge: integer('max_age').notNull(),
    places: integer('places').notNull(),
    priceCents: integer('price_cents').notNull(),
    /** Places taken. Changed only under this row's lock, so that it never passes `places`. */
    booked: integer('booked').notNull().default(0),
    /** The last waiting-list ticket given: positions are distinct whatever the rush. */
    waitlistNext: integer('waitlist_next').notNull().default(0),
  },
  (t) => [index('activity_sessions_commune').on(t.communeId, t.startsOn)],
);

/** An accepted inscription: the member may book the service's days of that school year. */
export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    familyId: uuid('family_id')
      .notNull()
      .references(() => families.id, { onDelete: 'cascade' }),
    memberId: uuid('member_id')
      .notNull()
      .references(() => familyMembers.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    schoolYearId: uuid('school_year_id')
      .notNull()
      .references(() => schoolYears.id, { onDelete: 'cascade' }),
    /** The « inscription » request it came from; none when the guichet unique enrolled the child itself. */
    requestId: uuid('request_id').references(() => requests.id, { onDelete: 'set null' }),
    status: text('status').$type<'active' | 'ended'>().notNull().default('active'),
    createdAt: instantColumn('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('enrolments_member_service_year').on(t.memberId, t.serviceId, t.schoolYearId),
    index('enrolments_family').on(t.communeId, t.familyId),
  ],
);
