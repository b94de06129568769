// `npm run keys:rotate`: wraps every document's key again under the new master key (ADR 0015).
import { loadConfig } from '../config.js';
import { StartupError } from '../shared/errors.js';
import { openDatabase } from '../platform/db/openDatabase.js';
import { rewrapAll, rotationKeys } from '../modules/documents/keyRotation.js';

try {
  const config = loadConfig();
  const keys = rotationKeys(config);
  const database = await openDatabase(config.database);
  try {
    const { rewrapped, unreadable } = await rewrapAll(database.db, keys.current, keys.previous);
    if (unreadable > 0) {
      console.error(
        `${rewrapped} document key(s) re-wrapped; ${unreadable} opened by neither key were left as they are. The previous key is kept: check which key wrapped them (documents.master_key_id), then run again.`,
      );
      process.exitCode = 1;
    } else console.log(`${rewrapped} document key(s) re-wrapped. ${keys.finish()}`);
  } finally {
    await database.close();
  }
} catch (error) {
  console.error(error instanceof StartupError ? error.message : error);
  process.exit(1);
}
