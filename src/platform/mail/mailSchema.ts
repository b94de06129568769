import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Mails kept in the database when no SMTP server is configured. In demo mode they are readable in
 * the demo mail box page; outside demo mode nobody reads them here (the operator configures SMTP_URL).
 */
export const mailbox = pgTable(
  'mailbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: uuid('commune_id'),
    from: text('from_address').notNull(),
    to: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text_body').notNull(),
    html: text('html_body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('mailbox_commune_created').on(t.communeId, t.createdAt)],
);
