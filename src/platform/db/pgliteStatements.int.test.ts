import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.js';
import type { Database } from './database.js';
import { isUniqueViolation } from './errors.js';
import { KEPT_STATEMENTS } from './pgliteStatements.js';

const pglite = testDatabases().find((candidate) => candidate.name === 'pglite')!;

describe('PGlite: each statement parsed once, then run in one call', () => {
  let database: Database;
  let client: PGlite;
  beforeAll(async () => {
    database = await pglite.open();
    client = (database.db as unknown as { $client: PGlite }).$client;
    await client.exec(
      'create table kept_rows (id int primary key, at timestamptz, day date, tags text[], data jsonb, ok boolean)',
    );
  });
  afterAll(() => database.close());

  /** The rows of `execute`, which the database type leaves untyped: PGlite's answer. */
  const rowsOf = async (answer: Promise<unknown>) => ((await answer) as { rows: unknown[] }).rows;
  const insert = (id: number) =>
    database.db.execute(
      sql`insert into kept_rows values (${id}, ${'2026-09-15T10:00:00.000Z'}, ${'2026-09-16'}, ${'{a,b}'}, ${JSON.stringify({ n: id })}, ${true}) returning id`,
    );
  const read = (id: number) => rowsOf(database.db.execute(sql`select * from kept_rows where id = ${id}`));

  it('answers what PGlite’s own query answers, the first time and the next ones', async () => {
    await insert(1);
    const first = await read(1);
    const again = await read(1);
    const own = await client.query('select * from kept_rows where id = $1', [1]);
    expect(first).toEqual(own.rows);
    expect(again).toEqual(own.rows);
    expect(own.rows).toEqual([
      { id: 1, at: '2026-09-15 10:00:00+00', day: '2026-09-16', tags: ['a', 'b'], data: { n: 1 }, ok: true },
    ]);
    const kept = await client.query<{ n: number }>(
      "select count(*)::int as n from pg_prepared_statements where statement like 'select * from kept_rows%'",
    );
    expect(kept.rows[0]!.n).toBe(1);
  });

  it('throws PostgreSQL’s error, with its code, and goes on working after it', async () => {
    await insert(2);
    const error = await insert(2).catch((caught: unknown) => caught);
    expect(isUniqueViolation(error)).toBe(true);
    expect(await read(2)).toHaveLength(1);
    await expect(database.db.execute(sql`select no_such_column from kept_rows`)).rejects.toThrow();
    expect(await read(2)).toHaveLength(1);
  });

  it('runs inside a transaction, whose rollback undoes the statement, and keeps it for later', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into kept_rows (id) values (${3})`);
        expect(await rowsOf(tx.execute(sql`select * from kept_rows where id = ${3}`))).toHaveLength(1);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await read(3)).toHaveLength(0);
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into kept_rows (id) values (${3})`);
    });
    expect(await read(3)).toHaveLength(1);
  });

  it(`keeps at most ${KEPT_STATEMENTS} statements, closing the one unused longest`, async () => {
    for (let n = 0; n < KEPT_STATEMENTS + 40; n++) {
      expect(await rowsOf(database.db.execute(sql.raw(`select ${n}::int as n`)))).toEqual([{ n }]);
    }
    const kept = await client.query<{ n: number }>('select count(*)::int as n from pg_prepared_statements');
    expect(kept.rows[0]!.n).toBe(KEPT_STATEMENTS);
    // The first statements were closed, and are parsed again when they come back.
    expect(await read(1)).toHaveLength(1);
  });
});
