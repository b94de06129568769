import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';

/**
 * `npm start` as a newcomer runs it (`node scripts/start.js`: the compiled bundle, ADR 0038): the
 * real entry point in its own process, with none of the settings of the shell that runs the tests
 * (no DATABASE_URL, no mode), on a free port.
 */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['scripts/start.js'], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // However long the machine takes (the test's own timeout is generous): the first match of `pattern`
  // in what the process prints, or its exit.
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const look = () => {
        const match = pattern.exec(output);
        if (match) resolve(match);
      };
      child.stdout.on('data', look);
      child.stderr.on('data', look);
      look();
      void exited.then(() => {
        look();
        reject(new Error(`the portal did not print ${pattern}:\n${output}`));
      });
    });
  const origin = async () => (await printed(/Parvis is running .*?: (http:\/\/127\.0\.0\.1:\d+)\//))[1]!;
  return { child, exited, origin, printed, output: () => output };
}

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
});

describe('starting the portal', () => {
  it('stops at once with a clear message on a wrong setting', async () => {
    const run = start({ PORT: 'abc' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('PORT="abc": must be a whole number');
    // A process start, however busy the machine: no tight timeout.
  }, 120_000);

  it('starts the demo on an empty data folder, keeps the data across restarts, and refuses production on it', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parvis-boot-'));
    dirs.push(dataDir);

    const first = start({ DATA_DIR: dataDir });
    const origin = await first.origin();
    // The banner may reach the pipe in several pieces: its last line.
    await first.printed(/Demo mail box/);
    expect(first.output()).toContain(`${origin}/chanteloup-les-vignes`);
    // The demo logins are printed for newcomers (PRODUCT.md "Demo commune").
    expect(first.output()).toContain('aurelie.dupont');
    expect(first.output()).toContain('K7QZ-3M9D-XR2F-8WHT');
    const home = await fetch(`${origin}/chanteloup-les-vignes`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Guichet unique — Espace Victor Hugo');

    // A second process on the same folder would corrupt it: it is refused while the first runs.
    const intruder = start({ DATA_DIR: dataDir });
    expect(await intruder.exited).toBe(1);
    expect(intruder.output()).toContain('is in use by another Parvis process');

    // One JSON line per request, with its request id, for a 404 too; no query string in it.
    const missing = await fetch(`${origin}/chanteloup-les-vignes/page-inconnue?jeton=marqueur-du-jeton`);
    expect(missing.status).toBe(404);
    await first.printed(new RegExp(`"requestId":"${missing.headers.get('x-request-id')}"`));
    const line = first
      .output()
      .split('\n')
      .find((l) => l.includes(missing.headers.get('x-request-id') ?? 'none'));
    expect(line, first.output()).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({
      requestId: missing.headers.get('x-request-id'),
      status: 404,
      method: 'GET',
    });
    expect(first.output()).not.toContain('marqueur-du-jeton');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = start({ DATA_DIR: dataDir });
    const again = await second.origin();
    const directory = await (await fetch(`${again}/`)).text();
    expect(directory.match(/href="\/chanteloup-les-vignes"/g)).toHaveLength(1);
    expect(directory).toContain('href="/belrive-sur-oise"');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const production = start({ DATA_DIR: dataDir, PARVIS_MODE: 'production' });
    expect(await production.exited).toBe(1);
    expect(production.output()).toContain('This database holds the demo');
  }, 120_000);
});

const serverUrl = inject('postgresUrl');

describe.runIf(serverUrl)('starting several instances together on a new PostgreSQL database', () => {
  it('brings all four up (migrations, demo seed, pg-boss and its jobs, HTTP), seeds once, and stops them cleanly', async () => {
    const name = `parvis_start_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const instances = Array.from({ length: 4 }, () => start({ DATABASE_URL: url.toString() }));
    try {
      const origins = await Promise.all(instances.map((instance) => instance.origin()));
      for (const origin of origins) {
        expect((await fetch(`${origin}/healthz`)).status).toBe(200);
        expect((await fetch(`${origin}/chanteloup-les-vignes`)).status).toBe(200);
      }
      const database = new pg.Client({ connectionString: url.toString() });
      await database.connect();
      try {
        expect((await database.query('select count(*)::int as n from communes')).rows[0].n).toBe(2);
        // One housekeeping run waits for the whole deployment, whatever the number of instances.
        const waiting = await database.query(
          `select count(*)::int as n from pgboss.job where name = 'accounts-housekeeping' and state = 'created'`,
        );
        expect(waiting.rows[0].n).toBe(1);
      } finally {
        await database.end();
      }
      for (const instance of instances) instance.child.kill('SIGTERM');
      expect(await Promise.all(instances.map((instance) => instance.exited))).toEqual([0, 0, 0, 0]);
    } finally {
      for (const instance of instances) instance.child.kill('SIGKILL');
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, 300_000);
});
