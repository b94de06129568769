import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, lt, ne, or, sql } from 'drizzle-orm';
import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import { sessions } from './sessionsSchema.js';

export type Realm = 'citizen' | 'agent';
export type Session = typeof sessions.$inferSelect;
export interface NewSessionInput {
  communeId: string;
  realm: Realm;
  subjectId: string;
  stage?: string;
}
/** A session and the token its cookie holds (the table keeps only the token's hash). */
export interface OpenedSession {
  token: string;
  session: Session;
}

/** SECURITY.md: 30 minutes without a request ends a session; 12 hours end it whatever happens. */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60_000;
// Writing "last seen" on every request would cost a write per page: once a minute is precise enough
// for a 30-minute timeout.
const TOUCH_EVERY_MS = 60_000;

const hashId = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Server-side sessions in the database, so that any instance serves any request and logout really
 * ends the session. The browser holds a random 256-bit id; the table holds its hash.
 */
export class SessionStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /**
     * The deployment's secret (PARVIS_SECRET), the same on every instance: it signs the tokens of
     * visitors without a session. Without one, a random secret of this process.
     */
    private readonly secret: string = randomBytes(32).toString('base64url'),
  ) {}

  /**
   * The CSRF token of a visitor without a session (login, sign-up, reset): 192 random bits and
   * their HMAC with the deployment's secret. Nobody without the secret can make one, so a cookie
   * planted over plain HTTP with a value of the attacker's choosing is refused (ADR 0004).
   */
  preLoginToken(): string {
    const nonce = randomBytes(24).toString('base64url');
    return `${nonce}.${this.#sign(nonce)}`;
  }

  /** True only for a token this deployment made. */
  isPreLoginToken(value: string): boolean {
    const dot = value.indexOf('.');
    if (dot !== 32 || value.length !== 32 + 1 + 43) return false;
    const expected = Buffer.from(this.#sign(value.slice(0, dot)));
    const given = Buffer.from(value.slice(dot + 1));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  #sign(nonce: string): string {
    return createHmac('sha256', this.secret).update(`parvis-pre-login-csrf:${nonce}`).digest('base64url');
  }

  /** A new session, with a new id: called at each login, never reusing the id the browser had. */
  async create(input: NewSessionInput, tx: Db = this.db): Promise<OpenedSession> {
    const opened = this.prepare(input);
    await tx.insert(sessions).values(opened.session);
    return opened;
  }

  /**
   * A new session's cookie token and row, not written yet: for a login that inserts the row itself,
   * in the one statement that writes all of its success.
   */
  prepare(input: NewSessionInput): OpenedSession {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const session: Session = {
      idHash: hashId(token),
      communeId: input.communeId,
      realm: input.realm,
      subjectId: input.subjectId,
      stage: input.stage ?? 'complete',
      csrfToken: randomBytes(32).toString('base64url'),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
    };
    return { token, session };
  }

  /**
   * A session's row with placeholders (`session_…`), for an insert built once that writes it with
   * other changes (a login's success); `placeholdersOf` gives their values.
   */
  rowTemplate() {
    const p = (name: string) => sql`${sql.placeholder(`session_${name}`)}`;
    return {
      idHash: p('idHash'),
      communeId: p('communeId'),
      realm: p('realm'),
      subjectId: p('subjectId'),
      stage: p('stage'),
      csrfToken: p('csrfToken'),
      createdAt: p('createdAt'),
      lastSeenAt: p('lastSeenAt'),
      expiresAt: p('expiresAt'),
    };
  }

  placeholdersOf(session: Session): Record<string, unknown> {
    return {
      session_idHash: session.idHash,
      session_communeId: session.communeId,
      session_realm: session.realm,
      session_subjectId: session.subjectId,
      session_stage: session.stage,
      session_csrfToken: session.csrfToken,
      session_createdAt: session.createdAt.toISOString(),
      session_lastSeenAt: session.lastSeenAt.toISOString(),
      session_expiresAt: session.expiresAt.toISOString(),
    };
  }

  /** The live session behind a cookie for this commune and door, or null; an expired one is deleted. */
  async load(token: string, communeId: string, realm: Realm): Promise<Session | null> {
    const [session] = await this.db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, hashId(token)));
    return session ? this.#keepAlive(session, communeId, realm) : null;
  }

  /**
   * As `load`, for a door that reads the session's row together with what its requests need beside
   * it (the account, its family) in one statement: `read` gets the hash the row is found by, and the
   * row it returns passes the same checks (commune, door, timeouts) before anything read with it is
   * given back.
   */
  async loadWith<T>(
    token: string,
    communeId: string,
    realm: Realm,
    read: (idHash: string) => Promise<{ session: Session; with: T } | null>,
  ): Promise<{ session: Session; with: T } | null> {
    const found = await read(hashId(token));
    const session = found && (await this.#keepAlive(found.session, communeId, realm));
    return session ? { session, with: found.with } : null;
  }

  async #keepAlive(session: Session, communeId: string, realm: Realm): Promise<Session | null> {
    if (session.communeId !== communeId || session.realm !== realm) return null;
    const now = this.clock.now();
    if (isExpired(session, now)) {
      await this.db.delete(sessions).where(eq(sessions.idHash, session.idHash));
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await this.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, session.idHash));
      session.lastSeenAt = now;
    }
    return session;
  }

  async setStage(session: Session, stage: string): Promise<void> {
    await this.db.update(sessions).set({ stage }).where(eq(sessions.idHash, session.idHash));
    session.stage = stage;
  }

  async destroy(session: Session): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.idHash, session.idHash));
  }

  /** Ends every session of an account (a password reset, a disabled agent), except possibly the current one. */
  async destroyAllOf(realm: Realm, subjectId: string, options: { except?: Session; tx?: Db } = {}): Promise<void> {
    const conditions = [eq(sessions.realm, realm), eq(sessions.subjectId, subjectId)];
    if (options.except) conditions.push(ne(sessions.idHash, options.except.idHash));
    await (options.tx ?? this.db).delete(sessions).where(and(...conditions));
  }

  /** Removes the rows of sessions that ended without a logout. */
  async purgeExpired(): Promise<number> {
    const now = this.clock.now();
    const deleted = await this.db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, new Date(now.getTime() - IDLE_TIMEOUT_MS))))
      .returning({ idHash: sessions.idHash });
    return deleted.length;
  }
}

export function isExpired(session: Pick<Session, 'lastSeenAt' | 'expiresAt'>, now: Date): boolean {
  return (
    now.getTime() >= session.expiresAt.getTime() || now.getTime() - session.lastSeenAt.getTime() >= IDLE_TIMEOUT_MS
  );
}
