import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/**
 * The files and folders of the repository the README names: its relative links, and the paths it
 * quotes in code that start at one of the repository's own folders or files.
 */
function namedPaths(): string[] {
  const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'));
  const topLevel = fs.readdirSync(root).filter((name) => name !== 'node_modules' && name !== '.git');
  const quoted = [...readme.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1]!)
    .filter((text) => topLevel.some((name) => text === name || text.startsWith(`${name}/`)));
  return [...new Set([...links, ...quoted].map((target) => target.split('#')[0]!).filter(Boolean))];
}

describe('README.md', () => {
  it('points only to files the repository holds', () => {
    const named = namedPaths();
    expect(named).toContain('docs/ARCHITECTURE.md');
    expect(named.filter((target) => !fs.existsSync(path.join(root, target)))).toEqual([]);
  });

  it('names only the npm scripts package.json defines', () => {
    const scripts = Object.keys(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts);
    const named = [...readme.matchAll(/npm run ([a-z:-]+)/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((script) => !scripts.includes(script))).toEqual([]);
  });

  it('names only ADRs that docs/adr holds', () => {
    const adrs = fs.readdirSync(path.join(root, 'docs/adr')).map((name) => name.slice(0, 4));
    const named = [...readme.matchAll(/ADR (\d{4})/g)].map((m) => m[1]!);
    expect(named.filter((number) => !adrs.includes(number))).toEqual([]);
  });
});
