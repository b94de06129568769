import type { PGlite } from '@electric-sql/pglite';
import { type SQL, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Database, Db } from '../db/database.js';
import { pgliteOwnParsers } from '../db/pgliteParsers.js';

/** What pg-boss calls instead of opening a pool of its own (its `db` option). */
export interface ExecuteSql {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

type Result = { rows: unknown[] };

/**
 * pg-boss on the application's own database: the PGlite instance or the server pool, so that the
 * jobs need no connection of their own. `track` wraps every query, for a stop that waits for them.
 */
export function databaseExecutor(database: Database, track: <T>(work: Promise<T>) => Promise<T>): ExecuteSql {
  // Drizzle keeps the driver's client there for both drivers; the Database interface hides it.
  const client = (database.db as unknown as { $client: unknown }).$client;
  const run = database.kind === 'pglite' ? pgliteRunner(client as PGlite) : poolRunner(client as pg.Pool);
  return { executeSql: (text, values) => track(run(text, values)) };
}

function pgliteRunner(client: PGlite) {
  // The instance keeps Drizzle's parsers (`pgliteParsers.ts`): pg-boss reads dates as PGlite gives them.
  const options = { parsers: pgliteOwnParsers() };
  return async (text: string, values?: unknown[]): Promise<Result> => {
    if (values?.length) return client.query(text, nullForUndefined(values), options);
    // pg-boss's schema creation and maintenance are several statements between its own BEGIN and
    // COMMIT, which only `exec` accepts. Should one fail, PGlite's single connection would stay in
    // an aborted transaction and every later query of the app would fail: PGlite's transaction
    // rolls back on error, and holds its lock so that no other query slips in meanwhile.
    const results = await client.transaction((tx) => tx.exec(text, options));
    return lastWithFields(results);
  };
}

function poolRunner(pool: pg.Pool) {
  return async (text: string, values?: unknown[]): Promise<Result> => {
    if (values?.length) return pool.query(text, values);
    // Same reason as for PGlite: a failed BEGIN … COMMIT script leaves its session in an aborted
    // transaction; that connection is thrown away rather than lent to the app's next query.
    const connection = await pool.connect();
    try {
      const result: pg.QueryResult | pg.QueryResult[] = await connection.query(text);
      connection.release();
      return Array.isArray(result) ? lastWithFields(result) : result;
    } catch (error) {
      connection.release(error as Error);
      throw error;
    }
  };
}

// A script answers once per statement; pg-boss reads the rows of its one query, if any.
function lastWithFields<T extends { fields: unknown[]; rows: unknown[] }>(results: T[]): Result {
  return [...results].reverse().find((result) => result.fields.length > 0) ?? { rows: [] };
}

/**
 * pg-boss through a Drizzle transaction: its query is rebuilt as Drizzle SQL (text between
 * parameters kept raw, each `$n` a bound parameter), so that it runs on the transaction's own
 * connection, whichever the driver, with only Drizzle's public API.
 */
export function transactionExecutor(tx: Db): ExecuteSql {
  return {
    executeSql: (text, values = []) => tx.execute(toDrizzleSql(text, nullForUndefined(values))) as Promise<Result>,
  };
}

function toDrizzleSql(text: string, values: unknown[]): SQL {
  const chunks: SQL[] = [];
  let last = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) {
    chunks.push(sql.raw(text.slice(last, match.index)));
    // sql.param, not sql`${value}`: Drizzle would spread an array into a list.
    chunks.push(sql`${sql.param(values[Number(match[1]) - 1] ?? null)}`);
    last = match.index + match[0].length;
  }
  chunks.push(sql.raw(text.slice(last)));
  return sql.join(chunks);
}

// node-postgres sends undefined as NULL; PGlite and Drizzle need it said.
function nullForUndefined(values: unknown[]): unknown[] {
  return values.map((value) => (value === undefined ? null : value));
}
