import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { loginThrottles } from './accountsSchema.js';
import { type ThrottleState, freshThrottle } from './domain/loginThrottle.js';

/** The wrong-password counters of SECURITY.md, kept in the database so that every instance sees them. */
export class LoginThrottleRepository {
  constructor(private readonly db: Db) {}

  /** The counters as they are, without a lock: to refuse a locked account before any slow check. */
  async read(communeId: string, subject: string): Promise<ThrottleState> {
    const [row] = await this.db
      .select()
      .from(loginThrottles)
      .where(and(eq(loginThrottles.communeId, communeId), eq(loginThrottles.subject, subject)));
    return row ? toState(row) : freshThrottle;
  }

  /**
   * The counters of one account, locked until the transaction ends: two wrong passwords typed at the
   * same instant on two instances both count.
   */
  async lock(communeId: string, subject: string, tx: Db): Promise<ThrottleState> {
    // One statement: the row is made if missing, and locked either way (an upsert's update takes the row lock).
    const [row] = await tx
      .insert(loginThrottles)
      .values({ communeId, subject })
      .onConflictDoUpdate({ target: [loginThrottles.communeId, loginThrottles.subject], set: { subject: sql`excluded.subject` } })
      .returning();
    return toState(row!);
  }

  async save(communeId: string, subject: string, state: ThrottleState, tx: Db): Promise<void> {
    await tx
      .update(loginThrottles)
      .set({
        consecutiveFailures: state.consecutiveFailures,
        failures: state.failures,
        lockedUntil: state.lockedUntil ? new Date(state.lockedUntil) : null,
      })
      .where(and(eq(loginThrottles.communeId, communeId), eq(loginThrottles.subject, subject)));
  }
}

function toState(row: typeof loginThrottles.$inferSelect): ThrottleState {
  return { consecutiveFailures: row.consecutiveFailures, failures: row.failures, lockedUntil: row.lockedUntil?.toISOString() ?? null };
}
