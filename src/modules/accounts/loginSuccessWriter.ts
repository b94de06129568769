import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import type { OpenedSession, SessionStore } from '../../platform/sessions/sessionStore.js';
import { sessions } from '../../platform/sessions/sessionsSchema.js';
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
    const { db, citizens, gate, audit } = this.deps;
    const { communeId, citizen, ip } = input;
    const opened = this.deps.sessions.prepare({ communeId, realm: 'citizen', subjectId: citizen.id });
    const takenBack = db.$with('taken_back').as(gate.takeBackQuery(input.counted, db));
    const lastLogin = db
      .$with('last_login')
      .as(citizens.recordLogin(communeId, citizen.id, opened.session.createdAt, db));
    const audited = db.$with('audited').as(
      audit.insertOf(
        {
          communeId,
          actor: { kind: 'citizen', id: citizen.id, label: citizen.username },
          action: 'citizen.login.succeeded',
          ip,
        },
        db,
      ),
    );
    // Reading `taken_back` in `returning` runs it with the insert; the CTEs nobody reads run after,
    // so the counter rows are locked before the account's row, in the order a reset takes them.
    // Kept prepared on a server: the text depends only on the number of counter rows.
    const [written] = await db
      .with(takenBack, lastLogin, audited)
      .insert(sessions)
      .values(opened.session)
      .returning({ takenBack: sql<string[]>`array(select subject from ${takenBack})` })
      .prepare(`citizen_login_success_${input.counted.counted.size}`)
      .execute();
    // A counter row that another try changed after the count is taken back under its lock.
    await gate.takeBackRest(input.counted, new Set(written!.takenBack));
    return opened;
  }
}
