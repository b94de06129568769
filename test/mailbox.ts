import { gt, sql } from 'drizzle-orm';
import type { Db } from '../src/platform/db/database.js';
import { mailbox } from '../src/platform/mail/mailSchema.js';

export type StoredMail = typeof mailbox.$inferSelect;

/**
 * The first mail kept in the database that matches, for tests on the database transport: mails
 * leave through a job, so they land a moment after the request that sends them.
 */
export async function waitForMail(
  db: Db,
  predicate: (mail: StoredMail) => boolean,
  timeoutMs = 10_000,
): Promise<StoredMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // The test database is shared and never emptied: only recent mails can be the one awaited.
    const recent = await db
      .select()
      .from(mailbox)
      .where(gt(mailbox.createdAt, sql`now() - interval '5 minutes'`));
    const found = recent.find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No matching mail in the mailbox within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
