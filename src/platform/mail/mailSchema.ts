import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Mails waiting to leave, and the ones that could not. With SMTP a row lives from its queuing to
 * its delivery (then it is deleted), or stays `failed` (the relay refused it, or stayed away too
 * long: the guichet unique sees it and may send it again) or `expired` (its link died first: its
 * body is wiped). Without SMTP (demo) the row is the mail, read in the demo mail box.
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
    /** When the mail was queued, on the portal's clock (the demo's, in demo mode), as every date a page shows. */
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The order mails were queued in, whatever the clock said: lists read newest first by it, and a
     * test finds the mail it awaits among the last ones queued, even when its clock is fixed.
     */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    /** `pending` (to send, or kept in the demo), `failed` or `expired`; a sent mail is deleted. */
    status: text('status').notNull().default('pending'),
    /** Delivery attempts that failed. */
    attempts: integer('attempts').notNull().default(0),
    /** The job allowed to make the next attempt: a job left over from an earlier one does nothing. */
    jobToken: uuid('job_token'),
    /** When the link the mail carries stops working: the mail is not sent after it, and wiped. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** Until when temporary failures are retried. */
    retryUntil: timestamp('retry_until', { withTimezone: true }),
    /** The last failure, in French, as the guichet unique reads it. */
    lastError: text('last_error'),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    /** Demo mode: a hash of the browser whose request queued the mail; only that browser reads it. */
    demoBrowser: text('demo_browser'),
  },
  (t) => [
    index('mailbox_commune_seq').on(t.communeId, t.seq),
    index('mailbox_seq').on(t.seq),
    index('mailbox_commune_status').on(t.communeId, t.status),
  ],
);
