import fs from 'node:fs/promises';
import { inject } from 'vitest';
import { type Database, openPglite, openPostgres } from '../src/platform/db/database.js';
import { startTcpProxy } from './tcpProxy.js';

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
  /** A database that the test can take away, as a crash or a network failure would. */
  openBreakable(): Promise<{ database: Database; takeAway(): Promise<void> }>;
}

/**
 * The databases integration tests run against: PGlite always, and the PostgreSQL server when
 * TEST_DATABASE_URL is set. Both are migrated by the global setup; tests isolate themselves by
 * creating their own communes, so nothing needs cleaning up.
 */
export function testDatabases(): TestDatabase[] {
  const openTemplate = async () => {
    const template = await fs.readFile(inject('pgliteTemplate'));
    return openPglite({ loadDataDir: new Blob([template]) });
  };
  const list: TestDatabase[] = [
    {
      name: 'pglite',
      open: openTemplate,
      async openBreakable() {
        const database = await openTemplate();
        return { database, takeAway: () => database.close() };
      },
    },
  ];
  const url = inject('postgresUrl');
  if (url) {
    list.push({
      name: 'postgres',
      open: () => openPostgres(url, { max: 4 }),
      async openBreakable() {
        const target = new URL(url);
        const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
        target.host = `127.0.0.1:${proxy.port}`;
        const database = await openPostgres(target.toString(), { max: 4 });
        return { database, takeAway: () => proxy.cut() };
      },
    });
  }
  return list;
}
