import { randomBytes } from 'node:crypto';
import { StartupError } from '../../shared/errors.js';
import { ClamdScanner, type Scanner, noScanner, parseClamdAddress } from './clamd.js';
import { loadMasterKey } from './masterKeyFile.js';
import { type MasterKey, masterKeyOf } from './vaultCrypto.js';

/**
 * The vault's master key and antivirus. The container is built before the database says its mode,
 * so the boot sets them once it knows (`configureVault`); a container built without them (tests,
 * tools) holds a throw-away key and no antivirus.
 */
export interface VaultSettings {
  masterKey: MasterKey;
  scanner: Scanner;
}

export function throwAwayVault(): VaultSettings {
  return { masterKey: masterKeyOf(randomBytes(32)), scanner: noScanner };
}

/** Production mode needs both a master key and clamd; demo mode makes a key in the data folder and may run without clamd. */
export function configureVault(
  settings: VaultSettings,
  options: { mode: 'demo' | 'production'; masterKey?: string; clamdAddress?: string; dataDir: string },
): void {
  if (options.mode === 'production' && !options.clamdAddress)
    throw new StartupError(
      'Production mode needs CLAMD_ADDRESS: where the clamd antivirus listens (e.g. unix:/run/clamav/clamd.ctl, from Debian’s clamav-daemon). Documents sent by families are refused without it.',
    );
  settings.masterKey = loadMasterKey({ mode: options.mode, configured: options.masterKey, dataDir: options.dataDir });
  const address = options.clamdAddress ? parseClamdAddress(options.clamdAddress) : null;
  settings.scanner = address ? new ClamdScanner(address) : noScanner;
}
