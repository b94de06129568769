import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { OpenedSession, SessionStore } from '../../platform/sessions/sessionStore.js';
import { sessions as sessionsTable } from '../../platform/sessions/sessionsSchema.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Citizen, CitizensRepository } from './citizensRepository.js';
import type { CountedTry, PasswordGate } from './passwordGate.js';

/**
 * Everything a citizen's successful login writes, in one statement of data-modifying CTEs: the try
 * counted before the password check taken back, « Dernière connexion » moved on, the audit line and
 * the new session. A login's cost beyond its argon2 check is mostly its statements (on PGlite each
 * one is main-thread time, on a server a round trip: bench/README.md, "login"), and these writes need
 * nothing from one another. One statement is atomic as a transaction would be.
 */
export class LoginSuccessWriter {
  // Built once per number of counter rows, with placeholders: drizzle's building of this statement
  // cost about 0.6 ms of main thread at every login (bench/README.md, « the logged-in path »).
  private readonly prepared = new Map<number, ReturnType<LoginSuccessWriter['prepare']>>();

  constructor(
    private readonly deps: {
      db: Db;
      citizens: CitizensRepository;
      gate: PasswordGate;
      audit: AuditLog;
      sessions: SessionStore;
    },
  ) {}

  async write(input: { communeId: string; citizen: Citizen; ip: string; counted: CountedTry }): Promise<OpenedSession> {
    const { gate, audit, sessions } = this.deps;
    const { communeId, citizen, ip, counted } = input;
    const opened = sessions.prepare({ communeId, realm: 'citizen', subjectId: citizen.id });
    let statement = this.prepared.get(counted.counted.size);
    if (!statement) this.prepared.set(counted.counted.size, (statement = this.prepare(counted.counted.size)));
    const [written] = await statement.execute({
      ...gate.takeBackValues(counted),
      login_communeId: communeId,
      login_citizenId: citizen.id,
      login_at: opened.session.createdAt.toISOString(),
      ...audit.placeholdersOf({
        communeId,
        actor: { kind: 'citizen', id: citizen.id, label: citizen.username },
        action: 'citizen.login.succeeded',
        ip,
      }),
      ...sessions.placeholdersOf(opened.session),
    });
    // A counter row that another try changed after the count is taken back under its lock.
    await gate.takeBackRest(counted, new Set(written!.takenBack));
    return opened;
  }

  private prepare(counterRows: number) {
    const { db, citizens, gate, audit, sessions } = this.deps;
    const takenBack = db.$with('taken_back').as(gate.takeBackTemplate(counterRows, db));
    const lastLogin = db.$with('last_login').as(citizens.recordLoginTemplate(db));
    const audited = db.$with('audited').as(audit.insertTemplate(db));
    // Reading `taken_back` in `returning` runs it with the insert; the CTEs nobody reads run after,
    // so the counter rows are locked before the account's row, in the order a reset takes them.
    // Kept prepared on a server: the text depends only on the number of counter rows.
    return db
      .with(takenBack, lastLogin, audited)
      .insert(sessionsTable)
      .values(sessions.rowTemplate())
      .returning({ takenBack: sql<string[]>`array(select subject from ${takenBack})` })
      .prepare(`citizen_login_success_${counterRows}`);
  }
}
