import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config.js';
import { DATA_DIR_LOCK_FILE, openPglite, openPostgres, type Database } from './database.js';
import { copyPgliteTemplate } from './pgliteTemplate.js';

export async function openDatabase(config: Config['database']): Promise<Database> {
  if (config.kind === 'postgres') return openPostgres(config.url);
  return openPglite({ dataDir: config.dataDir, beforeOpen: startFromTemplate });
}

/**
 * A new data folder starts as a copy of the migrated template (ADR 0035); the migrations then find
 * nothing to do. Without a template (node_modules not writable), PGlite's initdb and every migration.
 */
async function startFromTemplate(dataDir: string): Promise<void> {
  if (await fs.stat(path.join(dataDir, 'PG_VERSION')).catch(() => null)) return;
  try {
    await copyPgliteTemplate(dataDir);
  } catch (error) {
    console.error('No database template, the new database is made from scratch:', (error as Error).message);
    for (const name of await fs.readdir(dataDir))
      if (name !== DATA_DIR_LOCK_FILE) await fs.rm(path.join(dataDir, name), { recursive: true, force: true });
  }
}
