import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import {
  type ThrottleState,
  freshThrottle,
  isLocked,
  recordFailure,
  recordSuccess,
  takeBackTry,
} from './domain/loginThrottle.js';
import {
  type CountersAsRead,
  type CountersChange,
  type LoginThrottleRepository,
  type Realm,
  accountSubject,
  nameSubject,
  saveIfUnchangedValues,
} from './loginThrottleRepository.js';
import { verifyDecoy, verifyPassword } from './passwordHasher.js';

/** A password typed for a login name, which may or may not be an account's. */
export interface Attempt {
  realm: Realm;
  accountId: string | null;
  /** The username or e-mail as typed. */
  typedName: string;
  /**
   * The counters of the name and of the account, when they were read with the account in the same
   * query (`CitizensRepository.findForLogin`): the try is then counted without taking a lock, unless
   * a row changed since.
   */
  counters?: CountersAsRead;
}

/** `locked` is the delay of the name typed: the only one the person may be told about. */
export type GateResult = { ok: true } | { ok: false; locked: Date | null };

/** A right password whose try is still counted as a failure, on the rows as the count left them. */
export interface CountedTry {
  communeId: string;
  at: Date;
  counted: ReadonlyMap<string, ThrottleState>;
}

/**
 * Checks a password under the CNIL's brute-force rule, with two counters: the account's, which
 * holds whichever name is typed (username or e-mail), and the name's, which behaves the same for a
 * name that is nobody's. Only the name's delay is ever shown; a try refused by the account's delay
 * alone gets the answer of a wrong password, after the same decoy check as an unknown name. So no
 * answer, message or time tells whether a name is an account's, nor which names go together.
 *
 * Each try is counted as a failure before the password is checked, on rows as they are at that very
 * moment (written only if unchanged since read, or under their locks), and the count is taken back if
 * the password is right: forty tries sent at the same instant are forty failures in a row, so no more
 * than five passwords are checked before the delay. The slow argon2 check runs outside any transaction.
 */
export class PasswordGate {
  constructor(
    private readonly db: Db,
    private readonly throttles: LoginThrottleRepository,
    private readonly clock: Clock,
  ) {}

  async check(communeId: string, attempt: Attempt, storedHash: string | null, password: string): Promise<GateResult> {
    const checked = await this.checkLeavingTryCounted(communeId, attempt, storedHash, password);
    if (!checked.ok) return checked;
    await this.takeBack(checked.counted);
    return { ok: true };
  }

  /**
   * `check`, except that a right password's try stays counted: the caller takes it back, with its own
   * writes (`takeBackTemplate`, then `takeBackRest`) or alone (`takeBack`).
   */
  async checkLeavingTryCounted(
    communeId: string,
    attempt: Attempt,
    storedHash: string | null,
    password: string,
  ): Promise<{ ok: true; counted: CountedTry } | { ok: false; locked: Date | null }> {
    const now = this.clock.now();
    const name = nameSubject(attempt.realm, attempt.typedName);
    const subjects = [name, ...(attempt.accountId ? [accountSubject(attempt.realm, attempt.accountId)] : [])];
    const { locks, counted } = await this.countTry(communeId, subjects, attempt.counters ?? new Map(), now);
    const nameLocked = locks.get(name) ?? null;
    if (nameLocked) return { ok: false, locked: nameLocked };
    if ([...locks.values()].some(Boolean)) return { ok: false, locked: await verifyDecoy(password).then(() => null) };
    const ok = storedHash ? await verifyPassword(storedHash, password) : await verifyDecoy(password);
    if (!ok) return { ok: false, locked: isLocked(await this.throttles.read(communeId, name), now) };
    return { ok: true, counted: { communeId, at: now, counted } };
  }

  /** Takes a right try back alone. */
  async takeBack(counted: CountedTry): Promise<void> {
    await this.takeBackRest(counted, await this.throttles.saveIfUnchanged(counted.communeId, takeBackChanges(counted)));
  }

