import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Server-side sessions (SECURITY.md "Accounts and sessions"). The cookie holds a random id; only its
 * hash is stored, so a copy of this table opens no session. Logout deletes the row.
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    communeId: uuid('commune_id').notNull(),
    /** « citizen » or « agent »: the two doors never share a session. */
    realm: text('realm').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** For agents: « password » until the second factor is given, then « complete ». */
    stage: text('stage').notNull().default('complete'),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** The absolute timeout: the session ends then, however active. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_subject').on(t.subjectId)],
);
