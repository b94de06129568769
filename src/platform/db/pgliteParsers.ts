import { type PGlite, types } from '@electric-sql/pglite';
import { PgliteStatements } from './pgliteStatements.js';

type QueryOptions = Parameters<PGlite['query']>[2];
type Transaction = Parameters<Parameters<PGlite['transaction']>[0]>[0];
type Parsers = Record<number | string, (value: string, typeId?: number) => unknown>;

const asText = (value: string) => value;

/**
 * The types whose text Drizzle reads itself (timestamps, intervals, dates and their arrays): it
 * gives PGlite these parsers with every query (`drizzle-orm/pglite`'s `PglitePreparedQuery`).
 */
const TEXT_AS_IS = [types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182];

/**
 * PGlite merges the parsers a query brings into a copy of its whole table (318 types) for every
 * query: 0.3–0.6 ms of main thread per statement, as much as PGlite takes to run a small one
 * (bench/README.md, « the logged-in path »). So the instance keeps Drizzle's parsers in its own
 * table, and the client Drizzle is given sends them no more: the rows are parsed exactly as before,
 * without the copy. Queries on the instance itself (pg-boss's: `jobSql.ts`) get PGlite's own parsers
 * back for those types with `pgliteOwnParsers`.
 */
export function clientForDrizzle(client: PGlite): PGlite {
  for (const oid of TEXT_AS_IS) client.parsers[oid] = asText;
  // Drizzle gives a prepared statement's options object again at each run: looked at once.
  const lighter = new WeakMap<NonNullable<QueryOptions>, QueryOptions>();
  const lighterOf = (options: NonNullable<QueryOptions>) => {
    let light = lighter.get(options);
    if (!light)
      lighter.set(
        options,
        (light = options.parsers && onlyTextAsIs(options.parsers) ? withoutParsers(options) : options),
      );
    return light;
  };
  // Each statement Drizzle sends is parsed and planned once (`pgliteStatements.ts`).
  const statements = new PgliteStatements(client);
  const query =
    (run: Transaction['query'], prepared: Transaction['query']): Transaction['query'] =>
    (text, params, options) => {
      const light = options && lighterOf(options);
      return statements.takes(text, light) ? prepared(text, params, light) : run(text, params, light);
    };
  const clientQuery = query(
    (text, params, options) => client.query(text, params, options),
    (text, params, options) => statements.run(text, params, options),
  );
  const transaction = <T>(work: (tx: Transaction) => Promise<T>) =>
    client.transaction((tx) =>
      work(
        Object.assign(Object.create(tx) as Transaction, {
          query: query(tx.query, (text, params, options) => {
            if (tx.closed) throw new Error('Transaction is closed');
            return statements.runInTransaction(text, params, options);
          }),
        }),
      ),
    );
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') return clientQuery;
      if (property === 'transaction') return transaction;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The parsers PGlite would use for the types Drizzle reads itself, for a query that is not Drizzle's. */
export function pgliteOwnParsers(): Parsers {
  const own = types.parsers as Parsers;
  const parsers: Parsers = {};
  for (const oid of TEXT_AS_IS) if (own[oid]) parsers[oid] = own[oid];
  return parsers;
}

function onlyTextAsIs(parsers: object): boolean {
  for (const oid in parsers) if (!TEXT_AS_IS.includes(Number(oid))) return false;
  return true;
}

function withoutParsers(options: NonNullable<QueryOptions>): QueryOptions {
  const { parsers: _parsers, ...rest } = options;
  return rest;
}
