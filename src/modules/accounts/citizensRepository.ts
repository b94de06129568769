import { and, eq, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/database.js';
import type { Session } from '../../platform/sessions/sessionStore.js';
import { sessions } from '../../platform/sessions/sessionsSchema.js';
import { familyAdults } from '../families/familiesSchema.js';
import { citizens, loginThrottles } from './accountsSchema.js';
import {
  type CountersAsRead,
  accountSubject,
  accountSubjectPrefix,
  nameSubject,
  throttleOf,
} from './loginThrottleRepository.js';

export type Citizen = typeof citizens.$inferSelect;

/** What a family's request needs at the door: its account and the family file that account is linked to. */
export interface CitizenAtDoor {
  citizen: Citizen | null;
  familyId: string | null;
}
export type NewCitizen = Omit<typeof citizens.$inferInsert, 'id' | 'usernameKey' | 'emailKey'>;

/** The form of a username or an e-mail that uniqueness and login compare: case and spaces do not count. */
export const loginKey = (text: string) => text.trim().toLowerCase();

/** Citizens' accounts; every method is scoped to the commune. */
export class CitizensRepository {
  private readonly loginLookup: ReturnType<typeof prepareLoginLookup>;
  private readonly sessionLookup: ReturnType<typeof prepareSessionLookup>;

  constructor(private readonly db: Db) {
    this.loginLookup = prepareLoginLookup(db);
    this.sessionLookup = prepareSessionLookup(db);
  }

  /**
   * A citizen session's row by the hash of its id, with its account and the account's family, in one
   * statement: every page behind the login reads them (bench/README.md, « the logged-in path »). Only
   * a session of this commune's citizen door is found; its timeouts are the session store's to check.
   */
  async findSession(communeId: string, idHash: string): Promise<{ session: Session; with: CitizenAtDoor } | null> {
    const [row] = await this.sessionLookup.execute({ communeId, idHash });
    return row ? { session: row.session, with: { citizen: row.citizen, familyId: row.familyId } } : null;
  }

  async findById(communeId: string, id: string, tx: Db = this.db): Promise<Citizen | null> {
    const [row] = await tx
      .select()
      .from(citizens)
      .where(and(eq(citizens.communeId, communeId), eq(citizens.id, id)));
    return row ?? null;
  }

  /** By username or by e-mail, as the login form accepts either. */
  async findByLogin(communeId: string, identifier: string, tx: Db = this.db): Promise<Citizen | null> {
    const key = loginKey(identifier);
    const rows = await tx
      .select()
      .from(citizens)
      .where(and(eq(citizens.communeId, communeId), or(eq(citizens.usernameKey, key), eq(citizens.emailKey, key))))
      .limit(1);
    // Usernames cannot hold « @ »: one name matches one account at most.
    return rows[0] ?? null;
  }

  /**
   * What a login reads, in one query (a login's cost is mostly its statements: bench/README.md): the
   * account the name is, if any, and the brute-force counters of that name and of that account, null
   * where none was ever written. The password gate counts the try from them without a lock.
   */
  async findForLogin(
    communeId: string,
    identifier: string,
  ): Promise<{ citizen: Citizen | null; counters: CountersAsRead }> {
    const typedName = nameSubject('citizen', identifier);
    const [row] = await this.loginLookup.execute({ communeId, key: loginKey(identifier), typedName });
    // Usernames cannot hold « @ »: one name matches one account at most.
    const citizen = row?.citizen ?? null;
    const counters = new Map([[typedName, row?.nameCounters ? throttleOf(row.nameCounters) : null]]);
    if (citizen)
      counters.set(
        accountSubject('citizen', citizen.id),
        row?.accountCounters ? throttleOf(row.accountCounters) : null,
      );
    return { citizen, counters };
  }

  /** The account's wrong-key instants, its row locked until the transaction ends. */
  async lockKeyFailures(communeId: string, id: string, tx: Db): Promise<string[]> {
    const [row] = await tx
      .select({ keyFailures: citizens.keyFailures })
      .from(citizens)
      .where(and(eq(citizens.communeId, communeId), eq(citizens.id, id)))
      .for('update');
    return row?.keyFailures ?? [];
  }

  async findByEmail(communeId: string, email: string, tx: Db = this.db): Promise<Citizen | null> {
    const [row] = await tx
      .select()
      .from(citizens)
      .where(and(eq(citizens.communeId, communeId), eq(citizens.emailKey, loginKey(email))));
    return row ?? null;
  }

  /** Null when the username or the e-mail was taken meanwhile (the unique indexes decide). */
  async insert(citizen: NewCitizen, tx: Db = this.db): Promise<Citizen | null> {
    const [row] = await tx
      .insert(citizens)
      .values({ ...citizen, usernameKey: loginKey(citizen.username), emailKey: loginKey(citizen.email) })
      .onConflictDoNothing()
      .returning();
    return row ?? null;
  }

  /**
   * « Dernière connexion » moves on: the login before this one becomes the previous one. Unrun, with
   * placeholders (`login_communeId`, `login_citizenId`, `login_at`), for the statement built once that
   * writes all of a login's success (`LoginSuccessWriter`).
   */
  recordLoginTemplate(db: Db = this.db) {
    return db
      .update(citizens)
      .set({ previousLoginAt: sql`${citizens.lastLoginAt}`, lastLoginAt: sql`${sql.placeholder('login_at')}` })
      .where(
        and(
          eq(citizens.communeId, sql.placeholder('login_communeId')),
          eq(citizens.id, sql.placeholder('login_citizenId')),
        ),
      );
  }

  async update(
    communeId: string,
    id: string,
    changes: Partial<Omit<NewCitizen, 'communeId'>>,
    tx: Db = this.db,
  ): Promise<void> {
    const keys: Partial<Pick<Citizen, 'usernameKey' | 'emailKey'>> = {};
    if (changes.username !== undefined) keys.usernameKey = loginKey(changes.username);
    if (changes.email !== undefined) keys.emailKey = loginKey(changes.email);
    await tx
      .update(citizens)
      .set({ ...changes, ...keys })
      .where(and(eq(citizens.communeId, communeId), eq(citizens.id, id)));
  }
}

/**
 * `findForLogin`'s query, built once: building a select of three joins costs about as much
 * main-thread time as PGlite takes to run it, and a server keeps the statement prepared.
 */
function prepareLoginLookup(db: Db) {
  const communeId = sql.placeholder('communeId');
  const key = sql.placeholder('key');
  const nameCounters = alias(loginThrottles, 'name_counters');
  const accountCounters = alias(loginThrottles, 'account_counters');
  return (
    db
      .select({ citizen: citizens, nameCounters, accountCounters })
      // One row in any case: the name may be nobody's, and either counter may not exist yet.
      .from(sql`(values (true)) as login (typed)`)
      .leftJoin(
        citizens,
        and(eq(citizens.communeId, communeId), or(eq(citizens.usernameKey, key), eq(citizens.emailKey, key))),
      )
      .leftJoin(
        nameCounters,
        and(eq(nameCounters.communeId, communeId), eq(nameCounters.subject, sql.placeholder('typedName'))),
      )
      .leftJoin(
        accountCounters,
        and(
          eq(accountCounters.communeId, communeId),
          eq(accountCounters.subject, sql`${accountSubjectPrefix('citizen')} || ${citizens.id}::text`),
        ),
      )
      .limit(1)
      .prepare('citizen_login_lookup')
  );
}

/**
 * `findSession`'s query, built once. The account and its adult are joined on the session's own
 * commune; `family_adults.citizen_id` is unique, so the row is one at most.
 */
function prepareSessionLookup(db: Db) {
  const communeId = sql.placeholder('communeId');
  return db
    .select({ session: sessions, citizen: citizens, familyId: familyAdults.familyId })
    .from(sessions)
    .leftJoin(citizens, and(eq(citizens.communeId, sessions.communeId), eq(citizens.id, sessions.subjectId)))
    .leftJoin(
      familyAdults,
      and(eq(familyAdults.communeId, sessions.communeId), eq(familyAdults.citizenId, citizens.id)),
    )
    .where(
      and(
        eq(sessions.idHash, sql.placeholder('idHash')),
        eq(sessions.communeId, communeId),
        eq(sessions.realm, 'citizen'),
      ),
    )
    .prepare('citizen_session_lookup');
}
