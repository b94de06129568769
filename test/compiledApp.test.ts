import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sourcesDigest } from '../scripts/compiledApp.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

/** A checkout reduced to what the digest reads: src/, tsconfig.json and esbuild's version. */
async function checkout(): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'parvis-compiled-'));
  dirs.push(root);
  await fs.mkdir(path.join(root, 'src/modules'), { recursive: true });
  await fs.mkdir(path.join(root, 'node_modules/esbuild'), { recursive: true });
  await fs.writeFile(path.join(root, 'node_modules/esbuild/package.json'), '{"version":"0.28.2"}');
  await fs.writeFile(path.join(root, 'tsconfig.json'), '{}');
  await fs.writeFile(path.join(root, 'src/main.ts'), "import './modules/page.js';\n");
  await fs.writeFile(path.join(root, 'src/modules/page.ts'), 'export const title = "Accueil";\n');
  await fs.writeFile(path.join(root, 'src/modules/page.test.ts'), 'export {};\n');
  return root;
}

describe("npm start's compiled bundle", () => {
  it('is made again when a source changes, not when a test does', async () => {
    const root = await checkout();
    const first = await sourcesDigest(root);
    expect(await sourcesDigest(root)).toBe(first);

    await fs.writeFile(path.join(root, 'src/modules/page.test.ts'), 'export const changed = true;\n');
    expect(await sourcesDigest(root)).toBe(first);

    await fs.writeFile(path.join(root, 'src/modules/page.ts'), 'export const title = "Mon accueil";\n');
    const changed = await sourcesDigest(root);
    expect(changed).not.toBe(first);

    await fs.writeFile(path.join(root, 'src/modules/help.ts'), 'export {};\n');
    expect(await sourcesDigest(root)).not.toBe(changed);
  });

  it('is made again for another esbuild or other compiler settings', async () => {
    const root = await checkout();
    const first = await sourcesDigest(root);
    await fs.writeFile(path.join(root, 'tsconfig.json'), '{"compilerOptions":{"jsx":"react-jsx"}}');
    const settings = await sourcesDigest(root);
    expect(settings).not.toBe(first);
    await fs.writeFile(path.join(root, 'node_modules/esbuild/package.json'), '{"version":"0.28.3"}');
    expect(await sourcesDigest(root)).not.toBe(settings);
  });
});
