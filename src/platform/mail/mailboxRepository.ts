import { and, desc, eq, gt, inArray, or } from 'drizzle-orm';
import { isUuid } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { mailbox } from './mailSchema.js';

export type MailboxEntry = typeof mailbox.$inferSelect;

/** A mail the guichet unique should know about: refused, abandoned, expired unsent, or being retried. Never its body. */
export type MailTrouble = Pick<
  MailboxEntry,
  'id' | 'to' | 'subject' | 'createdAt' | 'status' | 'attempts' | 'lastError' | 'failedAt'
>;

/** The mails kept in the database, scoped to the commune: the demo mail box's, and the ones in trouble. */
export class MailboxRepository {
  constructor(private readonly db: Db) {}

  /** The demo mail box of one browser, newest first: only the mails its own requests queued. */
  list(communeId: string, browser: string, limit = 50): Promise<MailboxEntry[]> {
    return this.db
      .select()
      .from(mailbox)
      .where(and(eq(mailbox.communeId, communeId), eq(mailbox.demoBrowser, browser)))
      .orderBy(desc(mailbox.seq))
      .limit(limit);
  }

  /** One mail of the demo mail box, if that browser's requests queued it. */
  async find(communeId: string, browser: string, id: string): Promise<MailboxEntry | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db
      .select()
      .from(mailbox)
      .where(and(eq(mailbox.communeId, communeId), eq(mailbox.demoBrowser, browser), eq(mailbox.id, id)))
      .limit(1);
    return row ?? null;
  }

  /** The commune's mails that failed or expired unsent, and those still retried after a failure; newest first. */
  troubles(communeId: string, limit = 200): Promise<MailTrouble[]> {
    return this.db
      .select({
        id: mailbox.id,
        to: mailbox.to,
        subject: mailbox.subject,
        createdAt: mailbox.createdAt,
        status: mailbox.status,
        attempts: mailbox.attempts,
        lastError: mailbox.lastError,
        failedAt: mailbox.failedAt,
      })
      .from(mailbox)
      .where(
        and(
          eq(mailbox.communeId, communeId),
          or(
            inArray(mailbox.status, ['failed', 'expired']),
            and(eq(mailbox.status, 'pending'), gt(mailbox.attempts, 0)),
          ),
        ),
      )
      .orderBy(desc(mailbox.seq))
      .limit(limit);
  }
}
