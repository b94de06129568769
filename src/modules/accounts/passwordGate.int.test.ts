import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/appFixture.js';
import { activeCitizen, auditOf } from '../../../test/citizenFactories.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { sessions } from '../../platform/sessions/sessionsSchema.js';
import { citizens } from './accountsSchema.js';
import { CitizensRepository } from './citizensRepository.js';
import { LoginSuccessWriter } from './loginSuccessWriter.js';
import { LoginThrottleRepository, accountSubject, nameSubject } from './loginThrottleRepository.js';
import { PasswordGate } from './passwordGate.js';

const WRONG = 'Pas le bon mot de passe du tout';

// A login reads the counters without a lock and writes them only if unchanged; these are the races
// that the HTTP tests cannot stage on purpose: another try writes the rows between the read and the write.
describe.each(testDatabases())('PasswordGate counters changed by another try on $name', (testDatabase) => {
  const { t } = useTestApp(testDatabase.open);

  async function setUp() {
    const db = t.container.database.db;
    const commune = await createCommune(t.container.communes);
    const citizen = await activeCitizen(t, commune);
    const throttles = new LoginThrottleRepository(db);
    const gate = new PasswordGate(db, throttles, t.clock);
    const repository = new CitizensRepository(db);
    const attempt = (counters?: Awaited<ReturnType<CitizensRepository['findForLogin']>>['counters']) => ({
      realm: 'citizen' as const,
      accountId: citizen.id,
      typedName: citizen.username,
      counters,
    });
    const counters = async () => ({
      account: await throttles.read(commune.id, accountSubject('citizen', citizen.id)),
      name: await throttles.read(commune.id, nameSubject('citizen', citizen.username)),
    });
    return { db, commune, citizen, gate, repository, attempt, counters };
  }

  it('counts a try on counters read before another try wrote them: the two failures count', async () => {
    const { commune, citizen, gate, repository, attempt, counters } = await setUp();
    const read = await repository.findForLogin(commune.id, citizen.username); // no rows yet
    expect([...read.counters.values()]).toEqual([null, null]);
    await gate.check(commune.id, attempt(), citizen.passwordHash, WRONG);
    await gate.check(commune.id, attempt(read.counters), citizen.passwordHash, WRONG);
    const { account, name } = await counters();
    expect([account.consecutiveFailures, account.failures.length]).toEqual([2, 2]);
    expect([name.consecutiveFailures, name.failures.length]).toEqual([2, 2]);
    // Read after the first failure, written after a third: the stale copy does not win either.
    const stale = await repository.findForLogin(commune.id, citizen.username);
    await gate.check(commune.id, attempt(), citizen.passwordHash, WRONG);
    await gate.check(commune.id, attempt(stale.counters), citizen.passwordHash, WRONG);
    expect((await counters()).account.consecutiveFailures).toBe(4);
  });

  it('takes a right try back under the lock when a wrong one came after its count', async () => {
    const { commune, citizen, gate, repository, attempt, counters } = await setUp();
    const read = await repository.findForLogin(commune.id, citizen.username);
    const right = await gate.checkLeavingTryCounted(
      commune.id,
      attempt(read.counters),
      citizen.passwordHash,
      citizen.password,
    );
    expect(right.ok).toBe(true);
    await gate.check(commune.id, attempt(), citizen.passwordHash, WRONG);
    if (right.ok) await gate.takeBack(right.counted);
    const { account, name } = await counters();
    // The wrong try's failure stays (same instant as the right one's: only one of the two goes).
    expect(account).toEqual({ consecutiveFailures: 0, failures: [t.clock.now().toISOString()], lockedUntil: null });
    expect(name).toEqual(account);
  });

  it('writes a successful login in one statement, and takes the try back under the lock if the counters moved', async () => {
    const { db, commune, citizen, gate, repository, attempt, counters } = await setUp();
    const writer = new LoginSuccessWriter({
      db,
      citizens: repository,
      gate,
      audit: t.container.audit,
      sessions: t.container.sessions,
    });
    const login = async (between?: () => Promise<unknown>) => {
      const read = await repository.findForLogin(commune.id, citizen.username);
      const checked = await gate.checkLeavingTryCounted(
        commune.id,
        attempt(read.counters),
        read.citizen!.passwordHash,
        citizen.password,
      );
      if (!checked.ok) throw new Error('refused');
      await between?.();
      return writer.write({ communeId: commune.id, citizen: read.citizen!, ip: '192.0.2.9', counted: checked.counted });
    };
    const first = await login();
    expect(await counters()).toEqual({
      account: { consecutiveFailures: 0, failures: [], lockedUntil: null },
      name: { consecutiveFailures: 0, failures: [], lockedUntil: null },
    });
    const firstAt = t.clock.now();
    t.clock.advance(60_000);
    const second = await login(() => gate.check(commune.id, attempt(), citizen.passwordHash, WRONG));
    const { account } = await counters();
    expect(account).toEqual({ consecutiveFailures: 0, failures: [t.clock.now().toISOString()], lockedUntil: null });

    const [row] = await db.select().from(citizens).where(eq(citizens.id, citizen.id));
    expect([row!.previousLoginAt, row!.lastLoginAt]).toEqual([firstAt, t.clock.now()]);
    for (const opened of [first, second]) {
      const [session] = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.idHash, opened.session.idHash), eq(sessions.subjectId, citizen.id)));
      expect(session).toEqual(opened.session);
    }
    expect(first.token).not.toBe(second.token);
    const succeeded = (await auditOf(t, commune)).filter((e) => e.action === 'citizen.login.succeeded');
    expect(succeeded.map((e) => [e.actorId, e.actorLabel, e.ip])).toEqual([
      [citizen.id, citizen.username, '192.0.2.9'],
      [citizen.id, citizen.username, '192.0.2.9'],
    ]);
  });
});
