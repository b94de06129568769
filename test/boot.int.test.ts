import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `npm start` as a newcomer runs it: the real entry point in its own process. */
function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitForHealth(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error('the portal exited during start');
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the portal did not answer');
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
  });

  it('starts the demo on an empty data folder, keeps the data across restarts, and refuses production on it', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parvis-boot-'));
    dirs.push(dataDir);
    const port = 3400 + Math.floor(Math.random() * 500);
    const env = { PORT: String(port), DATA_DIR: dataDir };

    const first = start(env);
    await waitForHealth(port, first.child);
    expect(first.output()).toContain(`http://127.0.0.1:${port}/chanteloup-les-vignes`);
    const home = await fetch(`http://127.0.0.1:${port}/chanteloup-les-vignes`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Guichet unique — Espace Victor Hugo');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = start(env);
    await waitForHealth(port, second.child);
    const directory = await (await fetch(`http://127.0.0.1:${port}/`)).text();
    expect(directory.match(/href="\/chanteloup-les-vignes"/g)).toHaveLength(1);
    expect(directory).toContain('href="/belrive-sur-oise"');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const production = start({ ...env, PARVIS_MODE: 'production' });
    expect(await production.exited).toBe(1);
    expect(production.output()).toContain('This database holds the demo');
  }, 120_000);
});
