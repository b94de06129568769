import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../src/platform/db/database.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string;
  }
}

/**
 * Once per run: a migrated PGlite data folder saved as a tarball (each test file loads it in
 * about half a second instead of creating a database in several), and the PostgreSQL test database
 * migrated when TEST_DATABASE_URL is set.
 */
export default async function setup(project: TestProject) {
  // The second run of the pure tests, in another time zone, needs no database.
  if (process.env.PARVIS_PURE_TESTS_ONLY) {
    project.provide('pgliteTemplate', '');
    project.provide('postgresUrl', '');
    return;
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parvis-test-'));
  const template = path.join(dir, 'template.tar.gz');
  const pglite = await openPglite();
  await pglite.migrate();
  const dump = await pglite.dump();
  await fs.writeFile(template, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  project.provide('pgliteTemplate', template);

  const url = process.env.TEST_DATABASE_URL ?? '';
  if (url) {
    const postgres = await openPostgres(url, { max: 1 });
    await postgres.migrate();
    await postgres.close();
  }
  project.provide('postgresUrl', url);

  return async () => {
    await fs.rm(dir, { recursive: true, force: true });
  };
}
