import { desc } from 'drizzle-orm';
import type { Db } from '../src/platform/db/database.js';
import { mailbox } from '../src/platform/mail/mailSchema.js';

export type StoredMail = typeof mailbox.$inferSelect;

/**
 * How many of the last mails queued are looked through. The test database is shared and never
 * emptied; mails are dated by each test's own clock (often fixed), so « recent » is read from the
 * order of queuing, not from a date: far more than two files queue while one waits.
 */
const LAST_MAILS = 500;

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
    const last = await db.select().from(mailbox).orderBy(desc(mailbox.seq)).limit(LAST_MAILS);
    // Oldest first, as the mails were queued: a test awaiting a second mail skips the first by its predicate.
    const found = last.reverse().find(predicate);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No matching mail in the mailbox within ${timeoutMs} ms.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