  /**
   * The write that takes a right try back, unrun, for a caller that writes it with its own changes in
   * one statement built once: each of the `rows` counted rows is written only if it is still as the
   * count left it, and its subject returned; `takeBackValues` fills its placeholders. The rows it did
   * not write go to `takeBackRest`.
   */
  takeBackTemplate(rows: number, db: Db) {
    // Every counted row had been written by the count: all of them are compared.
    return this.throttles.saveIfUnchangedTemplate(rows, rows, db);
  }

  takeBackValues(counted: CountedTry): Record<string, unknown> {
    return saveIfUnchangedValues(counted.communeId, takeBackChanges(counted));
  }

  /** Takes the try back, under the rows' locks, on the rows that another try changed after the count. */
  async takeBackRest(counted: CountedTry, written: ReadonlySet<string>): Promise<void> {
    const rest = [...counted.counted.keys()].filter((subject) => !written.has(subject));
    if (rest.length === 0) return;
    await inTransaction(this.db, async (tx) => {
      const states = await this.throttles.lockAll(counted.communeId, rest, tx);
      await this.throttles.saveAll(
        counted.communeId,
        mapStates(states, (state) => takeBackTry(state, counted.at)),
        tx,
      );
    });
  }

  /** Lifts the delays of an account and its names once its owner proved they hold its e-mail (a reset). */
  async clear(communeId: string, realm: Realm, accountId: string, names: string[], tx: Db): Promise<void> {
    const states = await this.throttles.lockAll(
      communeId,
      [accountSubject(realm, accountId), ...names.map((n) => nameSubject(realm, n))],
      tx,
    );
    await this.throttles.saveAll(communeId, mapStates(states, recordSuccess), tx);
  }

  /**
   * Counts the try as a failure on each row that is not locked; a locked row is left as it is, since
   * while locked even the right password is refused (SECURITY.md), and is not even checked. Rows read
   * with the account are written only if unchanged since (one statement, no lock); the others, and
   * those another try changed meanwhile, are counted under their locks.
   */
  private async countTry(communeId: string, subjects: string[], asRead: CountersAsRead, now: Date) {
    const locks = new Map<string, Date | null>();
    const counted = new Map<string, ThrottleState>();
    const changes: CountersChange[] = [];
    for (const subject of subjects.filter((s) => asRead.has(s))) {
      const before = asRead.get(subject) ?? null;
      const until = isLocked(before ?? freshThrottle, now);
      if (until) locks.set(subject, until);
      else changes.push({ subject, before, after: recordFailure(before ?? freshThrottle, now) });
    }
    if (changes.length > 0) {
      const written = await this.throttles.saveIfUnchanged(communeId, changes);
      for (const { subject, after } of changes.filter((change) => written.has(change.subject))) {
        locks.set(subject, null);
        counted.set(subject, after);
      }
    }
    const rest = subjects.filter((subject) => !locks.has(subject));
    if (rest.length === 0) return { locks, counted };
    await inTransaction(this.db, async (tx) => {
      const failed = new Map<string, ThrottleState>();
      for (const [subject, state] of await this.throttles.lockAll(communeId, rest, tx)) {
        const until = isLocked(state, now);
        locks.set(subject, until);
        if (!until) failed.set(subject, recordFailure(state, now));
      }
      await this.throttles.saveAll(communeId, failed, tx);
      for (const [subject, state] of failed) counted.set(subject, state);
    });
    return { locks, counted };
  }
}

/** Each counted row as the count left it, and as it is once the try is taken back. */
function takeBackChanges(counted: CountedTry): CountersChange[] {
  return [...counted.counted].map(([subject, before]) => ({ subject, before, after: takeBackTry(before, counted.at) }));
}

function mapStates(
  states: ReadonlyMap<string, ThrottleState>,
  change: (state: ThrottleState) => ThrottleState,
): Map<string, ThrottleState> {
  return new Map([...states].map(([subject, state]) => [subject, change(state)]));
}
