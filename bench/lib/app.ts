import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/app.js';
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
  /** The demo clock's start (as `PARVIS_NOW`), for a benchmark whose answers depend on the date (booking deadlines). */
  now?: Date;
}

/** The real app, in this process, in demo mode on a freshly seeded database, listening on a free port. */
export async function startApp(database: Database, options: AppOptions = {}): Promise<RunningServer> {
  const container = await buildContainer({
    config: { mode: 'demo', trustProxy: options.trustProxy ?? false, logLevel: 'silent', now: options.now },
    database,
  });
  await prepareDatabase(database, 'demo', (tx) => seedDemo(tx, container.clock));
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
