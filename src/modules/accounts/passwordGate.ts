import { createHash } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { type ThrottleState, isLocked, recordFailure, recordSuccess } from './domain/loginThrottle.js';
import type { LoginThrottleRepository } from './loginThrottleRepository.js';
import { verifyDecoy, verifyPassword } from './passwordHasher.js';

/** A password typed for a login name, which may or may not be an account's. */
export interface Attempt {
  realm: 'citizen' | 'agent';
  accountId: string | null;
  /** The username or e-mail as typed. */
  typedName: string;
}

/** `locked` is the delay of the name typed: the only one the person may be told about. */
export type GateResult = { ok: true } | { ok: false; locked: Date | null };

const accountSubject = (realm: string, id: string) => `${realm}:${id}`;
const nameSubject = (realm: string, name: string) => `${realm}-name:${createHash('sha256').update(name.trim().toLowerCase()).digest('hex')}`;

/**
 * Checks a password under the CNIL's brute-force rule, with two counters: the account's, which
 * holds whichever name is typed (username or e-mail), and the name's, which behaves the same for a
 * name that is nobody's. Only the name's delay is ever shown; a try refused by the account's delay
 * alone gets the answer of a wrong password, after the same decoy check as an unknown name. So no
 * answer, message or time tells whether a name is an account's, nor which names go together.
 *
 * Each try is counted as a failure before the password is checked, under the rows' locks, and the
 * count is taken back if the password is right: forty tries sent at the same instant are forty
 * failures in a row, so no more than five passwords are checked before the delay. The slow argon2
 * check runs outside any transaction.
 */
export class PasswordGate {
  constructor(
    private readonly db: Db,
    private readonly throttles: LoginThrottleRepository,
    private readonly clock: Clock,
  ) {}

  async check(communeId: string, attempt: Attempt, storedHash: string | null, password: string): Promise<GateResult> {
    const now = this.clock.now();
    const name = nameSubject(attempt.realm, attempt.typedName);
    const subjects = [name, ...(attempt.accountId ? [accountSubject(attempt.realm, attempt.accountId)] : [])].sort();
    const locks = await inTransaction(this.db, async (tx) => {
      const found = new Map<string, Date | null>();
      // Always in the same order: two simultaneous tries never wait for each other's rows crosswise.
      for (const subject of subjects) {
        const state = await this.throttles.lock(communeId, subject, tx);
        const until = isLocked(state, now);
        found.set(subject, until);
        // While locked even the right password is refused (SECURITY.md); it is not even checked.
        if (!until) await this.throttles.save(communeId, subject, recordFailure(state, now), tx);
      }
      return found;
    });
    const nameLocked = locks.get(name) ?? null;
    if (nameLocked) return { ok: false, locked: nameLocked };
    if ([...locks.values()].some(Boolean)) return { ok: false, locked: await verifyDecoy(password).then(() => null) };
    const ok = storedHash ? await verifyPassword(storedHash, password) : await verifyDecoy(password);
    if (!ok) return { ok: false, locked: isLocked(await this.throttles.read(communeId, name), now) };
    await inTransaction(this.db, async (tx) => {
      for (const subject of subjects) {
        const state = await this.throttles.lock(communeId, subject, tx);
        await this.throttles.save(communeId, subject, recordSuccess(withoutFailureAt(state, now)), tx);
      }
    });
    return { ok: true };
  }

  /** Lifts the delays of an account and its names once its owner proved they hold its e-mail (a reset). */
  async clear(communeId: string, realm: Attempt['realm'], accountId: string, names: string[], tx: Db): Promise<void> {
    const subjects = [accountSubject(realm, accountId), ...names.map((n) => nameSubject(realm, n))].sort();
    for (const subject of subjects) {
      const state = await this.throttles.lock(communeId, subject, tx);
      await this.throttles.save(communeId, subject, recordSuccess(state), tx);
    }
  }
}

/** The state without the failure counted in advance for a try that turned out right. */
function withoutFailureAt(state: ThrottleState, at: Date): ThrottleState {
  const failures = [...state.failures];
  const index = failures.lastIndexOf(at.toISOString());
  if (index >= 0) failures.splice(index, 1);
  return { ...state, failures };
}
