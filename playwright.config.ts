import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests run against the system Chromium, never a downloaded one. A missing browser stops
 * the run with a message: browser tests must never be skipped silently.
 */
const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  throw new Error(
    `The browser tests need Chromium at ${CHROMIUM}. Install it with: apt-get install -y chromium ` +
      '(Debian/Ubuntu; run as root or with sudo), then run `npx playwright test` again.',
  );
}

const PORT = 3217;
const BASE_URL = `http://127.0.0.1:${PORT}`;

// The config is loaded by the runner and again by every worker: the runner creates the data folder
// once, and the workers inherit its path through the environment.
const DATA_DIR_VARIABLE = 'PARVIS_E2E_DATA_DIR';
function e2eDataDir(): string {
  const inherited = process.env[DATA_DIR_VARIABLE];
  if (inherited) return inherited;
  const created = mkdtempSync(path.join(tmpdir(), 'parvis-e2e-'));
  process.env[DATA_DIR_VARIABLE] = created;
  process.once('exit', () => rmSync(created, { recursive: true, force: true }));
  return created;
}
const dataDir = e2eDataDir();

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  workers: 2,
  reporter: 'list',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  use: {
    baseURL: BASE_URL,
    locale: 'fr-FR',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'npx tsx src/main.ts',
    url: `${BASE_URL}/healthz`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      HOST: '127.0.0.1',
      PORT: String(PORT),
      DATA_DIR: dataDir,
      PARVIS_MODE: 'demo',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
  },
});
