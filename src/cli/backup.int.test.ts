import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, expect, inject, it } from 'vitest';
import { createAgent } from '../../test/agentFactories.js';
import { bookDay } from '../../test/bookingFactories.js';
import { signedUpCitizen } from '../../test/citizenFactories.js';
import { createCommune } from '../../test/factories.js';
import { linkedParent } from '../../test/familyFactories.js';
import { addressRequest, newMemberRequest } from '../../test/requestFactories.js';
import { enrol, setUpServices } from '../../test/serviceFactories.js';
import { buildTestApp } from '../../test/testApp.js';
import { agentAuthor } from '../modules/accounts/agentsPolicy.js';
import { type Database, openPglite } from '../platform/db/database.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The command as an operator runs it: a process of its own, configured by DATA_DIR only. */
function run(script: 'backup' | 'restore', args: string[], dataDir: string): Promise<Run> {
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', `src/cli/${script}.ts`, ...args],
      { cwd: root, env: { ...inherited, LOG_LEVEL: 'silent', DATA_DIR: dataDir }, timeout: 240_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Every row of every table (the portal's, the migrations' journal, the job queue's), as text, sorted. */
async function everything(database: Database): Promise<Record<string, string[]>> {
  const rowsOf = async <T>(query: ReturnType<typeof sql>) =>
    ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;
  const tables = await rowsOf<{ name: string }>(
    sql`select format('%I.%I', table_schema, table_name) as name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema') order by 1`,
  );
  const contents: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await rowsOf<{ row: string }>(sql.raw(`select to_jsonb(t)::text as row from ${name} t order by 1`));
    contents[name] = rows.map((r) => r.row);
  }
  return contents;
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

// Each command is a process opening a PGlite folder: seconds each, many on a busy machine.
it(
  'backs up a commune, and after its data folder is destroyed restores every family, booking, request and mail',
  { timeout: 600_000 },
  async () => {
    const work = await fs.mkdtemp(path.join(os.tmpdir(), 'parvis-backup-'));
    dirs.push(work);
    const dataDir = path.join(work, 'data');
    const template = await fs.readFile(inject('pgliteTemplate'));
    let database = await openPglite({ dataDir, loadDataDir: new Blob([template]) });

    // A commune with its life: families, their children enrolled and booked, requests filed and decided, mails.
    const t = await buildTestApp(database);
    const commune = await createCommune(t.container.communes);
    const { schoolYear, services } = await setUpServices(t.container, commune);
    const { agent } = await createAgent(t.container, commune);
    const parents = [await linkedParent(t, commune), await linkedParent(t, commune)];
    for (const [index, parent] of parents.entries()) {
      const child = { familyId: parent.family.id, memberId: parent.child.id };
      await enrol(t.container, commune, { ...child, serviceId: services.restauration.id, schoolYearId: schoolYear.id });
      for (const day of ['2026-11-16', '2026-11-17', '2026-11-19'])
        await bookDay(t.container, commune, child, { serviceId: services.restauration.id, day });
      const address = await addressRequest(t, commune, parent, `${index + 3} rue des Glycines`);
      await newMemberRequest(t, commune, parent);
      expect((await t.container.requests.decide(commune, address, agentAuthor(agent), 'accepter', '', 0)).ok).toBe(
        true,
      );
    }
    await signedUpCitizen(t, commune);
    await t.close();

    const before = await everything(database);
    for (const table of ['public.families', 'public.bookings', 'public.requests', 'public.mailbox']) {
      expect(before[table]?.length, table).toBeGreaterThan(0);
    }
    expect(before['public.bookings']).toHaveLength(6);

    // While a process has the folder open (here, this one), the backup is refused with what to do.
    const whileOpen = await run('backup', [work], dataDir);
    expect(whileOpen.code).toBe(1);
    expect(whileOpen.stderr).toContain('stop the portal first');
    await database.close();

    const backup = await run('backup', [work], dataDir);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const file = /written to (\S+\.tar\.gz)/.exec(backup.stdout)?.[1];
    expect(file, backup.stdout).toBeDefined();
    expect(backup.stdout).toContain('bookings 6');

    await fs.rm(dataDir, { recursive: true, force: true });
    const restored = await run('restore', [file!], dataDir);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    database = await openPglite({ dataDir });
    try {
      expect(await everything(database)).toEqual(before);
    } finally {
      await database.close();
    }

    // A folder that holds a database is not replaced unless asked, and then kept aside, whole.
    const refused = await run('restore', [file!], dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is not empty');
    expect(refused.stderr).toContain('--force');
    const forced = await run('restore', [file!, '--force'], dataDir);
    expect(forced.stderr).toBe('');
    expect(forced.code).toBe(0);
    const aside = /kept in (\S+):/.exec(forced.stdout)?.[1];
    expect(aside, forced.stdout).toBeDefined();
    expect(await fs.readdir(aside!)).toContain('PG_VERSION');
    database = await openPglite({ dataDir });
    try {
      expect(await everything(database)).toEqual(before);
    } finally {
      await database.close();
    }

    // Not a backup: refused, and the folder is left as it was.
    const notBackup = await run('restore', [path.join(dataDir, 'PG_VERSION'), '--force'], dataDir);
    expect(notBackup.code).toBe(1);
    expect(notBackup.stderr).toContain('is not a Parvis backup');
    expect(await fs.readdir(dataDir)).toContain('PG_VERSION');
  },
);
