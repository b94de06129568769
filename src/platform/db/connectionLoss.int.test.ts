import { randomBytes } from 'node:crypto';
import { and, eq, like, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { textOf } from '../../../test/citizenFactories.js';
import { type TcpProxy, openBehindProxy } from '../../../test/databases.js';
import { askSummary, cell, confirmFrom, enrolledChild } from '../../../test/reservationPages.js';
import { type TestApp, buildTestApp } from '../../../test/testApp.js';
import { loginThrottles } from '../../modules/accounts/accountsSchema.js';
import { bookings } from '../../modules/bookings/bookingsSchema.js';
import { serviceDayPlaces } from '../../modules/bookings/bookingsSchema.js';
import type { Database, Db } from './database.js';
import { openPostgres } from './database.js';
import * as schema from './schema.js';
import { inTransaction } from './transaction.js';

const serverUrl = inject('postgresUrl');
const NOW = '2026-11-02T12:00:00+01:00';
const DAY = '2026-11-17';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits, without a deadline of its own (the test's is generous), until `check` holds. */
async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await pause(50);
}

/**
 * The database connection breaks while requests and a job are inside transactions (a PostgreSQL
 * restart, a fail-over, a network cut): the process lives, the requests in flight get the French 503
 * page, nothing they began is written, and everything works again once the server is back.
 * PostgreSQL only: PGlite lives in the process and cannot be cut from it.
 */
describe.runIf(serverUrl)('the database connection cut inside transactions', () => {
  let database: Database;
  let proxy: TcpProxy;
  let applicationName: string;
  let direct: Database;
  let t: TestApp;
  const crashes: unknown[] = [];
  const recordCrash = (error: unknown) => crashes.push(error);

  beforeAll(async () => {
    process.on('uncaughtException', recordCrash);
    process.on('unhandledRejection', recordCrash);
    ({ database, proxy, applicationName } = await openBehindProxy());
    direct = await openPostgres(serverUrl, { max: 2 });
    t = await buildTestApp(database);
  });
  afterAll(async () => {
    await t.close();
    await database.close();
    await proxy.close();
    await direct.close();
    process.off('uncaughtException', recordCrash);
    process.off('unhandledRejection', recordCrash);
  });

  /** The app's connections as the server sees them. */
  type Backend = { pid: number; wrote: boolean };
  const appBackends = async (where = sql`true`): Promise<Backend[]> => {
    const result = await direct.db.execute(
      sql`select pid, backend_xid is not null as wrote from pg_stat_activity where application_name = ${applicationName} and ${where}`,
    );
    return (result as unknown as { rows: Backend[] }).rows;
  };

  it('answers 503 to the request in flight, writes none of it, keeps the process and its jobs alive, and works again when the server is back', async () => {
    t.clock.set(NOW);
    const { commune, set, family, paths, child } = await enrolledChild(t, ['restauration'], {
      restauration: { placesPerDay: 3 },
    });
    const canteen = set.services.restauration.id;
    const summary = await askSummary(family.client, paths, child.id, '2026-11', { [cell(DAY, canteen)]: 'jour' });
    expect(summary.status).toBe(200);

    // Another session holds, uncommitted, the same child's booking of that day: the confirmation's
    // transaction will have written its place counter, then wait on that row until the cut.
    const holder = new pg.Client({ connectionString: serverUrl });
    await holder.connect();
    const jobLock = randomBytes(4).readUInt32BE();
    await holder.query('select pg_advisory_lock($1)', [jobLock]);
    await holder.query('begin');
    await drizzle(holder, { schema }).insert(bookings).values({
      communeId: commune.id,
      familyId: family.family.id,
      memberId: child.id,
      serviceId: canteen,
      day: DAY,
      unit: 'jour',
      status: 'reserve',
      late: false,
      unitPriceCents: 0,
      majorationCents: 0,
      bookedAt: new Date(),
      bookedByKind: 'agent',
      bookedById: crypto.randomUUID(),
      source: 'guichet',
    });

    // A job inside its transaction at the cut too: it writes a row, then waits for the holder's lock.
    const marker = `cut-${randomBytes(4).toString('hex')}`;
    const queue = `cut-test-${randomBytes(4).toString('hex')}`;
    const ran: string[] = [];
    await t.container.jobs.work<{ label: string; wait: boolean }>(queue, async ({ label, wait }) => {
      await inTransaction(t.container.database.db, async (tx: Db) => {
        await tx.insert(loginThrottles).values({ communeId: commune.id, subject: `${marker}-${label}` });
        if (wait) await tx.execute(sql`select pg_advisory_xact_lock(${jobLock})`);
      });
      ran.push(label);
    });
    await t.container.jobs.send(queue, { label: 'at the cut', wait: true });

    const confirming = confirmFrom(family.client, summary, paths, child.id);
    await until(async () =>
      (await appBackends(sql`wait_event = 'transactionid' and query like 'insert into "bookings"%'`)).some(
        (b) => b.wrote,
      ),
    );
    await until(async () => (await appBackends(sql`wait_event = 'advisory'`)).some((b) => b.wrote));

    proxy.cut();
    const answer = await confirming;
    expect(answer.status).toBe(503);
    expect(textOf(answer.html)).toContain('Service momentanément indisponible');

    // While the server is away, every page needing it says so; the health check too.
    expect((await family.client.get(paths.memberReservations(child.id, '2026-11'))).status).toBe(503);
    expect((await t.get('/healthz')).status).toBe(503);

    // The holder lets go; the server ends the app's cut sessions, rolling back what they began.
    await holder.query('rollback');
    await holder.query('select pg_advisory_unlock($1)', [jobLock]);
    await holder.end();
    await until(async () => (await appBackends()).length === 0);
    const db = direct.db;
    expect(await db.select().from(bookings).where(eq(bookings.memberId, child.id))).toEqual([]);
    const places = await db
      .select()
      .from(serviceDayPlaces)
      .where(and(eq(serviceDayPlaces.serviceId, canteen), eq(serviceDayPlaces.day, DAY)));
    expect(places.map((p) => p.booked).filter((n) => n !== 0)).toEqual([]);
    const markers = async () =>
      (
        await db
          .select()
          .from(loginThrottles)
          .where(like(loginThrottles.subject, `${marker}%`))
      ).map((r) => r.subject);
    expect(await markers()).toEqual([]);

    proxy.restore();
    expect((await t.get('/healthz')).status).toBe(200);
    const again = await askSummary(family.client, paths, child.id, '2026-11', { [cell(DAY, canteen)]: 'jour' });
    expect(again.status).toBe(200);
    expect((await confirmFrom(family.client, again, paths, child.id)).status).toBe(303);
    expect(
      (await db.select().from(bookings).where(eq(bookings.memberId, child.id))).map((b) => [b.day, b.status]),
    ).toEqual([[DAY, 'reserve']]);
    const [counter] = await db
      .select()
      .from(serviceDayPlaces)
      .where(and(eq(serviceDayPlaces.serviceId, canteen), eq(serviceDayPlaces.day, DAY)));
    expect(counter?.booked).toBe(1);

    // The job cut in its transaction was marked failed once the server was back, and runs again;
    // the workers took up their polling: a job sent now runs too.
    await t.container.jobs.send(queue, { label: 'after', wait: false });
    await until(async () => ran.includes('after') && ran.includes('at the cut'));
    expect((await markers()).sort()).toEqual([`${marker}-after`, `${marker}-at the cut`]);

    expect(crashes).toEqual([]);
  }, 120_000);
});
