import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { SessionStore } from '../../platform/sessions/sessionStore.js';
import { sessions } from '../../platform/sessions/sessionsSchema.js';
import { HOUSEKEEPING_QUEUE, buildContainer } from '../../container.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { CommunesRepository } from '../communes/communesRepository.js';
import { CommunesService } from '../communes/communesService.js';
import { accountTokens, loginThrottles } from './accountsSchema.js';
import { AccountTokensRepository } from './accountTokensRepository.js';
import { CitizensRepository } from './citizensRepository.js';
import { purgeAccountsData } from './accountsHousekeeping.js';

const HOUR = 3600_000;

describe.each(testDatabases())('accounts housekeeping ($name)', (testDatabase) => {
  let database: Database;
  beforeAll(async () => {
    database = await testDatabase.open();
  });
  afterAll(async () => {
    await database.close();
  });

  it('removes ended sessions, week-old expired links and idle failure counters, and keeps the rest', async () => {
    // Long before every other test's clock: on the shared PostgreSQL database this purge then
    // cannot reach the rows of tests running at the same time.
    const clock = new TestClock('2001-03-01T12:00:00+01:00');
    const db = database.db;
    const commune = await createCommune(new CommunesService(new CommunesRepository(db), clock));
    const store = new SessionStore(db, clock);
    const subjectId = crypto.randomUUID();
    const old = await store.create({ communeId: commune.id, realm: 'citizen', subjectId });
    clock.advance(31 * 60_000);
    const live = await store.create({ communeId: commune.id, realm: 'citizen', subjectId });

    const tokens = new AccountTokensRepository(db);
    const now = clock.now();
    await tokens.issue({
      communeId: commune.id,
      realm: 'citizen',
      subjectId,
      purpose: 'reset',
      now: new Date(now.getTime() - 9 * 24 * HOUR),
    });
    await tokens.issue({ communeId: commune.id, realm: 'citizen', subjectId, purpose: 'activation', now });

    const recent = new Date(now.getTime() - HOUR).toISOString();
    const stale = new Date(now.getTime() - 25 * HOUR).toISOString();
    await db.insert(loginThrottles).values([
      { communeId: commune.id, subject: `recent-${subjectId}`, consecutiveFailures: 1, failures: [recent] },
      { communeId: commune.id, subject: `stale-${subjectId}`, consecutiveFailures: 1, failures: [stale] },
    ]);

    const citizensRepository = new CitizensRepository(db);
    const person = (name: string, createdAt: Date) => ({
      communeId: commune.id,
      username: name,
      email: `${name}@example.org`,
      civility: 'madame',
      firstName: 'A',
      lastName: name,
      street: '1 rue',
      postcode: '78000',
      city: 'X',
      passwordHash: 'x',
      status: 'pending',
      termsAcceptedAt: createdAt,
      createdAt,
    });
    const abandoned = await citizensRepository.insert(
      person(`abandon-${subjectId.slice(0, 8)}`, new Date(now.getTime() - 8 * 24 * HOUR)),
    );
    const waiting = await citizensRepository.insert(
      person(`attente-${subjectId.slice(0, 8)}`, new Date(now.getTime() - 2 * 24 * HOUR)),
    );

    await purgeAccountsData(db, store, clock);

    expect(await citizensRepository.findById(commune.id, abandoned!.id)).toBeNull();
    expect(await citizensRepository.findById(commune.id, waiting!.id)).not.toBeNull();

    const kept = await db.select().from(sessions).where(eq(sessions.subjectId, subjectId));
    expect(kept.map((s) => s.idHash)).toEqual([live.session.idHash]);
    expect(kept.map((s) => s.idHash)).not.toContain(old.session.idHash);
    const links = await db.select().from(accountTokens).where(eq(accountTokens.subjectId, subjectId));
    expect(links.map((l) => l.purpose)).toEqual(['activation']);
    const counters = await db.select().from(loginThrottles).where(eq(loginThrottles.communeId, commune.id));
    expect(counters.map((c) => c.subject)).toEqual([`recent-${subjectId}`]);
  });

  it('runs as one durable job for all the instances, every quarter of an hour, and purges when it comes', async () => {
    const clock = new TestClock('2001-03-01T12:00:00+01:00');
    const schema = database.kind === 'postgres' ? `jobs_${randomBytes(6).toString('hex')}` : 'pgboss';
    const config = { mode: 'demo' as const, trustProxy: false, logLevel: 'silent' };
    const jobs = { schema, pollingIntervalSeconds: 0.5, retryDelaySeconds: 0, onError: () => {} };
    const instances = await Promise.all([0, 1].map(() => buildContainer({ config, database, clock, jobs })));
    const run = async (query: string) =>
      ((await database.db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] }).rows;
    try {
      for (const instance of instances) await instance.start();
      const waiting = await run(
        `select id, start_after > now() + interval '14 minutes' as later from ${schema}.job where name = '${HOUSEKEEPING_QUEUE}' and state = 'created'`,
      );
      expect(waiting.map((w) => w.later)).toEqual([true]);

      const commune = await createCommune(new CommunesService(new CommunesRepository(database.db), clock));
      const subjectId = crypto.randomUUID();
      await instances[0]!.sessions.create({ communeId: commune.id, realm: 'citizen', subjectId });
      clock.advance(31 * 60_000);
      // Its time comes (the database's clock decides): one of the instances purges the ended session.
      await run(`update ${schema}.job set start_after = now() where id = '${waiting[0]!.id}'`);
      while ((await run(`select state from ${schema}.job where id = '${waiting[0]!.id}'`))[0]?.state !== 'completed')
        await pause(50);
      expect(await database.db.select().from(sessions).where(eq(sessions.subjectId, subjectId))).toEqual([]);
    } finally {
      for (const instance of instances) await instance.stop();
      if (database.kind === 'postgres') await database.db.execute(sql.raw(`drop schema if exists ${schema} cascade`));
    }
  }, 120_000);
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
