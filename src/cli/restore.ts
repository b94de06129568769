// `npm run restore -- <file> [--force]`: loads a backup made by `npm run backup` into the embedded
// database's folder (DATA_DIR). A folder that holds anything is replaced only with --force, and is
// then renamed aside, never deleted. The portal must be stopped: the data folder is locked to one process.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { restoreDataDir } from '../platform/db/dataDirBackup.js';
import { StartupError } from '../shared/errors.js';
import { describeContents, postgresRefusal } from './backupMessages.js';

// `--` matters: without it npm takes --force for itself.
const usage = 'Usage: npm run restore -- <backup.tar.gz> [--force]';

try {
  const { positionals, values } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    strict: true,
    options: { force: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new StartupError(`Give the backup file to restore, and only it.\n${usage}`);
  const config = loadConfig();
  if (config.database.kind === 'postgres') throw new StartupError(postgresRefusal('restore'));
  const dataDir = config.database.dataDir;
  const { keptAside, contents } = await restoreDataDir(dataDir, positionals[0]!, {
    force: values.force,
    now: new Date(),
  });
  console.log(`Backup ${positionals[0]} restored into ${dataDir}: ${describeContents(contents)}.`);
  if (keptAside)
    console.log(`The previous data folder is kept in ${keptAside}: delete it once the portal runs as expected.`);
  console.log('Start the portal with: npm start');
  process.exit(0);
} catch (error) {
  console.error(
    error instanceof StartupError ? error.message : error instanceof TypeError ? `${error.message}\n${usage}` : error,
  );
  process.exit(1);
}
