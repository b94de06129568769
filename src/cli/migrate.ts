// `npm run db:migrate`: applies the committed migrations to the configured database, then exits.
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../platform/db/openDatabase.js';

try {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  await database.migrate();
  await database.close();
  console.log(`Migrations applied (${config.database.kind}).`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
