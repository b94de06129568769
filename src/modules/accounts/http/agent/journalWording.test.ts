import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../../audit/auditActions.js';
import { auditActionWording, wordingOf } from './journalWording.js';

/** Every TypeScript file of the code base, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the journal’s wording', () => {
  it('says every act the audit log records in French', () => {
    for (const action of AUDIT_ACTIONS) {
      const wording = auditActionWording[action];
      expect(wording, action).toBeTruthy();
      expect(wording, action).not.toContain(action);
      expect(wording, action).toMatch(/^[A-ZÀ-Ü]/);
    }
    expect(wordingOf('agent.login.succeeded')).toBe('Connexion réussie');
  });

  it('knows every action code written in the code base', () => {
    const known = new Set<string>(AUDIT_ACTIONS);
    // An action written as a literal: `action: 'x.y'`, or handed to a module's own `record(…, 'x.y', …)`.
    const literal = /action: '([a-z0-9-]+\.[a-z0-9.-]+)'|record\(\s*commune,\s*author,\s*'([a-z0-9-]+\.[a-z0-9.-]+)'/g;
    const found = new Set<string>();
    for (const file of sources(join(import.meta.dirname, '../../../..'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(literal)) found.add((match[1] ?? match[2])!);
    }
    expect(found.size).toBeGreaterThan(40);
    expect([...found].filter((action) => !known.has(action))).toEqual([]);
  });
});
