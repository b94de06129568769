import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app.js';
import type { Mode } from '../../src/config.js';
import { buildContainer } from '../../src/container.js';
import { seedDemo } from '../../src/demo/seedDemo.js';
import { type Database, openPglite, openPostgres } from '../../src/platform/db/database.js';
import { prepareDatabase } from '../../src/platform/db/prepareDatabase.js';
import { type RunningServer, serverOrigin } from './floor.js';

export interface AppOptions {
  /**
   * Believe X-Forwarded-For, as behind a reverse proxy: a load generator can then give each request
   * its own address, so that the per-address limits (30 logins per 15 minutes) do not answer 429.
   */
  trustProxy?: boolean;
  /** The clock's start (as `PARVIS_NOW`), for a benchmark whose answers depend on the date (booking deadlines). */
  now?: Date;
  /**
   * `demo` (the default) or `production`: what the portal a commune runs does on each request. Demo
   * mode gives every browser without one a `parvis-demo` cookie and runs each request in an
   * `AsyncLocalStorage` (the demo mail box's mark, `demoBrowser.ts`), which makes every promise of the
   * process dearer, the floor's too; production does neither. The demo's communes and families are
   * written either way, as the benchmarks' data; in production mode the database is recorded as a
   * production one and the rows are written beside that, by the bench alone.
   */
  mode?: Mode;
}

/**
 * The mode a benchmark runs the app in: its own choice, unless `BENCH_APP_MODE` (`demo` or
 * `production`) says otherwise, to measure what the other mode costs.
 */
export function benchMode(fallback: Mode): Mode {
  const wanted = process.env.BENCH_APP_MODE;
  if (!wanted) return fallback;
  if (wanted !== 'demo' && wanted !== 'production')
    throw new Error(`BENCH_APP_MODE must be demo or production, got "${wanted}"`);
  return wanted;
}

/** The real app, in this process, on a freshly seeded database, listening on a free port. */
export async function startApp(database: Database, options: AppOptions = {}): Promise<RunningServer> {
  const mode = options.mode ?? 'demo';
  const container = await buildContainer({
    config: { mode, trustProxy: options.trustProxy ?? false, logLevel: 'silent', now: options.now },
    database,
  });
  const seed = (tx: Database['db']) => seedDemo(tx, container.clock);
  await prepareDatabase(database, mode, seed);
  if (mode === 'production') await database.db.transaction((tx) => seed(tx as unknown as Database['db']));
  const app = await buildApp(container);
  await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: serverOrigin(app.server.address()),
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** PGlite in a new temporary folder, removed on close. */
export async function openScratchPglite(): Promise<Database> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parvis-bench-'));
  const database = await openPglite({ dataDir });
  return {
    ...database,
    close: async () => {
      try {
        await database.close();
      } finally {
        await fs.rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export { openPostgres };
