import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createAgent, createFamily, loggedInAgent } from '../../../test/agentFactories.js';
import { bookDay } from '../../../test/bookingFactories.js';
import { createCommune } from '../../../test/factories.js';
import { setUpServices } from '../../../test/serviceFactories.js';
import { type TestApp, buildTestApp } from '../../../test/testApp.js';
import { TestClock } from '../../platform/clock.js';
import { type Database, openPostgres } from '../../platform/db/database.js';
import { invoiceLines, invoices } from './billingSchema.js';
import { billingPaths } from './http/agent/billingPaths.js';

/**
 * The issue's numbers on a PostgreSQL server with two app instances: two agents making and issuing the
 * same month at once, 20 times over, leave one invoice per family, numbered 1…N without a gap or a
 * duplicate, each day billed once. PGlite holds one process and one connection: the race cannot happen there.
 */
const url = inject('postgresUrl');
const FAMILIES = 25;
const ROUNDS = 20;

describe.skipIf(!url)(
  `two agents issuing one month at once, through two app instances on one PostgreSQL server${url ? '' : ' (skipped: TEST_DATABASE_URL is not set; CI sets it)'}`,
  () => {
    let databases: Database[];
    let apps: TestApp[];

    beforeAll(async () => {
      const pool = { max: 6, connectionWaitMs: 120_000 };
      databases = [await openPostgres(url!, pool), await openPostgres(url!, pool)];
      const clock = new TestClock();
      clock.set('2026-12-02T09:00:00+01:00');
      apps = [await buildTestApp(databases[0]!, { clock }), await buildTestApp(databases[1]!, { clock })];
    }, 60_000);
    afterAll(async () => {
      for (const app of apps ?? []) await app.close();
      for (const database of databases ?? []) await database.close();
    });

    /** A commune whose families each booked three canteen days of November 2026, and an agent logged in on each instance. */
    async function month() {
      const container = apps[0]!.container;
      const commune = await createCommune(container.communes);
      const { services } = await setUpServices(container, commune);
      for (let n = 0; n < FAMILIES; n++) {
        const file = await createFamily(container, commune);
        for (const day of ['2026-11-16', '2026-11-17', '2026-11-19'])
          await bookDay(
            container,
            commune,
            { familyId: file.family.id, memberId: file.child.id },
            {
              serviceId: services.restauration.id,
              day,
            },
          );
      }
      const agents = [
        await loggedInAgent(apps[0]!, commune, await createAgent(container, commune)),
        await loggedInAgent(apps[1]!, commune, await createAgent(container, commune)),
      ];
      const paths = billingPaths(commune);
      for (const agent of agents) await agent.get(paths.month('2026-11'));
      return { commune, agents, paths };
    }

    it(`numbers ${FAMILIES} invoices 1…${FAMILIES}, one per family, ${ROUNDS} times`, async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const { commune, agents, paths } = await month();
        const runs = await Promise.all(agents.map((agent) => agent.post(paths.run, { mois: '2026-11' })));
        expect(
          runs.map((answer) => answer.status),
          `round ${round}`,
        ).toEqual([303, 303]);
        const issues = await Promise.all(agents.map((agent) => agent.post(paths.issue, { mois: '2026-11' })));
        // One agent issues the month; the other, having waited for the lock, finds nothing left to issue.
        expect(issues.map((answer) => answer.status).sort(), `round ${round}`).toEqual([303, 400]);

        const db = apps[0]!.container.database.db;
        const rows = await db.select().from(invoices).where(eq(invoices.communeId, commune.id));
        expect(rows, `round ${round}`).toHaveLength(FAMILIES);
        expect(new Set(rows.map((row) => row.familyId)).size, `round ${round}`).toBe(FAMILIES);
        expect(
          rows.every((row) => row.status === 'issued' && row.totalCents === 3 * 355),
          `round ${round}`,
        ).toBe(true);
        const numbers = rows.map((row) => row.number!).sort();
        expect(numbers, `round ${round}`).toEqual(
          Array.from({ length: FAMILIES }, (_, n) => `2026-${String(n + 1).padStart(6, '0')}`),
        );
        const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.communeId, commune.id));
        expect(lines, `round ${round}`).toHaveLength(3 * FAMILIES);
      }
    }, 600_000);
  },
);
