import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCommune } from '../../test/factories.js';
import { agents } from '../modules/accounts/accountsSchema.js';
import { CommunesRepository } from '../modules/communes/communesRepository.js';
import { CommunesService } from '../modules/communes/communesService.js';
import { systemClock } from '../platform/clock.js';
import { type Database, openPglite, openPostgres } from '../platform/db/database.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The command as an operator runs it: a process of its own, configured by its environment only. */
function run(args: string[], env: Record<string, string>): Promise<Run> {
  const { DATABASE_URL: _url, DATA_DIR: _dir, PUBLIC_URL: _public, PORT: _port, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/createAgent.ts', ...args],
      { cwd: root, env: { ...inherited, LOG_LEVEL: 'silent', ...env }, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

// Each kind of database the command may be pointed at: a PGlite folder, or a PostgreSQL server.
const targets = [
  {
    name: 'pglite',
    async prepare() {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'parvis-cli-'));
      const template = await fs.readFile(inject('pgliteTemplate'));
      const database = await openPglite({ dataDir: dir, loadDataDir: new Blob([template]) });
      return {
        database,
        env: { DATA_DIR: dir } as Record<string, string>,
        cleanup: () => fs.rm(dir, { recursive: true, force: true }),
      };
    },
  },
  ...(inject('postgresUrl')
    ? [
        {
          name: 'postgres',
          async prepare() {
            const url = inject('postgresUrl');
            return {
              database: await openPostgres(url, { max: 2 }),
              env: { DATABASE_URL: url } as Record<string, string>,
              cleanup: async () => {},
            };
          },
        },
      ]
    : []),
];

describe.each(targets)('npm run agent:create on $name', ({ prepare }) => {
  let prepared: Awaited<ReturnType<typeof prepare>>;
  let slug: string;
  let communeId: string;

  beforeAll(async () => {
    prepared = await prepare();
    const commune = await createCommune(new CommunesService(new CommunesRepository(prepared.database.db), systemClock));
    slug = commune.slug;
    communeId = commune.id;
    // One process at a time in a PGlite folder: the command opens it next.
    if (prepared.env.DATA_DIR) await prepared.database.close();
  });
  afterAll(async () => {
    if (!prepared.env.DATA_DIR) await prepared.database.close();
    await prepared.cleanup();
  });

  const reopen = async (): Promise<Database> =>
    prepared.env.DATA_DIR ? openPglite({ dataDir: prepared.env.DATA_DIR }) : prepared.database;

  // Three processes, each opening the database: opening a PGlite folder alone takes seconds, many on a busy machine.
  it(
    'creates an administrator and prints the invitation link; refuses the same e-mail twice and an unknown commune',
    { timeout: 300_000 },
    async () => {
      const args = [
        '--commune',
        slug,
        '--email',
        'Premier.Admin@example.org',
        '--first-name',
        'Camille',
        '--last-name',
        'Bernard',
      ];
      const created = await run(args, { ...prepared.env, PORT: '3456' });
      expect(created.stderr).toBe('');
      expect(created.code).toBe(0);
      expect(created.stdout).toMatch(new RegExp(`http://localhost:3456/${slug}/guichet/invitation\\?jeton=[\\w-]{43}`));

      const again = await run(args, prepared.env);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('Un agent de la commune a déjà cette adresse e-mail.');

      const unknown = await run(
        ['--commune', 'nulle-part', '--email', 'a@example.org', '--first-name', 'A', '--last-name', 'B'],
        prepared.env,
      );
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('Unknown commune « nulle-part »');

      const database = await reopen();
      try {
        const rows = await database.db
          .select()
          .from(agents)
          .where(and(eq(agents.communeId, communeId)));
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({
          email: 'Premier.Admin@example.org',
          emailKey: 'premier.admin@example.org',
          role: 'administrateur',
          passwordHash: null,
        });
      } finally {
        if (prepared.env.DATA_DIR) await database.close();
      }
    },
  );
});

it('explains a wrong command line before opening any database', { timeout: 60_000 }, async () => {
  const missing = await run(['--commune', 'x', '--role', 'maire', '--email', 'pas-une-adresse'], {
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
  });
  expect(missing.code).toBe(1);
  expect(missing.stderr).toContain('--email is not an e-mail address');
  expect(missing.stderr).toContain('--first-name is missing');
  expect(missing.stderr).toContain('--role must be one of administrateur, agent, animateur');
  expect(missing.stderr).toContain('Usage: npm run agent:create -- --commune <slug>');
});
