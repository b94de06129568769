import { createHash } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { type ThrottleState, isLocked, recordFailure, recordSuccess } from './domain/loginThrottle.js';
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
 *
 * Each try is counted as a failure before the password is checked, under the row's lock, and the
 * count is taken back if the password is right: forty tries sent at the same instant are forty
 * failures in a row, so no more than five passwords are ever checked before the delay. The slow
 * argon2 check itself runs outside any transaction.
 */
export class PasswordGate {
  constructor(
    private readonly db: Db,
    private readonly throttles: LoginThrottleRepository,
    private readonly clock: Clock,
  ) {}

  async check(communeId: string, subject: string, storedHash: string | null, password: string): Promise<GateResult> {
    const now = this.clock.now();
    const locked = await inTransaction(this.db, async (tx) => {
      const state = await this.throttles.lock(communeId, subject, tx);
      // While locked even the right password is refused (SECURITY.md); it is not even checked.
      const until = isLocked(state, now);
      if (!until) await this.throttles.save(communeId, subject, recordFailure(state, now), tx);
      return until;
    });
    if (locked) return { ok: false, locked };
    const ok = storedHash ? await verifyPassword(storedHash, password) : await verifyDecoy(password);
    if (!ok) return { ok: false, locked: isLocked(await this.throttles.read(communeId, subject), now) };
    await inTransaction(this.db, async (tx) => {
      const state = await this.throttles.lock(communeId, subject, tx);
      await this.throttles.save(communeId, subject, recordSuccess(withoutFailureAt(state, now)), tx);
    });
    return { ok: true };
  }

  /** Lifts the delay of an account whose owner proved they hold its e-mail (a password reset). */
  async clear(communeId: string, subject: string, tx: Db): Promise<void> {
    const state = await this.throttles.lock(communeId, subject, tx);
    await this.throttles.save(communeId, subject, recordSuccess(state), tx);
  }
}

/** The state without the failure counted in advance for a try that turned out right. */
function withoutFailureAt(state: ThrottleState, at: Date): ThrottleState {
  const failures = [...state.failures];
  const index = failures.lastIndexOf(at.toISOString());
  if (index >= 0) failures.splice(index, 1);
  return { ...state, failures };
}
