import type { Config } from '../../config.js';
import { openPglite, openPostgres, type Database } from './database.js';

export function openDatabase(config: Config['database']): Promise<Database> {
  return config.kind === 'postgres' ? openPostgres(config.url) : openPglite({ dataDir: config.dataDir });
}
