import { createHash } from 'node:crypto';
import { type SQL, and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { loginThrottles } from './accountsSchema.js';
import { type ThrottleState, freshThrottle } from './domain/loginThrottle.js';

export type Realm = 'citizen' | 'agent';

/** The counters' row of an account, whichever of its names is typed. */
export const accountSubjectPrefix = (realm: Realm) => `${realm}:`;
export const accountSubject = (realm: Realm, id: string) => `${accountSubjectPrefix(realm)}${id}`;
/** The counters' row of a name as typed (case and spaces aside), whether or not it is an account's: only its hash is kept. */
export const nameSubject = (realm: Realm, name: string) =>
  `${realm}-name:${createHash('sha256').update(name.trim().toLowerCase()).digest('hex')}`;

/** Counters as read without a lock, by subject; null where no row was written yet. */
export type CountersAsRead = ReadonlyMap<string, ThrottleState | null>;

/** New counters for a row, to be written only if the row is still as it was read (`before`, null for no row). */
export interface CountersChange {
  subject: string;
  before: ThrottleState | null;
  after: ThrottleState;
}

/** The wrong-password counters of SECURITY.md, kept in the database so that every instance sees them. */
export class LoginThrottleRepository {
  constructor(private readonly db: Db) {}

  /** The counters as they are, without a lock: to refuse a locked account before any slow check. */
  async read(communeId: string, subject: string): Promise<ThrottleState> {
    const [row] = await this.db
      .select()
      .from(loginThrottles)
      .where(and(eq(loginThrottles.communeId, communeId), eq(loginThrottles.subject, subject)));
    return row ? throttleOf(row) : freshThrottle;
  }

  /**
   * The counters of one account, locked until the transaction ends: two wrong passwords typed at the
   * same instant on two instances both count.
   */
  async lock(communeId: string, subject: string, tx: Db): Promise<ThrottleState> {
    return (await this.lockAll(communeId, [subject], tx)).get(subject)!;
  }

  /**
   * Several rows locked in one statement, each made if missing (an upsert's update takes the row
   * lock). Always in subject order, like every write of several rows here: two tries never wait for
   * each other's rows crosswise.
   */
  async lockAll(communeId: string, subjects: string[], tx: Db): Promise<Map<string, ThrottleState>> {
    const rows = await tx
      .insert(loginThrottles)
      .values(inOrder(subjects).map((subject) => ({ communeId, subject })))
      .onConflictDoUpdate({
        target: [loginThrottles.communeId, loginThrottles.subject],
        set: { subject: sql`excluded.subject` },
      })
      .returning();
    return new Map(rows.map((row) => [row.subject, throttleOf(row)]));
  }

  async save(communeId: string, subject: string, state: ThrottleState, tx: Db): Promise<void> {
    await this.saveAll(communeId, new Map([[subject, state]]), tx);
  }

  /** Rows locked beforehand (`lockAll`), written in one statement. */
  async saveAll(communeId: string, states: ReadonlyMap<string, ThrottleState>, tx: Db): Promise<void> {
    if (states.size === 0) return;
    await this.upsert(
      communeId,
      [...states].map(([subject, after]) => ({ subject, after })),
      tx,
    );
  }

  /**
   * A compare-and-set without a lock: each row gets its new counters only if it is still as it was
   * read, or still missing; the subjects written are returned. A row changed meanwhile is left as it
   * is, for the caller to redo under the lock (`lockAll`). `changes` must not be empty.
   */
  async saveIfUnchanged(communeId: string, changes: CountersChange[]): Promise<Set<string>> {
    const rows = await this.saveIfUnchangedPrepared(changes).execute(saveIfUnchangedValues(communeId, changes));
    return new Set(rows.map((row) => row.subject));
  }

  // Built once per shape: drizzle's building of the statement cost about as much main-thread time as
  // PGlite takes to run it (bench/README.md, « the logged-in path »), at every login.
  private readonly prepared = new Map<string, ReturnType<LoginThrottleRepository['preparedFor']>>();

  private saveIfUnchangedPrepared(changes: CountersChange[]) {
    const rows = changes.length;
    const known = changes.filter((change) => change.before).length;
    const key = `${rows}_${known}`;
    let prepared = this.prepared.get(key);
    if (!prepared) this.prepared.set(key, (prepared = this.preparedFor(rows, known, key)));
    return prepared;
  }

  private preparedFor(rows: number, known: number, key: string) {
    // Kept prepared on a server (parsed and planned once per connection): the text depends only on
    // how many rows there are and how many had been written before, which the name says.
    return this.saveIfUnchangedTemplate(rows, known, this.db).prepare(`login_throttles_save_if_unchanged_${key}`);
  }

  /**
   * `saveIfUnchanged`'s statement for `rows` changes of which `known` rows had been read, unrun, with
   * placeholders (`throttle_…`) that `saveIfUnchangedValues` fills: for a caller that writes it with
   * its own changes in one statement, built once.
   */
  saveIfUnchangedTemplate(rows: number, known: number, db: Db) {
    const expected = Array.from(
      { length: known },
      (_, j) =>
        sql`(${p(`e${j}_subject`)}, ${p(`e${j}_consecutive`)}::integer, ${p(`e${j}_failures`)}::jsonb, ${p(`e${j}_locked`)}::timestamptz)`,
    );
    // A row that was missing when read and exists now was made by another try: not ours to write.
    const unchanged =
      known === 0
        ? sql`false`
        : sql`exists (select from (values ${sql.join(expected, sql`, `)}) as expected (subject, consecutive_failures, failures, locked_until)
          where expected.subject = ${loginThrottles.subject} and expected.consecutive_failures = ${loginThrottles.consecutiveFailures}
            and expected.failures = ${loginThrottles.failures} and expected.locked_until is not distinct from ${loginThrottles.lockedUntil})`;
    return db
      .insert(loginThrottles)
      .values(
        Array.from({ length: rows }, (_, i) => ({
          communeId: sql`${p('communeId')}`,
          subject: sql`${p(`r${i}_subject`)}`,
          consecutiveFailures: sql`${p(`r${i}_consecutive`)}`,
          failures: sql`${p(`r${i}_failures`)}::jsonb`,
          lockedUntil: sql`${p(`r${i}_locked`)}::timestamptz`,
        })),
      )
      .onConflictDoUpdate({ ...onConflict, setWhere: unchanged })
      .returning({ subject: loginThrottles.subject });
  }

  private upsert(communeId: string, rows: { subject: string; after: ThrottleState }[], db: Db, onlyIf?: SQL) {
    return db
      .insert(loginThrottles)
      .values(
        [...rows]
          .sort((a, b) => compare(a.subject, b.subject))
          .map(({ subject, after }) => ({
            communeId,
            subject,
            consecutiveFailures: after.consecutiveFailures,
            failures: after.failures,
            lockedUntil: after.lockedUntil ? new Date(after.lockedUntil) : null,
          })),
      )
      .onConflictDoUpdate({ ...onConflict, setWhere: onlyIf });
  }
}

export function throttleOf(row: typeof loginThrottles.$inferSelect): ThrottleState {
  return {
    consecutiveFailures: row.consecutiveFailures,
    failures: row.failures,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
  };
}

const onConflict = {
  target: [loginThrottles.communeId, loginThrottles.subject],
  set: {
    consecutiveFailures: sql`excluded.consecutive_failures`,
    failures: sql`excluded.failures`,
    lockedUntil: sql`excluded.locked_until`,
  },
};

const p = (name: string) => sql.placeholder(`throttle_${name}`);

/**
 * The values of `saveIfUnchangedTemplate`'s placeholders: the rows in subject order, as every write
 * of several counter rows takes them (no two tries wait for each other crosswise).
 */
export function saveIfUnchangedValues(communeId: string, changes: CountersChange[]): Record<string, unknown> {
  const values: Record<string, unknown> = { throttle_communeId: communeId };
  const sorted = [...changes].sort((a, b) => compare(a.subject, b.subject));
  let j = 0;
  sorted.forEach(({ subject, before, after }, i) => {
    values[`throttle_r${i}_subject`] = subject;
    values[`throttle_r${i}_consecutive`] = after.consecutiveFailures;
    values[`throttle_r${i}_failures`] = JSON.stringify(after.failures);
    values[`throttle_r${i}_locked`] = after.lockedUntil ? new Date(after.lockedUntil).toISOString() : null;
    if (!before) return;
    values[`throttle_e${j}_subject`] = subject;
    values[`throttle_e${j}_consecutive`] = before.consecutiveFailures;
    values[`throttle_e${j}_failures`] = JSON.stringify(before.failures);
    values[`throttle_e${j}_locked`] = before.lockedUntil;
    j++;
  });
  return values;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const inOrder = (subjects: string[]) => [...new Set(subjects)].sort(compare);
