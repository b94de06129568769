import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { families, familyMembers } from '../families/familiesSchema.js';
import { requests } from '../requests/requestsSchema.js';
import { activitySessions, services } from '../services/servicesSchema.js';

const familyId = () =>
  uuid('family_id')
    .notNull()
    .references(() => families.id, { onDelete: 'cascade' });
const memberId = () =>
  uuid('member_id')
    .notNull()
    .references(() => familyMembers.id, { onDelete: 'cascade' });
const serviceId = () =>
  uuid('service_id')
    .notNull()
    .references(() => services.id, { onDelete: 'cascade' });

/**
 * A child's day at a service. A cancelled booking stays as a row: when it was cancelled late it is still
 * billable (PRODUCT.md), and the price and majoration written at booking time are what billing reads.
 */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    familyId: familyId(),
    memberId: memberId(),
    serviceId: serviceId(),
    day: date('day', dayMode).notNull(),
    /** The service's unit booked (« journee », « matin-repas »…, « jour » for single-unit services). */
    unit: text('unit').notNull(),
    status: text('status').$type<'reserve' | 'annule'>().notNull(),
    late: boolean('late').notNull().default(false),
    unitPriceCents: integer('unit_price_cents').notNull(),
    /** The rule as it was when the late booking was made (« +50 % »), and its amount then. */
    majorationRule: text('majoration_rule'),
    majorationCents: integer('majoration_cents').notNull().default(0),
    bookedAt: instantColumn('booked_at').notNull(),
    bookedByKind: text('booked_by_kind').$type<'citizen' | 'agent'>().notNull(),
    bookedById: uuid('booked_by_id'),
    cancelledAt: instantColumn('cancelled_at'),
    /** Cancelled after the deadline: the day stays billable unless a justified absence covers it. */
    cancelledLate: boolean('cancelled_late').notNull().default(false),
    source: text('source').$type<'famille' | 'guichet' | 'pointage'>().notNull(),
  },
  (t) => [
    // One child never holds the same day of the same service twice, whatever the race.
    uniqueIndex('bookings_one_live_per_day')
      .on(t.memberId, t.serviceId, t.day)
      .where(sql`status = 'reserve'`),
    index('bookings_day').on(t.communeId, t.serviceId, t.day),
    index('bookings_member').on(t.memberId, t.day),
  ],
);

/** Places taken per day of a service that has a limit; changed only under the row's lock. */
export const serviceDayPlaces = pgTable(
  'service_day_places',
  {
    communeId: communeIdColumn(),
    serviceId: serviceId(),
    day: date('day', dayMode).notNull(),
    booked: integer('booked').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.day] })],
);

/** A child's place at a holiday session, or their ticket on its waiting list. */
export const sessionBookings = pgTable(
  'session_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => activitySessions.id, { onDelete: 'cascade' }),
    familyId: familyId(),
    memberId: memberId(),
    status: text('status').$type<'inscrit' | 'attente' | 'annule'>().notNull(),
    /** The waiting-list ticket, distinct per session; the position shown is the rank among those still waiting. */
    position: integer('position'),
    late: boolean('late').notNull().default(false),
    priceCents: integer('price_cents').notNull(),
    majorationRule: text('majoration_rule'),
    majorationCents: integer('majoration_cents').notNull().default(0),
    createdAt: instantColumn('created_at').notNull(),
    promotedAt: instantColumn('promoted_at'),
    cancelledAt: instantColumn('cancelled_at'),
    cancelledLate: boolean('cancelled_late').notNull().default(false),
  },
  (t) => [
    uniqueIndex('session_bookings_one_live')
      .on(t.sessionId, t.memberId)
      .where(sql`status in ('inscrit', 'attente')`),
    uniqueIndex('session_bookings_ticket').on(t.sessionId, t.position),
    index('session_bookings_family').on(t.communeId, t.familyId),
  ],
);

/**
 * An absence the family reported (« Signaler une absence »), also a request. A justified one (illness with
 * its certificate, accepted by the guichet unique) keeps its days from being billed.
 */
export const absences = pgTable(
  'absences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    familyId: familyId(),
    memberId: memberId(),
    requestId: uuid('request_id').references(() => requests.id, { onDelete: 'set null' }),
    firstDay: date('first_day', dayMode).notNull(),
    lastDay: date('last_day', dayMode).notNull(),
    serviceIds: jsonb('service_ids').$type<string[]>().notNull(),
    reason: text('reason').$type<'maladie' | 'autre'>().notNull(),
    note: text('note').notNull().default(''),
    justified: boolean('justified').notNull().default(false),
    reportedAt: instantColumn('reported_at').notNull(),
  },
  (t) => [index('absences_member').on(t.memberId, t.firstDay)],
);

/** The pointage: who was there, per service and day. */
export const attendance = pgTable(
  'attendance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    serviceId: serviceId(),
    memberId: memberId(),
    day: date('day', dayMode).notNull(),
    present: boolean('present').notNull(),
    /** The booking it confirms, or the one the pointage made for a child who came without booking. */
    bookingId: uuid('booking_id').references(() => bookings.id, { onDelete: 'set null' }),
    markedAt: instantColumn('marked_at').notNull(),
    markedById: uuid('marked_by_id'),
  },
  (t) => [
    uniqueIndex('attendance_once').on(t.serviceId, t.memberId, t.day),
    index('attendance_day').on(t.communeId, t.day),
  ],
);

/** A member's agenda as a private calendar feed (ICS); the link holds a secret whose hash is kept here. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeIdColumn(),
    familyId: familyId(),
    memberId: memberId(),
    tokenHash: text('token_hash').notNull(),
    createdAt: instantColumn('created_at').notNull(),
    revokedAt: instantColumn('revoked_at'),
  },
  (t) => [uniqueIndex('calendar_feeds_token').on(t.tokenHash), index('calendar_feeds_member').on(t.memberId)],
);
