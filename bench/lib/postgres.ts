import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { BenchmarkContext, BenchmarkLine } from './benchmark.js';

export const defaultPostgresUrl = 'postgres://root@127.0.0.1:5432/postgres';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database `parvis_bench_<random>` on the server at `serverUrl`, for one run; `drop` removes
 * it. Rejects with the server's error when it cannot be reached or the database cannot be created.
 */
export async function createScratchDatabase(serverUrl: string): Promise<ScratchDatabase> {
  const name = `parvis_bench_${randomBytes(6).toString('hex')}`;
  await withAdmin(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      withAdmin(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Runs a PostgreSQL-only benchmark on a scratch database of the server named by the environment
 * (`BENCH_DATABASE_URL`, else `DATABASE_URL`, else `TEST_DATABASE_URL`, else the default), dropped
 * afterwards; without a server, one line says it was skipped and why.
 */
export async function onScratchPostgres(
  label: string,
  context: BenchmarkContext,
  measure: (url: string) => Promise<BenchmarkLine[]>,
): Promise<BenchmarkLine[]> {
  const serverUrl =
    process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || process.env.TEST_DATABASE_URL || defaultPostgresUrl;
  let scratch;
  try {
    scratch = await createScratchDatabase(serverUrl);
  } catch (error) {
    const reason = `PostgreSQL at ${redactUrl(serverUrl)} unreachable: ${(error as Error).message || String(error)}`;
    context.log(`  skipped: ${reason}`);
    return [{ label, skipped: reason }];
  }
  try {
    context.log(`  on PostgreSQL (database ${new URL(scratch.url).pathname.slice(1)})`);
    return await measure(scratch.url);
  } finally {
    await scratch.drop();
  }
}
