// `npm run backup [-- <file or folder>]`: writes the embedded database (DATA_DIR) to one .tar.gz file,
// by default `parvis-backup-<date>.tar.gz` in the current folder. The portal must be stopped: the
// data folder is locked to one process. On PostgreSQL (DATABASE_URL), use pg_dump (README, « Backups »).
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { backUpDataDir } from '../platform/db/dataDirBackup.js';
import { StartupError } from '../shared/errors.js';
import { formatFileSize } from '../shared/format.js';
import { describeContents, postgresRefusal } from './backupMessages.js';

const usage = 'Usage: npm run backup [-- <file.tar.gz or folder>]   (default: a dated file in the current folder)';

try {
  const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: true, options: {} });
  if (positionals.length > 1) throw new StartupError(`One destination at most.\n${usage}`);
  const config = loadConfig();
  if (config.database.kind === 'postgres') throw new StartupError(postgresRefusal('backup'));
  const { file, bytes, contents } = await backUpDataDir(config.database.dataDir, positionals[0] ?? '.', new Date());
  console.log(`Backup of ${config.database.dataDir} written to ${file} (${formatFileSize(bytes)}).`);
  console.log(`It holds ${describeContents(contents)}.`);
  console.log(`Restore it with: npm run restore -- ${file}`);
  process.exit(0);
} catch (error) {
  console.error(
    error instanceof StartupError ? error.message : error instanceof TypeError ? `${error.message}\n${usage}` : error,
  );
  process.exit(1);
}
