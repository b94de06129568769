import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { communes } from '../communes/communesSchema.js';

/**
 * Who did what, when (UTC), from where (SECURITY.md "Every request"). Never a password, a token, a
 * key or a health value: `details` holds identifiers and outcomes only.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    communeId: uuid('commune_id').references(() => communes.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** « citizen », « agent », « system » or « anonymous ». */
    actorKind: text('actor_kind').notNull(),
    actorId: uuid('actor_id'),
    /** A readable name of the actor at the time (login name), for the log's readers. */
    actorLabel: text('actor_label').notNull().default(''),
    action: text('action').notNull(),
    subjectKind: text('subject_kind'),
    subjectId: uuid('subject_id'),
    ip: text('ip').notNull().default(''),
    details: jsonb('details').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  },
  (t) => [index('audit_events_commune_at').on(t.communeId, t.at)],
);
