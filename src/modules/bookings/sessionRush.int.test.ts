import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { textOf } from '../../../test/citizenFactories.js';
import { createCommune } from '../../../test/factories.js';
import { type TestServices, createSession, setUpServices } from '../../../test/serviceFactories.js';
import { type RushFamily, loggedInFamilies, postBooking, sessionRow } from '../../../test/sessionFactories.js';
import { type TestApp, buildTestApp } from '../../../test/testApp.js';
import { TestClock } from '../../platform/clock.js';
import { type Database, openPostgres } from '../../platform/db/database.js';
import type { Commune } from '../communes/domain/commune.js';
import { sessionBookings } from './bookingsSchema.js';

/**
 * SECURITY.md « Money and places », on a PostgreSQL server with two app instances: a rush of 200
 * families on a session of 10 places, 20 times over, never gives more than 10 places, and gives the
 * 190 others distinct tickets; 20 identical requests for one child leave one booking. PGlite holds
 * one process and one connection: the race this guards against cannot happen there.
 */
const url = inject('postgresUrl');
const FAMILIES = 200;
const PLACES = 10;
const ROUNDS = 20;

describe.skipIf(!url)(
  `the opening rush on a session, through two app instances on one PostgreSQL server${url ? '' : ' (skipped: TEST_DATABASE_URL is not set; CI sets it)'}`,
  () => {
    let databases: Database[];
    let apps: TestApp[];
    let commune: Commune;
    let setUp: TestServices;
    let families: RushFamily[];

    beforeAll(async () => {
      // Each instance with its own pool, as two processes would have; the clock is the same instant for both.
      // 100 requests at once per instance wait their turn for 10 connections: on a loaded machine longer
      // than the 5 s after which a production instance sheds load, so the test waits as long as it takes.
      const pool = { max: 10, connectionWaitMs: 120_000 };
      databases = [await openPostgres(url, pool), await openPostgres(url, pool)];
      const clock = new TestClock();
      apps = [await buildTestApp(databases[0]!, { clock }), await buildTestApp(databases[1]!, { clock })];
      commune = await createCommune(apps[0]!.container.communes);
      setUp = await setUpServices(apps[0]!.container, commune);
      families = await loggedInFamilies(apps[0]!, commune, setUp, FAMILIES);
    }, 60_000);
    afterAll(async () => {
      for (const app of apps ?? []) await app.close();
      for (const database of databases ?? []) await database.close();
    });

    const pagePath = () => `/${commune.slug}/ma-famille/activites-vacances`;
    const rowsOf = (sessionId: string) =>
      apps[0]!.container.database.db.select().from(sessionBookings).where(eq(sessionBookings.sessionId, sessionId));

    /** The position a family's page shows on the session's card, or null. */
    async function shownPosition(family: RushFamily, app: TestApp, sessionId: string): Promise<number | null> {
      const response = await app.get(pagePath(), { headers: { cookie: family.cookie } });
      const html = await response.text();
      const card =
        new RegExp(`<article[^>]*aria-labelledby="session-${sessionId}-${family.memberId}"[\\s\\S]*?</article>`).exec(
          html,
        )?.[0] ?? '';
      const found = /Liste d’attente : position (\d+)/.exec(textOf(card));
      return found ? Number(found[1]) : null;
    }

    // About 30 s on a quiet machine of 2 cores; the timeout leaves room for a busy one.
    it(`gives exactly ${PLACES} places to ${FAMILIES} simultaneous bookings and ${FAMILIES - PLACES} distinct waiting positions, ${ROUNDS} times`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const session = await createSession(apps[0]!.container, commune, setUp.services.vacances.id, {
          places: PLACES,
          name: `Session ${round}`,
        });
        const answers = await Promise.all(
          families.map((family, n) => postBooking(apps[n % 2]!.origin, commune, family, session.id)),
        );
        const where = answers.map((a) => `${a.status} ${a.location?.replace(/^.*\?/, '') ?? ''}`);
        expect(
          where.filter((w) => w === '303 fait=inscrit'),
          `round ${round}`,
        ).toHaveLength(PLACES);
        expect(
          where.filter((w) => w === '303 fait=attente'),
          `round ${round}`,
        ).toHaveLength(FAMILIES - PLACES);

        const rows = await rowsOf(session.id);
        const placed = rows.filter((r) => r.status === 'inscrit');
        const waiting = rows.filter((r) => r.status === 'attente');
        expect(placed).toHaveLength(PLACES);
        expect(waiting).toHaveLength(FAMILIES - PLACES);
        expect(waiting.map((r) => r.position).sort((a, b) => a! - b!)).toEqual(
          Array.from({ length: FAMILIES - PLACES }, (_, n) => n + 1),
        );
        expect(new Set(rows.map((r) => r.memberId)).size).toBe(FAMILIES);
        expect(await sessionRow(apps[0]!, session.id)).toMatchObject({
          booked: PLACES,
          waitlistNext: FAMILIES - PLACES,
        });

        // The positions the families read: 1…190, each once. Every page on the first round, a sample after.
        const waitingFamilies = families.filter((f) => waiting.some((r) => r.memberId === f.memberId));
        const checked = round === 0 ? waitingFamilies : waitingFamilies.filter((_, n) => n % 19 === round % 19);
        const shown = await Promise.all(checked.map((family, n) => shownPosition(family, apps[n % 2]!, session.id)));
        const expected = checked.map((family) => waiting.find((r) => r.memberId === family.memberId)!.position);
        expect(shown).toEqual(expected);
        if (round === 0)
          expect([...shown].sort((a, b) => a! - b!)).toEqual(
            Array.from({ length: FAMILIES - PLACES }, (_, n) => n + 1),
          );
      }
    }, 240_000);

    it('leaves one live booking for 20 identical simultaneous requests of the same child; the others read « déjà inscrit »', async () => {
      const session = await createSession(apps[0]!.container, commune, setUp.services.vacances.id, {
        places: PLACES,
        name: 'Session en double',
      });
      const family = families[0]!;
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, n) => postBooking(apps[n % 2]!.origin, commune, family, session.id)),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(20).fill(303));
      expect(answers.filter((a) => a.location?.endsWith('fait=inscrit'))).toHaveLength(1);
      expect(answers.filter((a) => a.location?.endsWith('fait=deja'))).toHaveLength(19);
      const live = await apps[0]!.container.database.db
        .select()
        .from(sessionBookings)
        .where(and(eq(sessionBookings.sessionId, session.id), eq(sessionBookings.memberId, family.memberId)));
      expect(live).toHaveLength(1);
      expect(await sessionRow(apps[0]!, session.id)).toMatchObject({ booked: 1, waitlistNext: 0 });
      const page = await apps[1]!.get(`${pagePath()}?fait=deja`, { headers: { cookie: family.cookie } });
      expect(textOf(await page.text())).toContain('déjà inscrit');
    }, 60_000);
  },
);
