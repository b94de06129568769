import { randomBytes } from 'node:crypto';
import { count } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { seedDemo } from '../../demo/seedDemo.js';
import { communes } from '../../modules/communes/communesSchema.js';
import { TestClock } from '../clock.js';
import { type Database, openPglite, openPostgres } from './database.js';
import { DeploymentModeError, prepareDatabase } from './prepareDatabase.js';

const clock = new TestClock();
const seed = (tx: Parameters<typeof seedDemo>[0]) => seedDemo(tx, clock);
const communeCount = async (database: Database) => (await database.db.select({ n: count() }).from(communes))[0]?.n;

describe('preparing an embedded database', () => {
  it('migrates, seeds the demo once, and keeps it on the next start', async () => {
    const database = await openPglite();
    try {
      expect(await prepareDatabase(database, 'demo', seed)).toEqual({ seeded: true, mode: 'demo' });
      expect(await communeCount(database)).toBe(2);
      expect(await prepareDatabase(database, 'demo', seed)).toEqual({ seeded: false, mode: 'demo' });
      expect(await communeCount(database)).toBe(2);
      // The demo database may not be started in production mode: demo data never shows there.
      await expect(prepareDatabase(database, 'production', seed)).rejects.toThrow(DeploymentModeError);
      // Without a chosen mode, the database keeps the mode it was made in.
      expect(await prepareDatabase(database, 'production', seed, { modeChosen: false })).toEqual({ seeded: false, mode: 'demo' });
    } finally {
      await database.close();
    }
  });

  it('never seeds a production database, nor runs the demo on one', async () => {
    const database = await openPglite();
    try {
      expect(await prepareDatabase(database, 'production', seed)).toEqual({ seeded: false, mode: 'production' });
      expect(await communeCount(database)).toBe(0);
      await expect(prepareDatabase(database, 'demo', seed)).rejects.toThrow(/production database/);
    } finally {
      await database.close();
    }
  });
});

const serverUrl = inject('postgresUrl');

describe.runIf(serverUrl)('preparing a PostgreSQL database', () => {
  it('lets several instances start together on a new database: one migration, one seed', async () => {
    const name = `parvis_start_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const instances = await Promise.all(Array.from({ length: 4 }, () => openPostgres(url.toString(), { max: 2 })));
    try {
      const results = await Promise.all(instances.map((database) => prepareDatabase(database, 'demo', seed)));
      expect(results.filter((r) => r.seeded)).toHaveLength(1);
      expect(await communeCount(instances[0]!)).toBe(2);
    } finally {
      await Promise.all(instances.map((database) => database.close()));
      await admin.query(`drop database ${name}`);
      await admin.end();
    }
  });
});
