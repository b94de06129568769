import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_DIR_LOCK_FILE, migrationsFolder, openPglite } from './database.js';

/**
 * A migrated, empty PGlite data folder, made once per set of migrations and PGlite version and kept
 * in node_modules/.cache/parvis: a new data folder (`npm start`) is a copy of it, made in about a
 * second, instead of PostgreSQL's initdb and every migration, which take tens of seconds on a busy
 * machine and leave the process with hundreds of megabytes of WebAssembly memory it never gives
 * back (ADR 0035). A changed migration or PGlite makes a new one.
 */
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const pgliteTemplateDir = path.join(projectRoot, 'node_modules/.cache/parvis');

export async function pgliteTemplatePath(): Promise<string> {
  return path.join(pgliteTemplateDir, `pglite-${await migrationsDigest()}`);
}

/** Copies the template into `dataDir` (new, or holding only its lock), making the template first if missing. */
export async function copyPgliteTemplate(dataDir: string): Promise<void> {
  const template = await pgliteTemplatePath();
  if (!(await fs.stat(path.join(template, 'PG_VERSION')).catch(() => null))) {
    console.log(`Making the empty database's template in ${pgliteTemplateDir} (once per version of the migrations)…`);
    await buildInChild();
  }
  await fs.cp(template, dataDir, { recursive: true, force: false, errorOnExist: true });
}

/** Made aside, then renamed into place: a process started meanwhile never copies half a folder. */
export async function buildPgliteTemplate(template: string): Promise<void> {
  const partial = `${template}.${process.pid}.partial`;
  await fs.rm(partial, { recursive: true, force: true });
  const pglite = await openPglite({ dataDir: partial });
  await pglite.migrate();
  await pglite.close();
  await fs.rm(path.join(partial, DATA_DIR_LOCK_FILE), { force: true });
  await fs.rename(partial, template).catch(async (error: NodeJS.ErrnoException) => {
    // Another process made it first: theirs serves.
    await fs.rm(partial, { recursive: true, force: true });
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
  });
  // The templates of earlier migrations serve no more.
  for (const name of await fs.readdir(pgliteTemplateDir))
    if (name.startsWith('pglite-') && !name.includes('.') && path.join(pgliteTemplateDir, name) !== template)
      await fs.rm(path.join(pgliteTemplateDir, name), { recursive: true, force: true });
}

/**
 * In a process of its own, initdb's memory ends with it; from the sources through tsx, this process's
 * loader or, from `npm start`'s compiled bundle (ADR 0038), which has none, tsx added to its flags.
 */
function buildInChild(): Promise<void> {
  const tsxLoaded = process.execArgv.some((flag) => flag.includes('tsx'));
  const child = fork(fileURLToPath(new URL('./buildPgliteTemplate.ts', import.meta.url)), {
    execArgv: tsxLoaded ? process.execArgv : [...process.execArgv, '--import', 'tsx'],
    stdio: 'inherit',
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`the database template was not made (exit ${code})`)),
    );
  });
}

/** What the migrated folder depends on: every file of the migrations folder, and PGlite's version. */
export async function migrationsDigest(): Promise<string> {
  const digest = createHash('sha256');
  digest.update(await fs.readFile(path.join(projectRoot, 'node_modules/@electric-sql/pglite/package.json')));
  const files = await fs.readdir(migrationsFolder, { recursive: true, withFileTypes: true });
  const paths = files
    .filter((file) => file.isFile())
    .map((file) => path.join(file.parentPath, file.name))
    .sort();
  for (const file of paths) digest.update(path.relative(migrationsFolder, file)).update(await fs.readFile(file));
  return digest.digest('hex').slice(0, 16);
}
