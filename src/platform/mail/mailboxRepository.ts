import { and, desc, eq } from 'drizzle-orm';
import { isUuid } from '../../shared/ids.js';
import type { Db } from '../db/database.js';
import { mailbox } from './mailSchema.js';

export type MailboxEntry = typeof mailbox.$inferSelect;


/** The mails kept in the database (no SMTP server), read by the demo mail box; scoped to the commune. */
export class MailboxRepository {
  constructor(private readonly db: Db) {}

  /** Newest first. */
  list(communeId: string, limit = 50): Promise<MailboxEntry[]> {
    return this.db
      .select()
      .from(mailbox)
      .where(eq(mailbox.communeId, communeId))
      .orderBy(desc(mailbox.createdAt), desc(mailbox.id))
      .limit(limit);
  }

  async find(communeId: string, id: string): Promise<MailboxEntry | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db
      .select()
      .from(mailbox)
      .where(and(eq(mailbox.communeId, communeId), eq(mailbox.id, id)))
      .limit(1);
    return row ?? null;
  }
}
