import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../demo/seedDemo.js';
import { communes } from '../../modules/communes/communesSchema.js';
import { testDatabases } from '../../../test/databases.js';
import { TestClock } from '../clock.js';
import { type Database, openPglite } from './database.js';
import { DeploymentModeError, prepareDatabase } from './prepareDatabase.js';

const clock = new TestClock();
const communeCount = async (database: Database) => (await database.db.select({ n: count() }).from(communes))[0]?.n;
const [pglite] = testDatabases();

/**
 * Only the first test makes a database from nothing (every migration, then the whole demo): real
 * work whose length depends on the machine, hence its generous timeout. The mode's rules are checked
 * on the migrated template, with a seed that only counts its calls. Several instances starting
 * together on PostgreSQL: `test/boot.int.test.ts`, with real processes.
 */
describe('preparing an embedded database', () => {
  it('migrates a new database, seeds the demo, and keeps it on the next start', async () => {
    const database = await openPglite();
    try {
      const seed = (tx: Parameters<typeof seedDemo>[0]) => seedDemo(tx, clock);
      expect(await prepareDatabase(database, 'demo', seed)).toEqual({ seeded: true, mode: 'demo' });
      expect(await communeCount(database)).toBe(2);
      expect(await prepareDatabase(database, 'demo', seed)).toEqual({ seeded: false, mode: 'demo' });
      expect(await communeCount(database)).toBe(2);
    } finally {
      await database.close();
    }
  }, 180_000);

  it('seeds a demo database once, and never starts it in production mode', async () => {
    const database = await pglite!.open();
    const seeds: unknown[] = [];
    const seed = async (tx: unknown) => void seeds.push(tx);
    try {
      expect(await prepareDatabase(database, 'demo', seed)).toEqual({ seeded: true, mode: 'demo' });
      expect(await prepareDatabase(database, 'demo', seed)).toEqual({ seeded: false, mode: 'demo' });
      expect(seeds).toHaveLength(1);
      // The demo database may not be started in production mode: demo data never shows there.
      await expect(prepareDatabase(database, 'production', seed)).rejects.toThrow(DeploymentModeError);
      // Without a chosen mode, the database keeps the mode it was made in.
      expect(await prepareDatabase(database, 'production', seed, { modeChosen: false })).toEqual({
        seeded: false,
        mode: 'demo',
      });
      expect(seeds).toHaveLength(1);
    } finally {
      await database.close();
    }
  }, 60_000);

  it('never seeds a production database, nor runs the demo on one', async () => {
    const database = await pglite!.open();
    const seeds: unknown[] = [];
    const seed = async (tx: unknown) => void seeds.push(tx);
    try {
      expect(await prepareDatabase(database, 'production', seed)).toEqual({ seeded: false, mode: 'production' });
      expect(seeds).toEqual([]);
      expect(await communeCount(database)).toBe(0);
      await expect(prepareDatabase(database, 'demo', seed)).rejects.toThrow(/production database/);
    } finally {
      await database.close();
    }
  }, 60_000);
});
