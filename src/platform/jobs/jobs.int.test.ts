import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.js';
import type { Database } from '../db/database.js';
import { databaseExecutor } from './jobSql.js';
import { type Jobs, type JobsOptions, openJobs, STOP_TIMEOUT_MS } from './jobs.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await delay(20);
  }
}

describe.each(testDatabases())('jobs on $name', (testDatabase) => {
  let database: Database;
  // The PostgreSQL test database is shared by test files running in parallel: a schema of our own.
  const schema = `jobs_${randomBytes(4).toString('hex')}`;
  // pg-boss's own errors (a query after the database closed, a failed poll) must not happen;
  // handlers' errors are the tests' doing.
  const errors: unknown[] = [];
  const onError: JobsOptions['onError'] = (error, { queue }) => {
    if (!queue) errors.push(error);
  };
  const options: JobsOptions = { schema, pollingIntervalSeconds: 0.5, retryDelaySeconds: 0, onError };
  const opened: Jobs[] = [];
  const open = async () => {
    const jobs = await openJobs(database, options);
    opened.push(jobs);
    await jobs.start();
    return jobs;
  };
  const queue = () => `test-${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    database = await testDatabase.open();
  });

  afterAll(async () => {
    for (const jobs of opened) await jobs.stop();
    await database.db.execute(sql.raw(`drop schema if exists ${schema} cascade`));
    await database.close();
    await delay(100);
    expect(errors).toEqual([]);
  });

  it('runs a job sent once, once', async () => {
    const jobs = await open();
    const name = queue();
    const seen: { n: number }[] = [];
    await jobs.work<{ n: number }>(name, async (data) => {
      seen.push(data);
    });
    const sentAt = Date.now();
    await jobs.send(name, { n: 1 });
    await until(() => seen.length > 0);
    console.info(`[${testDatabase.name}] job picked up and run in ${Date.now() - sentAt} ms`);
    // Three more polls: nobody runs it again.
    await delay(1500);
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('retries a failing handler until it succeeds', async () => {
    const jobs = await open();
    const name = queue();
    let attempts = 0;
    let done = false;
    await jobs.work(name, async () => {
      attempts++;
      if (attempts < 3) throw new Error('not yet');
      done = true;
    });
    await jobs.send(name, {});
    await until(() => done);
    await delay(1000);
    expect(attempts).toBe(3);
  });

  it('queues a job with the transaction that sends it: none if it rolls back, one if it commits', async () => {
    const jobs = await open();
    const name = queue();
    const seen: string[] = [];
    await jobs.work<{ label: string }>(name, async ({ label }) => {
      seen.push(label);
    });
    await expect(
      database.db.transaction(async (tx) => {
        await jobs.send(name, { label: 'rolled back' }, { tx });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await database.db.transaction(async (tx) => {
      await jobs.send(name, { label: 'committed' }, { tx });
    });
    await until(() => seen.length > 0);
    await delay(1500);
    expect(seen).toEqual(['committed']);
  });

  it('creates the queue inside the transaction when the first job of a queue is sent there', async () => {
    const jobs = await open();
    const name = queue();
    await expect(
      database.db.transaction(async (tx) => {
        await jobs.send(name, { label: 'rolled back' }, { tx });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await database.db.transaction(async (tx) => {
      await jobs.send(name, { label: 'committed' }, { tx });
    });
    const seen: string[] = [];
    await jobs.work<{ label: string }>(name, async ({ label }) => {
      seen.push(label);
    });
    await until(() => seen.length > 0);
    await delay(1000);
    expect(seen).toEqual(['committed']);
  });

  it('keeps a pending job across a restart', async () => {
    const name = queue();
    const before = await open();
    await before.send(name, { kept: true });
    await before.stop();

    const after = await open();
    const seen: unknown[] = [];
    await after.work(name, async (data) => {
      seen.push(data);
    });
    await until(() => seen.length > 0);
    expect(seen).toEqual([{ kept: true }]);
  });

  it('waits for a running handler when stopped, then lets the database close', async () => {
    const jobs = await open();
    const name = queue();
    let finished = false;
    let started = false;
    await jobs.work(name, async () => {
      started = true;
      await delay(300);
      finished = true;
    });
    await jobs.send(name, {});
    await until(() => started);
    await jobs.stop();
    expect(finished).toBe(true);
  });

  it('leaves the connection usable after a failed script of pg-boss', async () => {
    const executor = databaseExecutor(database, (work) => work);
    await expect(executor.executeSql('BEGIN; SELECT 1; SELECT 1/0; COMMIT;')).rejects.toThrow(/division by zero/);
    // On PGlite's single connection, an aborted transaction left open would break every later query.
    await expect(database.db.execute(sql`select 1 as one`)).resolves.toBeDefined();
    expect((await executor.executeSql('SELECT 2 AS two')).rows).toEqual([{ two: 2 }]);
  });

  describe('a periodic job', () => {
    type Waiting = { id: string; later: boolean };
    const waiting = async (name: string): Promise<Waiting[]> => {
      const result = await database.db.execute(
        sql.raw(
          `select id, start_after > now() + interval '50 minutes' as later from ${schema}.job where name = '${name}' and state = 'created'`,
        ),
      );
      return (result as unknown as { rows: Waiting[] }).rows;
    };
    const makeDue = (id: string) =>
      database.db.execute(sql.raw(`update ${schema}.job set start_after = now() where id = '${id}'`));
    const completed = async (id: string) => {
      const result = await database.db.execute(sql.raw(`select state from ${schema}.job where id = '${id}'`));
      return (result as unknown as { rows: { state: string }[] }).rows[0]?.state === 'completed';
    };
    const untilAsync = async (check: () => Promise<boolean>) => {
      while (!(await check())) await delay(50);
    };

    it('waits as one job for the whole deployment, runs in one instance, queues the next run, and keeps its series across a restart', async () => {
      const name = queue();
      const runs: string[] = [];
      const every = (jobs: Jobs, who: string) => jobs.every(name, 3600, async () => void runs.push(who));
      const first = await open();
      const second = await open();
      await every(first, 'first');
      await every(second, 'second');
      // Two instances, one run waiting, an interval away: none ran at start.
      const [next, ...others] = await waiting(name);
      expect(others).toEqual([]);
      expect(next?.later).toBe(true);
      expect(runs).toEqual([]);

      await makeDue(next!.id);
      await untilAsync(() => completed(next!.id));
      // One of the two ran it, once; the next run waits an interval away.
      expect(runs).toHaveLength(1);
      const [following, ...more] = await waiting(name);
      expect(more).toEqual([]);
      expect(following?.later).toBe(true);
      expect(following?.id).not.toBe(next!.id);

      // Every instance stops and a new one starts: it takes up the same series, adding none.
      await first.stop();
      await second.stop();
      const restarted = await open();
      await every(restarted, 'restarted');
      expect((await waiting(name)).map((w) => w.id)).toEqual([following!.id]);
      await makeDue(following!.id);
      await untilAsync(() => completed(following!.id));
      expect(runs.slice(1)).toEqual(['restarted']);
    }, 120_000);
  });

  it('stops without waiting out the grace given to running handlers when none runs', async () => {
    const jobs = await open();
    await jobs.work(queue(), async () => {});
    // Whether the stop waited is told by the grace's timer, not by a stopwatch: a busy machine
    // makes a stop slow, never makes it wait for handlers that are not there.
    let graceOver = false;
    const grace = setTimeout(() => (graceOver = true), STOP_TIMEOUT_MS);
    await jobs.stop();
    clearTimeout(grace);
    expect(graceOver).toBe(false);
  });
});
