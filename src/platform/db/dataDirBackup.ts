import fs from 'node:fs/promises';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { StartupError } from '../../shared/errors.js';
import { DATA_DIR_LOCK_FILE, DataDirInUseError, type PgliteDatabase, lockDataDir, openPglite } from './database.js';
import { bookings, communes, families, mailbox, requests } from './schema.js';

/**
 * Backups of an embedded database (PGlite data folder): the whole folder as one gzipped tarball,
 * made by PGlite itself (`dumpDataDir`), and restored by loading it into a new folder. Both open the
 * folder, so both need the portal stopped: the folder's lock (see `lockDataDir`) refuses them otherwise.
 * On PostgreSQL, pg_dump / pg_restore do the same (README, « Backups »).
 */

/** A reason the backup or the restore cannot be done that the operator can fix from the message alone. */
export class BackupError extends StartupError {}

/** What a backup holds, printed so that the operator sees it is the commune they expect. */
export interface BackupContents {
  communes: number;
  families: number;
  bookings: number;
  requests: number;
  mails: number;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** `parvis-backup-2026-11-17T09-30-00Z.tar.gz`: sorts by date, no character a file system refuses. */
export function defaultBackupName(now: Date): string {
  return `parvis-backup-${now.toISOString().slice(0, 19).replace(/:/g, '-')}Z.tar.gz`;
}

/**
 * Writes the data folder's backup to `target` (a file, or an existing folder to write a dated file
 * in) and returns the file written. Never overwrites a file; the file appears only once complete.
 */
export async function backUpDataDir(
  dataDir: string,
  target: string,
  now: Date,
): Promise<{ file: string; bytes: number; contents: BackupContents }> {
  if (!(await holdsDatabase(dataDir))) {
    throw new BackupError(
      `There is no Parvis database in ${dataDir}: nothing to back up. Is DATA_DIR the folder the portal runs on?`,
    );
  }
  const isFolder = await fs.stat(target).then(
    (stat) => stat.isDirectory(),
    () => false,
  );
  const file = path.resolve(isFolder ? path.join(target, defaultBackupName(now)) : target);
  if (await exists(file))
    throw new BackupError(`${file} already exists: a backup never overwrites a file. Give another name.`);
  await fs.mkdir(path.dirname(file), { recursive: true });

  const database = await openForOperator(dataDir, 'back up');
  let archive: Buffer;
  let contents: BackupContents;
  try {
    contents = await contentsOf(database);
    archive = Buffer.from(await (await database.dump()).arrayBuffer());
  } finally {
    await database.close();
  }
  // Written aside then renamed: a backup cut off half-way never looks like a complete one.
  const partial = `${file}.partial`;
  await fs.writeFile(partial, archive, { flag: 'w' });
  await fs.rename(partial, file);
  return { file, bytes: archive.length, contents };
}

/**
 * Restores a backup into the data folder. A folder that holds anything is only replaced when
 * `force` is given, and even then it is renamed aside (returned as `keptAside`), never deleted;
 * if the backup cannot be loaded, the folder is put back as it was.
 */
export async function restoreDataDir(
  dataDir: string,
  file: string,
  options: { force: boolean; now: Date },
): Promise<{ keptAside?: string; contents: BackupContents }> {
  const archive = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new BackupError(
      error.code === 'ENOENT' ? `${file} does not exist.` : `${file} cannot be read: ${error.message}`,
    );
  });
  if (archive[0] !== GZIP_MAGIC[0] || archive[1] !== GZIP_MAGIC[1]) {
    throw new BackupError(`${file} is not a Parvis backup (a .tar.gz file made by npm run backup).`);
  }

  const entries = await fs.readdir(dataDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  let keptAside: string | undefined;
  if (entries.length > 0) {
    if (!options.force) {
      throw new BackupError(
        `The data folder ${dataDir} is not empty. To replace it with the backup, run the command again with --force: ` +
          'the current folder is then kept aside (renamed), not deleted.',
      );
    }
    // Taking the folder's lock refuses while the portal (or another command) has it open.
    const release = await lockFor(dataDir, 'restore over it');
    keptAside = `${dataDir}.before-restore-${defaultBackupName(options.now).replace(/^parvis-backup-|\.tar\.gz$/g, '')}`;
    try {
      await fs.rename(dataDir, keptAside);
    } catch (error) {
      await release();
      throw error;
    }
    await fs.rm(path.join(keptAside, DATA_DIR_LOCK_FILE), { force: true });
  }

  try {
    const database = await openPglite({ dataDir, loadDataDir: new Blob([archive]) });
    try {
      return { keptAside, contents: await contentsOf(database) };
    } finally {
      await database.close();
    }
  } catch (error) {
    // Someone else opened the new folder first: it is theirs, not ours to remove.
    if (error instanceof DataDirInUseError) throw inUse(error, dataDir, 'restore');
    // Whatever was loaded is not the commune's database: the folder goes back as it was.
    await fs.rm(dataDir, { recursive: true, force: true });
    if (keptAside) await fs.rename(keptAside, dataDir);
    throw new BackupError(
      `${file} could not be restored (${(error as Error).message}). ${keptAside ? `The data folder ${dataDir} was put back as it was.` : ''}`.trim(),
    );
  }
}

async function contentsOf(database: PgliteDatabase): Promise<BackupContents> {
  const counted = async (
    table: typeof communes | typeof families | typeof bookings | typeof requests | typeof mailbox,
  ) => (await database.db.select({ n: count() }).from(table))[0]!.n;
  return {
    communes: await counted(communes),
    families: await counted(families),
    bookings: await counted(bookings),
    requests: await counted(requests),
    mails: await counted(mailbox),
  };
}

async function openForOperator(dataDir: string, what: string): Promise<PgliteDatabase> {
  try {
    return await openPglite({ dataDir });
  } catch (error) {
    throw inUse(error, dataDir, what);
  }
}

async function lockFor(dataDir: string, what: string): Promise<() => Promise<void>> {
  try {
    return await lockDataDir(dataDir);
  } catch (error) {
    throw inUse(error, dataDir, what);
  }
}

function inUse(error: unknown, dataDir: string, what: string): unknown {
  if (!(error instanceof StartupError)) return error;
  return new BackupError(
    `Cannot ${what} while Parvis runs on ${dataDir}: stop the portal first, then run the command again.\n(${error.message})`,
  );
}

/** A PGlite (PostgreSQL) data folder has PG_VERSION at its root; an empty or unrelated folder does not. */
async function holdsDatabase(dataDir: string): Promise<boolean> {
  return exists(path.join(dataDir, 'PG_VERSION'));
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}
