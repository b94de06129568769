import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row: what this database is for. Demo data never runs outside demo mode, and the reverse. */
export const deployment = pgTable('deployment', {
  id: integer('id').primaryKey().default(1),
  mode: text('mode').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
