import type { Db } from './database.js';

/** Runs `work` in one transaction, typed as the same Db every repository method accepts: all its writes land, or none. */
export function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => work(tx as unknown as Db));
}
