import fs from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/platform/db/database.js';
import { migrationsDigest } from '../src/platform/db/pgliteTemplate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string;
  }
}

/**
 * Once per run: a migrated PGlite data folder saved as a tarball (each test file loads it in
 * about half a second instead of creating a database in several), and the PostgreSQL test database
 * migrated when TEST_DATABASE_URL is set, both at once.
 *
 * The tarball is kept between runs in node_modules/.cache, named after the migrations and PGlite's
 * version: the next run (the next test a developer runs, CI's second Node) loads the same migrated
 * folder without migrating again, and a changed migration makes a new one.
 */
export default async function setup(project: TestProject) {
  // The second run of the pure tests, in another time zone, needs no database.
  if (process.env.PARVIS_PURE_TESTS_ONLY) {
    project.provide('pgliteTemplate', '');
    project.provide('postgresUrl', '');
    return;
  }
  const url = process.env.TEST_DATABASE_URL ?? '';
  const [template] = await Promise.all([pgliteTemplate(), url ? migratePostgres(url) : undefined]);
  project.provide('pgliteTemplate', template);
  project.provide('postgresUrl', url);
}

async function migratePostgres(url: string): Promise<void> {
  const postgres = await openPostgres(url, { max: 1 });
  await postgres.migrate();
  await postgres.close();
}

const cacheDir = path.resolve(import.meta.dirname, '../node_modules/.cache/parvis-tests');

/** The migrated PGlite folder's tarball: the one kept for these migrations, or a new one. */
async function pgliteTemplate(): Promise<string> {
  const template = path.join(cacheDir, `pglite-${await migrationsDigest()}.tar.gz`);
  if (await fs.stat(template).catch(() => null)) return template;
  const pglite = await openPglite();
  await pglite.migrate();
  const dump = Buffer.from(await (await pglite.dump()).arrayBuffer());
  await pglite.close();
  await fs.mkdir(cacheDir, { recursive: true });
  // Written aside then renamed: a run started meanwhile never loads half a file.
  const partial = `${template}.${process.pid}.partial`;
  await fs.writeFile(partial, dump);
  await fs.rename(partial, template);
  // The tarballs of earlier migrations serve no more.
  for (const name of await fs.readdir(cacheDir))
    if (name.startsWith('pglite-') && name.endsWith('.tar.gz') && path.join(cacheDir, name) !== template)
      await fs.rm(path.join(cacheDir, name), { force: true });
  return template;
}
