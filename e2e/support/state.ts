import { mkdir, readFile, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { totpCode } from '../../src/modules/accounts/domain/totp.js';

/**
 * What the test workers share during one run, in the folder playwright.config.ts creates
 * (PARVIS_E2E_STATE_DIR): the demo agent's logged-in session, and the TOTP steps already used.
 */
export function stateDir(): string {
  const dir = process.env.PARVIS_E2E_STATE_DIR;
  if (!dir) throw new Error('PARVIS_E2E_STATE_DIR is not set: run the browser tests with `npx playwright test`.');
  return dir;
}

/** The storage state (cookies) of the demo agent logged in by e2e/desk.setup.ts. */
export const deskSessionFile = () => path.join(stateDir(), 'desk-session.json');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `work` while holding a lock shared by every worker (mkdir is atomic). */
async function withLock<T>(name: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(stateDir(), `${name}.lock`);
  for (let tries = 0; ; tries += 1) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A worker killed while holding the lock leaves it behind: nobody holds a lock for a minute.
      const age = Date.now() - (await stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
      if (age > 60_000) await rmdir(lock).catch(() => {});
      if (tries > 2000) throw new Error(`The lock ${lock} is still held after a long wait.`, { cause: error });
      await sleep(50);
    }
  }
  try {
    return await work();
  } finally {
    await rmdir(lock);
  }
}

const STEP_MS = 30_000;

/**
 * A TOTP code the server will accept: the app refuses a step already used (RFC 6238 §5.2) and takes
 * the current step or the next one, so the workers book steps here, one each, and a login that
 * finds both taken waits for the next step to begin.
 */
export async function nextTotpCode(secret: string): Promise<string> {
  const file = path.join(stateDir(), 'totp-steps.json');
  return withLock('totp', async () => {
    const used = JSON.parse(await readFile(file, 'utf8').catch(() => '{}')) as Record<string, number>;
    for (;;) {
      const current = Math.floor(Date.now() / STEP_MS);
      const step = Math.max(current, (used[secret] ?? 0) + 1);
      if (step <= current + 1) {
        used[secret] = step;
        await writeFile(file, JSON.stringify(used));
        return totpCode(secret, new Date(step * STEP_MS));
      }
      await sleep((current + 1) * STEP_MS - Date.now() + 100);
    }
  });
}
