import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rotationKeys } from './keyRotation.js';
import { loadMasterKey } from './masterKeyFile.js';

describe('a demo deployment’s key rotation', () => {
  it('keeps the old key beside the new one until done, and survives being run twice', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parvis-keys-'));
    const first = loadMasterKey({ mode: 'demo', dataDir });
    expect(loadMasterKey({ mode: 'demo', dataDir }).id).toBe(first.id);
    const rotation = rotationKeys({ dataDir });
    expect(rotation.previous?.id).toBe(first.id);
    expect(rotation.current.id).not.toBe(first.id);
    // Cut short, run again: the same two keys.
    const again = rotationKeys({ dataDir });
    expect([again.current.id, again.previous?.id]).toEqual([rotation.current.id, first.id]);
    again.finish();
    expect(loadMasterKey({ mode: 'demo', dataDir }).id).toBe(rotation.current.id);
    expect(fs.existsSync(path.join(dataDir, 'master-key.previous'))).toBe(false);
    expect(fs.statSync(path.join(dataDir, 'master-key')).mode & 0o777).toBe(0o600);
  });

  it('refuses production without PARVIS_MASTER_KEY', () => {
    expect(() => loadMasterKey({ mode: 'production', dataDir: os.tmpdir() })).toThrow(/PARVIS_MASTER_KEY/);
  });
});
