import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { E2E_NOW } from './e2e/support/e2eClock.js';
import { APP_PORT, MAIL_SINK_HTTP_PORT, MAIL_SINK_SMTP_PORT } from './e2e/support/ports.js';

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

const PORT = APP_PORT;
const BASE_URL = `http://127.0.0.1:${PORT}`;

// The config is loaded by the runner and again by every worker: the runner creates the folders
// once, and the workers inherit their paths through the environment.
function e2eTempDir(variable: string, prefix: string): string {
  const inherited = process.env[variable];
  if (inherited) return inherited;
  const created = mkdtempSync(path.join(tmpdir(), prefix));
  process.env[variable] = created;
  process.once('exit', () => rmSync(created, { recursive: true, force: true }));
  return created;
}
const dataDir = e2eTempDir('PARVIS_E2E_DATA_DIR', 'parvis-e2e-');
// What the tests share across workers (the agent's session, the TOTP steps used): e2e/support/state.ts.
e2eTempDir('PARVIS_E2E_STATE_DIR', 'parvis-e2e-state-');

/** The specs that walk a whole journey (sign-up, reset, guichet, keyboard, a request to its decision): tens of seconds each. */
const JOURNEYS =
  /(signup|password-reset|agent|keyboard-signup|family-address|co-representative|health-refusal|keyboard-family|reservations|keyboard-booking|reservations-narrow|reservations-no-script|reservations-phone|demarches-keyboard)\.spec\.ts$/;

const chromium = {
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
};

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
    // A failed test keeps its trace: each step's page as DOM snapshots, which the trace viewer shows
    // as the page was. Without the screencast: filming every test about doubled the time of each
    // page load and key press, and a failure still leaves a screenshot of the page it ended on.
    trace: { mode: 'retain-on-failure', screenshots: false },
    screenshot: 'only-on-failure',
  },
  projects: [
    // The demo agent logs in once; the tests that only need the guichet reuse that session (a TOTP
    // code serves once, so parallel logins of one agent would wait for each other's codes).
    { name: 'desk-session', testMatch: /desk\.setup\.ts$/, use: chromium },
    // The long journeys first, so that the short page checks fill the end of the run.
    { name: 'journeys', testMatch: JOURNEYS, dependencies: ['desk-session'], use: chromium },
    { name: 'chromium', testIgnore: JOURNEYS, dependencies: ['desk-session'], use: chromium },
  ],
  webServer: [
    {
      // A real SMTP server on loopback, and an HTTP door for the tests to read what it received.
      command: 'npx tsx e2e/support/mailSink.ts',
      url: `http://127.0.0.1:${MAIL_SINK_HTTP_PORT}/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // The demo, plus the family files of e2e/support/e2eFamilies.ts, then src/main.ts.
      command: 'npx tsx e2e/support/startApp.ts',
      url: `${BASE_URL}/healthz`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        HOST: '127.0.0.1',
        PORT: String(PORT),
        DATA_DIR: dataDir,
        PARVIS_MODE: 'demo',
        // The reservations' journeys need a known day (e2e/support/e2eClock.ts).
        PARVIS_NOW: E2E_NOW,
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        SMTP_URL: `smtp://127.0.0.1:${MAIL_SINK_SMTP_PORT}`,
        // Each family's login comes from an address of its own (householdAddress in e2e/support/journeys.ts).
        TRUST_PROXY: '1',
      },
    },
  ],
});
