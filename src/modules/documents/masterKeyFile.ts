import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StartupError } from '../../shared/errors.js';
import { type MasterKey, masterKeyOf, parseMasterKey } from './vaultCrypto.js';

const FILE_NAME = 'master-key';

/**
 * The master key: `PARVIS_MASTER_KEY` (required in production mode, the same on every instance); in
 * demo mode without it, one is made once and kept in the data folder, readable by its owner only.
 */
export function loadMasterKey(options: {
  mode: 'demo' | 'production';
  configured?: string;
  dataDir: string;
}): MasterKey {
  if (options.configured) {
    const key = parseMasterKey(options.configured);
    if (!key)
      throw new StartupError(
        'PARVIS_MASTER_KEY must be 32 bytes in base64 or hex, e.g. the output of: openssl rand -base64 32',
      );
    return masterKeyOf(key);
  }
  if (options.mode === 'production') {
    throw new StartupError(
      'Production mode needs PARVIS_MASTER_KEY: 32 random bytes in base64 (openssl rand -base64 32), the same on every instance, kept apart from the database backups. It encrypts the families’ documents.',
    );
  }
  const file = path.join(options.dataDir, FILE_NAME);
  fs.mkdirSync(options.dataDir, { recursive: true });
  if (!fs.existsSync(file)) {
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process made it first: read theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = parseMasterKey(fs.readFileSync(file, 'utf8'));
  if (!key) throw new StartupError(`The master key file ${file} is damaged: restore it from its backup.`);
  return masterKeyOf(key);
}
