import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { mailbox } from './mailSchema.js';

export type MailboxEntry = typeof mailbox.$inferSelect;

// The id comes from a URL: anything but a uuid would make PostgreSQL raise instead of finding nothing.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
    if (!UUID.test(id)) return null;
    const [row] = await this.db
      .select()
      .from(mailbox)
      .where(and(eq(mailbox.communeId, communeId), eq(mailbox.id, id)))
      .limit(1);
    return row ?? null;
  }
}
