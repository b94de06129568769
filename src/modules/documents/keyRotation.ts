import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { Db } from '../../platform/db/database.js';
import { StartupError } from '../../shared/errors.js';
import { DocumentsRepository } from './documentsRepository.js';
import { loadPreviousKey, masterKeyFiles, readKeyFile } from './masterKeyFile.js';
import { type MasterKey, VaultIntegrityError, masterKeyOf, parseMasterKey } from './vaultCrypto.js';
import { VaultStore } from './vaultStore.js';

/**
 * Re-wraps, a page at a time, every document key not wrapped by `current` (unwrapping it with
 * `previous`); the files themselves are not touched, only their keys. A key neither opens is
 * counted and left as it is, for the operator to look into: one damaged row does not stop the rest.
 */
export async function rewrapAll(
  db: Db,
  current: MasterKey,
  previous: MasterKey | null,
  page = 500,
): Promise<{ rewrapped: number; unreadable: number }> {
  const repository = new DocumentsRepository(db);
  const store = new VaultStore(
    repository,
    () => current,
    () => previous,
  );
  const counts = { rewrapped: 0, unreadable: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await repository.wrappedBy(current.id, after, page);
    if (rows.length === 0) return counts;
    for (const row of rows) {
      let rewrapped: { wrapped: Buffer; masterKeyId: string };
      try {
        rewrapped = store.rewrap(row.wrappedKey, row.masterKeyId);
      } catch (error) {
        if (!(error instanceof VaultIntegrityError)) throw error;
        counts.unreadable++;
        continue;
      }
      await repository.rewrap(row.communeId, row.id, rewrapped.wrapped, rewrapped.masterKeyId);
      counts.rewrapped++;
    }
    after = rows[rows.length - 1]!.id;
  }
}

/**
 * The keys of a rotation. With `PARVIS_MASTER_KEY` set (production), it is the new key and
 * `PARVIS_PREVIOUS_MASTER_KEY` the old one: the instances run with both while the rotation goes on.
 * Without it (demo), a new key is made in the data folder and the old one kept beside it until done;
 * a rotation cut short is finished by running it again.
 */
export function rotationKeys(options: { masterKey?: string; previousMasterKey?: string; dataDir: string }): {
  current: MasterKey;
  previous: MasterKey | null;
  /** Once every document is re-wrapped: forgets the previous key (demo), or says what to do. */
  finish(): string;
} {
  if (options.masterKey) {
    const key = parseMasterKey(options.masterKey);
    if (!key) throw new StartupError('PARVIS_MASTER_KEY must be 32 bytes in base64 or hex.');
    return {
      current: masterKeyOf(key),
      previous: loadPreviousKey({ configured: options.previousMasterKey, dataDir: options.dataDir }),
      finish: () =>
        'Every document key is wrapped by PARVIS_MASTER_KEY: PARVIS_PREVIOUS_MASTER_KEY can now be removed.',
    };
  }
  const files = masterKeyFiles(options.dataDir);
  if (!fs.existsSync(files.previous)) {
    const old = readKeyFile(files.current);
    if (!old) throw new StartupError(`There is no master key in ${options.dataDir}: nothing to rotate.`);
    // The old key is kept first, then the new one written: at every moment both can be read back.
    fs.copyFileSync(files.current, files.previous);
    fs.chmodSync(files.previous, 0o600);
    fs.writeFileSync(`${files.current}.tmp`, randomBytes(32).toString('base64') + '\n', { mode: 0o600 });
    fs.renameSync(`${files.current}.tmp`, files.current);
  }
  return {
    current: readKeyFile(files.current)!,
    previous: readKeyFile(files.previous),
    finish: () => {
      fs.rmSync(files.previous);
      return `Every document key is wrapped by the new master key in ${files.current}.`;
    },
  };
}
