// `npm run db:migrate`: applies the committed migrations to the configured database, then exits.
import { loadConfig } from '../config.js';
import { StartupError } from '../shared/errors.js';
import { openDatabase } from '../platform/db/openDatabase.js';

try {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  await database.migrate();
  await database.close();
  console.log(`Migrations applied (${config.database.kind}).`);
} catch (error) {
  console.error(error instanceof StartupError ? error.message : error);
  process.exit(1);
}
