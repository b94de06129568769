import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { SessionStore } from '../../platform/sessions/sessionStore.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { familyAdults } from '../families/familiesSchema.js';
import { accountTokens, citizens, loginThrottles } from './accountsSchema.js';

const DAY_MS = 24 * 3600_000;

/**
 * Removes what the accounts no longer need (RGPD: nothing kept longer than useful): ended sessions,
 * links expired for a week, failure counters with nothing in the last 24 hours, and accounts never
 * activated a week after their creation (their link lived 48 hours), which frees their name and address.
 * Idempotent, so every instance may run it.
 */
export async function purgeAccountsData(db: Db, sessions: SessionStore, clock: Clock): Promise<void> {
  const now = clock.now();
  await sessions.purgeExpired();
  await inTransaction(db, async (tx) => {
    const abandoned = tx
      .select({ id: citizens.id })
      .from(citizens)
      .where(and(eq(citizens.status, 'pending'), lt(citizens.createdAt, new Date(now.getTime() - 7 * DAY_MS))));
    // A key entered at sign-up linked the account: the adult is free again for the next one.
    await tx.update(familyAdults).set({ citizenId: null }).where(inArray(familyAdults.citizenId, abandoned));
    await tx.delete(citizens).where(inArray(citizens.id, abandoned));
  });
  await db.delete(accountTokens).where(lt(accountTokens.expiresAt, new Date(now.getTime() - 7 * DAY_MS)));
  await db
    .delete(loginThrottles)
    .where(
      and(
        or(sql`${loginThrottles.lockedUntil} is null`, lt(loginThrottles.lockedUntil, now)),
        sql`not exists (select 1 from jsonb_array_elements_text(${loginThrottles.failures}) as f where f::timestamptz > ${new Date(now.getTime() - DAY_MS).toISOString()}::timestamptz)`,
      ),
    );
}
