import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema.js';
import { StartupError } from '../../shared/errors.js';
import { clientForDrizzle } from './pgliteParsers.js';

export type Schema = typeof schema;
/** The same typed database whichever driver is behind it: PGlite in-process or a PostgreSQL server. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: Db;
  /** Applies the committed migrations; on a server, under the start-up lock (`serialized`). */
  migrate(): Promise<void>;
  /**
   * Runs `work` while no other Parvis instance on this database runs its own: schema changes at
   * start (the migrations, pg-boss's tables) are made one instance after the other, each seeing what
   * the previous one committed. On a server, a session advisory lock on a connection of its own
   * (the pool must allow a second one for `work`); PGlite has one process, nobody to wait for.
   */
  serialized<T>(work: () => Promise<T>): Promise<T>;
  /** True when the database answers within the time given. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

// Any constant shared by every Parvis instance; the lock only lives while the session holding it does.
const STARTUP_LOCK_KEY = 7_261_042_026;

export interface PgliteDatabase extends Database {
  /** The whole data folder as a gzipped tarball: tests load a migrated template instead of migrating each time. */
  dump(): Promise<Blob>;
}

/**
 * PostgreSQL's page cache inside PGlite's WebAssembly memory, which it fills at start and never gives
 * back: initdb's 128 MB are a third of the embedded portal's memory. A small commune's database reads
 * its few hot pages from here and the rest from the operating system's file cache (ADR 0035).
 */
const PGLITE_SHARED_BUFFERS = '16MB';

export async function openPglite(
  options: {
    dataDir?: string;
    loadDataDir?: Blob;
    /** Run on the folder once it is locked, before PGlite opens it (e.g. to fill a new one). */
    beforeOpen?: (dataDir: string) => Promise<void>;
  } = {},
): Promise<PgliteDatabase> {
  const releaseFolder = options.dataDir ? await lockDataDir(options.dataDir) : async () => {};
  if (options.dataDir && options.beforeOpen) {
    try {
      await options.beforeOpen(options.dataDir);
    } catch (error) {
      await releaseFolder();
      throw error;
    }
  }
  const client = new PGlite({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
  });
  try {
    await client.waitReady;
  } catch (error) {
    await releaseFolder();
    throw error;
  }
  const db = drizzlePglite(clientForDrizzle(client), { schema }) as unknown as Db;
  // pg-boss's queries (`jobSql.ts`) go to the instance itself, with PGlite's own parsers.
  Object.assign(db, { $client: client });
  return {
    kind: 'pglite',
    db,
    // One process owns a PGlite folder, so there is nobody to lock against.
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    serialized: (work) => work(),
    ping: (timeoutMs = 2000) =>
      withTimeout(
        client.query('select 1').then(() => true),
        timeoutMs,
      ),
    close: async () => {
      await client.close();
      await releaseFolder();
    },
    dump: () => client.dumpDataDir('gzip') as Promise<Blob>,
  };
}

export class DataDirInUseError extends StartupError {}

/** The lock file `lockDataDir` writes in a PGlite folder, naming its owner's pid. */
export const DATA_DIR_LOCK_FILE = 'parvis.lock';

/**
 * One process at a time in a PGlite folder: a second one (another `npm start`, `npm run db:migrate`)
 * would corrupt it. The lock file names the owner's pid; a lock left by a dead process is taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await fs.mkdir(dataDir, { recursive: true });
  const lockFile = path.join(dataDir, DATA_DIR_LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(lockFile, String(process.pid), { flag: 'wx' });
      return () => fs.rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await fs.readFile(lockFile, 'utf8').catch(() => ''));
      if (owner && isAlive(owner)) {
        throw new DataDirInUseError(
          `The data folder ${dataDir} is in use by another Parvis process (pid ${owner}). Stop it first, or set another DATA_DIR.`,
        );
      }
      await fs.rm(lockFile, { force: true });
    }
  }
  throw new DataDirInUseError(`Could not lock the data folder ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openPostgres(
  url: string,
  options: { max?: number; connectionWaitMs?: number } = {},
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    // How long a request waits for a connection of the pool before it answers 503: a server that
    // cannot keep up sheds load rather than queueing for ever.
    connectionTimeoutMillis: options.connectionWaitMs ?? 5000,
  });
  // A connection that breaks (a PostgreSQL restart, a fail-over, a network cut) makes its client emit
  // 'error'. Unheard, Node ends the process. The pool listens to idle clients only; every client
  // gets a listener for its whole life, so a break while lent (inside a transaction, a pg-boss script)
  // only fails the queries running on it, which answer 503; the pool then drops the client.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  // One Drizzle per connection, for transactions (see below), made once per client the pool opens.
  const onClient = new WeakMap<pg.PoolClient, Db>();
  const transaction: Db['transaction'] = async (work, config) => {
    const client = await pool.connect();
    let tx = onClient.get(client);
    if (!tx) onClient.set(client, (tx = drizzlePg(client, { schema }) as unknown as Db));
    let workFailure: { error: unknown } | undefined;
    let broken: Error | undefined;
    try {
      return await tx.transaction(async (inner) => {
        try {
          return await work(inner);
        } catch (error) {
          workFailure = { error };
          throw error;
        }
      }, config);
    } catch (error) {
      // BEGIN, COMMIT or ROLLBACK failed: the connection is not to be lent again.
      if (!workFailure || workFailure.error !== error)
        broken = error instanceof Error ? error : new Error(String(error));
      // When the connection died, the ROLLBACK fails too and its error would hide the work's.
      throw workFailure ? workFailure.error : error;
    } finally {
      client.release(broken);
    }
  };
  // Drizzle's own transaction on a pool leaks the connection when BEGIN fails and reports the failed
  // ROLLBACK instead of the cause: with a server going away, the pool would run dry. Same contract.
  Object.assign(db, { transaction });
  // The start-up lock, held by a connection of its own for as long as `work` runs.
  const underLock = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('select pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
      try {
        return await work(client);
      } finally {
        // A lost connection has lost its lock with it.
        await client.query('select pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch((error: Error) => {
          broken = error;
        });
      }
    } finally {
      client.release(broken);
    }
  };
  return {
    kind: 'postgres',
    db,
    // On the lock's connection: `npm run db:migrate` and the tests' set-up open a pool of one.
    migrate: () => underLock((client) => migratePg(drizzlePg(client, { schema }), { migrationsFolder })),
    serialized: (work) => underLock(() => work()),
    ping: (timeoutMs = 2000) =>
      withTimeout(
        db.execute(sql`select 1`).then(() => true),
        timeoutMs,
      ),
    close: () => pool.end(),
  };
}

async function withTimeout(check: Promise<boolean>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([check.catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Errors that mean "the database is not there", as opposed to a bug in a query. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') {
      // Network errors, and PostgreSQL's classes 08 (connection) and 57P (shutdown / cannot connect now).
      if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'].includes(code)) return true;
      if (code.startsWith('08') || code.startsWith('57P') || code === '53300') return true;
    }
    if (
      typeof message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect|PGlite is closed|connection error and is not queryable|Client was closed and is not queryable/i.test(
        message,
      )
    ) {
      return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
