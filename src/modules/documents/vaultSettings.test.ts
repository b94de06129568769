import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureVault, throwAwayVault } from './vaultSettings.js';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('the vault’s settings at boot', () => {
  it('production needs clamd and a master key: without either, the portal does not start', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parvis-vault-'));
    expect(() => configureVault(throwAwayVault(), { mode: 'production', masterKey: KEY, dataDir })).toThrow(
      /CLAMD_ADDRESS/,
    );
    expect(() =>
      configureVault(throwAwayVault(), { mode: 'production', clamdAddress: 'unix:/run/clamav/clamd.ctl', dataDir }),
    ).toThrow(/PARVIS_MASTER_KEY/);
    const settings = throwAwayVault();
    configureVault(settings, { mode: 'production', masterKey: KEY, clamdAddress: 'tcp:127.0.0.1:3310', dataDir });
    expect(settings.scanner.configured).toBe(true);
  });

  it('demo mode runs without clamd (files marked « non analysé ») and keeps its key in the data folder', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parvis-vault-'));
    const first = throwAwayVault();
    configureVault(first, { mode: 'demo', dataDir });
    expect(first.scanner.configured).toBe(false);
    const again = throwAwayVault();
    configureVault(again, { mode: 'demo', dataDir });
    expect(again.masterKey.id).toBe(first.masterKey.id);
  });
});
