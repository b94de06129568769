import { createHash } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { isLocked, recordFailure, recordSuccess } from './domain/loginThrottle.js';
import type { LoginThrottleRepository } from './loginThrottleRepository.js';
import { verifyDecoy, verifyPassword } from './passwordHasher.js';

export type GateResult = { ok: true } | { ok: false; locked: Date | null };

/** The counters' name for an account, or for a login name that matches none. */
export function throttleSubject(account: { realm: 'citizen' | 'agent'; id: string } | null, typedName: string, realm: 'citizen' | 'agent'): string {
  if (account) return `${account.realm}:${account.id}`;
  return `unknown-${realm}:${createHash('sha256').update(typedName.trim().toLowerCase()).digest('hex')}`;
}

/**
 * Checks a password under the CNIL's brute-force rule. An unknown login name is checked against a
 * decoy hash and counted and delayed exactly like an account: the answers cannot tell them apart.
 * The slow argon2 check runs outside any transaction; only the counting takes the row lock.
 */
export class PasswordGate {
  constructor(
    private readonly db: Db,
    private readonly throttles: LoginThrottleRepository,
    private readonly clock: Clock,
  ) {}

  async check(communeId: string, subject: string, storedHash: string | null, password: string): Promise<GateResult> {
    const before = await this.throttles.read(communeId, subject);
    const lockedUntil = isLocked(before, this.clock.now());
    // While locked even the right password is refused (SECURITY.md); it is not even checked.
    if (lockedUntil) return { ok: false, locked: lockedUntil };
    const ok = storedHash ? await verifyPassword(storedHash, password) : await verifyDecoy(password);
    if (ok) {
      if (before.consecutiveFailures > 0 || before.lockedUntil) {
        await inTransaction(this.db, async (tx) => {
          const state = await this.throttles.lock(communeId, subject, tx);
          await this.throttles.save(communeId, subject, recordSuccess(state), tx);
        });
      }
      return { ok: true };
    }
    const now = this.clock.now();
    const after = await inTransaction(this.db, async (tx) => {
      const state = recordFailure(await this.throttles.lock(communeId, subject, tx), now);
      await this.throttles.save(communeId, subject, state, tx);
      return state;
    });
    return { ok: false, locked: isLocked(after, now) };
  }
}
