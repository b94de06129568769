import type { Database } from '../../src/platform/db/database.js';
import { openPostgres, openScratchPglite } from './app.js';
import type { BenchmarkContext, BenchmarkLine } from './benchmark.js';
import { createScratchDatabase, defaultPostgresUrl, redactUrl } from './postgres.js';

/**
 * One line per database: `measure` runs on PGlite (new temporary data folder), then, when the server
 * at BENCH_DATABASE_URL answers, on PostgreSQL (a new database, dropped afterwards); without a server
 * the PostgreSQL line is skipped, with the reason. `measure` owns the database it is given and closes it.
 */
export async function onEachDatabase(
  title: string,
  context: BenchmarkContext,
  measure: (label: string, database: Database) => Promise<BenchmarkLine>,
): Promise<BenchmarkLine[]> {
  const lines: BenchmarkLine[] = [];
  // `BENCH_DATABASES=postgres` (or `pglite`) measures one line only, to repeat it on a busy machine.
  const wanted = (process.env.BENCH_DATABASES || 'pglite,postgres').split(',').map((name) => name.trim());
  if (wanted.includes('pglite')) {
    context.log('  on PGlite (temporary data folder)');
    lines.push(await measure(`${title} · PGlite`, await openScratchPglite()));
  }
  if (!wanted.includes('postgres')) return lines;

  const serverUrl = process.env.BENCH_DATABASE_URL || defaultPostgresUrl;
  let scratch;
  try {
    scratch = await createScratchDatabase(serverUrl);
  } catch (error) {
    const reason = `PostgreSQL at ${redactUrl(serverUrl)} unreachable: ${(error as Error).message || String(error)}`;
    context.log(`  PostgreSQL line skipped: ${reason}`);
    lines.push({ label: `${title} · PostgreSQL`, skipped: reason });
    return lines;
  }
  try {
    context.log(`  on PostgreSQL (database ${new URL(scratch.url).pathname.slice(1)})`);
    lines.push(await measure(`${title} · PostgreSQL`, await openPostgres(scratch.url)));
  } finally {
    await scratch.drop();
  }
  return lines;
}
