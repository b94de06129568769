import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { inject } from 'vitest';
import { type Database, openPglite, openPostgres } from '../src/platform/db/database.js';
import { startTcpProxy } from './tcpProxy.js';

export type TcpProxy = Awaited<ReturnType<typeof startTcpProxy>>;

export interface TestDatabase {
  name: 'pglite' | 'postgres';
  open(): Promise<Database>;
  /** A database that the test can take away, as a crash or a network failure would. */
  openBreakable(): Promise<{ database: Database; takeAway(): Promise<void> }>;
}

/**
 * The PostgreSQL test server behind a TCP relay (`test/tcpProxy.ts`) the test cuts and restores. Its
 * connections carry their own `application_name`, for the test to find them in `pg_stat_activity`.
 */
export async function openBehindProxy(
  max = 4,
): Promise<{ database: Database; proxy: TcpProxy; applicationName: string }> {
  const url = inject('postgresUrl');
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const target = new URL(url);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  target.host = `127.0.0.1:${proxy.port}`;
  const applicationName = `parvis_proxied_${randomBytes(4).toString('hex')}`;
  target.searchParams.set('application_name', applicationName);
  return { database: await openPostgres(target.toString(), { max }), proxy, applicationName };
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
        const { database, proxy } = await openBehindProxy();
        return { database, takeAway: () => proxy.close() };
      },
    });
  }
  return list;
}
