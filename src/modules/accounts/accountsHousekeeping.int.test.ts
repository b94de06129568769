import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { SessionStore } from '../../platform/sessions/sessionStore.js';
import { sessions } from '../../platform/sessions/sessionsSchema.js';
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
    await tokens.issue({ communeId: commune.id, realm: 'citizen', subjectId, purpose: 'reset', now: new Date(now.getTime() - 9 * 24 * HOUR) });
    await tokens.issue({ communeId: commune.id, realm: 'citizen', subjectId, purpose: 'activation', now });

    const recent = new Date(now.getTime() - HOUR).toISOString();
    const stale = new Date(now.getTime() - 25 * HOUR).toISOString();
    await db.insert(loginThrottles).values([
      { communeId: commune.id, subject: `recent-${subjectId}`, consecutiveFailures: 1, failures: [recent] },
      { communeId: commune.id, subject: `stale-${subjectId}`, consecutiveFailures: 1, failures: [stale] },
    ]);

    const citizensRepository = new CitizensRepository(db);
    const person = (name: string, createdAt: Date) => ({
      communeId: commune.id, username: name, email: `${name}@example.org`, civility: 'madame', firstName: 'A', lastName: name,
      street: '1 rue', postcode: '78000', city: 'X', passwordHash: 'x', status: 'pending', termsAcceptedAt: createdAt, createdAt,
    });
    const abandoned = await citizensRepository.insert(person(`abandon-${subjectId.slice(0, 8)}`, new Date(now.getTime() - 8 * 24 * HOUR)));
    const waiting = await citizensRepository.insert(person(`attente-${subjectId.slice(0, 8)}`, new Date(now.getTime() - 2 * 24 * HOUR)));

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
});
