// Where the invoice run's time goes on one database, statement by statement: a commune of
// BENCH_INVOICE_CHILDREN children (default 2,000) seeded as `invoice-run` seeds it, the month run and
// issued through the services, each statement's time summed by its opening words. PGlite runs in this
// thread, so a statement's time is the database's (nothing overlaps); on PostgreSQL the run reads ahead,
// so the sums overlap the pricing. With PROBE_EXPLAIN=1, one batch of lines is then written again inside
// a rolled-back transaction under `EXPLAIN ANALYZE`, which names what the triggers and foreign keys cost.
//   npx tsx bench/probes/invoiceRunStatements.ts   (BENCH_DATABASES=postgres and BENCH_DATABASE_URL for the server)
import { sql } from 'drizzle-orm';
import { PglitePreparedQuery } from 'drizzle-orm/pglite/session';
import { NodePgPreparedQuery } from 'drizzle-orm/node-postgres/session';
import { billingAuthor } from '../../test/billingFactories.js';
import type { Database } from '../../src/platform/db/database.js';
import { seededCommune, startedContainer } from '../benchmarks/invoiceRun.js';
import { openPostgres, openScratchPglite } from '../lib/app.js';
import { createScratchDatabase, defaultPostgresUrl } from '../lib/postgres.js';

const CHILDREN = Math.round(Number(process.env.BENCH_INVOICE_CHILDREN || 2_000));

interface Sum {
  calls: number;
  ms: number;
}
const sums = new Map<string, Sum>();
let timing = false;

let queue: Promise<unknown> = Promise.resolve();

async function printPlan(
  statement: { queryString: string; params: unknown[]; client: { query: Query } },
  what: string,
) {
  console.log(`EXPLAIN ANALYZE of ${what}:`);
  const plan = await statement.client.query(`explain (analyze, buffers) ${statement.queryString}`, statement.params);
  for (const row of plan.rows) console.log(String(Object.values(row)[0]).replace(/'\{[^}]{200,}\}'/g, "'{…}'"));
}

/**
 * Every statement Drizzle sends is timed under its first words (whitespace folded). They are sent one
 * after the other, so that a statement's time is its own and not also the wait behind the one before
 * (the run asks for the next batch's days before writing the last one's). With PROBE_EXPLAIN=1, the
 * first read of a batch's billable days is also run under `EXPLAIN ANALYZE` first.
 */
function timeStatements(prototype: { execute: (...args: unknown[]) => Promise<unknown> }) {
  const execute = prototype.execute;
  prototype.execute = function (
    this: { queryString: string; params: unknown[]; client: { query: Query } },
    ...args: unknown[]
  ) {
    if (!timing) return execute.apply(this, args);
    const key = this.queryString.replace(/\s+/g, ' ').trim().slice(0, 70);
    const run = async () => {
      const explain = process.env.PROBE_EXPLAIN === '1';
      const seen = (sums.get(key)?.calls ?? 0) + 1;
      if (explain && key.startsWith('select distinct on') && seen === 2)
        await printPlan(this, "the second batch's days");
      const started = performance.now();
      try {
        if (explain && key.startsWith('insert into invoice_lines') && seen === 3) {
          // EXPLAIN ANALYZE writes the lines as the statement would: it stands in for it, and is counted
          // as its call, so that only the third statement of lines is explained.
          await printPlan(this, 'the third statement of lines');
          console.log(`  the same statement from the client: ${(performance.now() - started).toFixed(0)} ms`);
          return { rows: [] };
        }
        return await execute.apply(this, args);
      } finally {
        const sum = sums.get(key) ?? { calls: 0, ms: 0 };
        sum.calls++;
        sum.ms += performance.now() - started;
        sums.set(key, sum);
      }
    };
    const result = queue.then(run, run);
    queue = result.catch(() => {});
    return result;
  };
}
type Query = (text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
timeStatements(PglitePreparedQuery.prototype as never);
timeStatements(NodePgPreparedQuery.prototype as never);

async function probe(database: Database) {
  const container = await startedContainer(database);
  try {
    const commune = await seededCommune(container, database.db, CHILDREN);
    await database.db.execute(sql`analyze`);
    timing = true;
    const started = performance.now();
    const run = await container.invoiceRun.run(commune, '2026-11', billingAuthor());
    const ran = performance.now();
    const issued = await container.invoiceRun.issue(commune, '2026-11', billingAuthor());
    const done = performance.now();
    timing = false;
    console.log(
      `${database.kind}, ${CHILDREN} children: ${JSON.stringify(run)} ${JSON.stringify(issued)}; ` +
        `run ${(ran - started).toFixed(0)} ms, issue ${(done - ran).toFixed(0)} ms`,
    );
    const rows = [...sums].sort((a, b) => b[1].ms - a[1].ms);
    for (const [key, sum] of rows)
      console.log(`${sum.ms.toFixed(0).padStart(8)} ms ${String(sum.calls).padStart(5)} × ${key}`);
    console.log(
      `${rows
        .reduce((total, [, sum]) => total + sum.ms, 0)
        .toFixed(0)
        .padStart(8)} ms in all statements`,
    );
    if (process.env.PROBE_EXPLAIN === '1') await explainOneBatch(database, commune.id);
  } finally {
    await container.stop();
  }
}

/** One statement's worth of lines (2,000, copied from those written) inserted again under EXPLAIN ANALYZE. */
async function explainOneBatch(database: Database, communeId: string) {
  await database.db
    .transaction(async (tx) => {
      const invoices = (await tx.execute(
        sql`select id, family_id from invoices where commune_id = ${communeId} limit 60`,
      )) as unknown as {
        rows: { id: string; family_id: string }[];
      };
      await tx.execute(sql`create temporary table probe_lines on commit drop as
        select l.* from invoice_lines l where l.invoice_id = any(${sql.param(invoices.rows.map((row) => row.id))}::uuid[])`);
      await tx.execute(sql`update probe_lines set id = gen_random_uuid()`);
      // Draft copies of the invoices; the lines point at them and their days are released first.
      await tx.execute(sql`create temporary table probe_map on commit drop as
        select id as old_id, gen_random_uuid() as new_id from invoices where id = any(${sql.param(invoices.rows.map((row) => row.id))}::uuid[])`);
      await tx.execute(sql`insert into invoices (id, commune_id, family_id, status, period, total_cents, warnings, drafted_at)
        select m.new_id, i.commune_id, i.family_id, 'draft', '2026-10', i.total_cents, i.warnings, now()
        from invoices i join probe_map m on m.old_id = i.id`);
      await tx.execute(
        sql`update probe_lines p set invoice_id = m.new_id, day = p.day - 31 from probe_map m where m.old_id = p.invoice_id`,
      );
      const plan = (await tx.execute(
        sql`explain (analyze, buffers, timing) insert into invoice_lines select * from probe_lines`,
      )) as unknown as {
        rows: Record<string, string>[];
      };
      for (const row of plan.rows) console.log(Object.values(row)[0]);
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
}

class Rollback extends Error {}

const which = process.env.BENCH_DATABASES || 'pglite';
if (which.includes('pglite')) {
  const database = await openScratchPglite();
  try {
    await probe(database);
  } finally {
    await database.close();
  }
}
if (which.includes('postgres')) {
  const scratch = await createScratchDatabase(process.env.BENCH_DATABASE_URL || defaultPostgresUrl);
  try {
    const database = await openPostgres(scratch.url);
    try {
      await probe(database);
    } finally {
      await database.close();
    }
  } finally {
    await scratch.drop();
  }
}
