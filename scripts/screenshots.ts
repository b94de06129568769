/**
 * `npm run screenshots`: the README's pictures of the main pages, taken again from the code as it is.
 * It starts the demo as `npm start` does (embedded database, demo mode, on a free loopback port, with
 * the clock of the browser tests so that the pictures show the same days on every run), logs in as
 * the demo family and the demo agent, and writes PNG files to docs/screenshots/.
 * Needs Chromium at /usr/bin/chromium (Debian: apt-get install chromium), as the browser tests do.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Browser, type Page, chromium } from '@playwright/test';
import { E2E_NOW } from '../e2e/support/e2eClock.js';
import { demoLogins } from '../src/demo/demoPeople.js';
import { totpCode } from '../src/modules/accounts/domain/totp.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = path.resolve('docs/screenshots');
const COMMUNE = '/chanteloup-les-vignes';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHealth(base: string, exited: () => boolean): Promise<void> {
  for (let i = 0; i < 240; i += 1) {
    if (exited()) throw new Error('The demo stopped before it answered: see its output above.');
    const ok = await fetch(`${base}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`The demo did not answer at ${base}/healthz in two minutes.`);
}

async function shoot(page: Page, name: string, url?: string): Promise<void> {
  if (url) await page.goto(url);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`  docs/screenshots/${name}.png`);
}

async function familyPages(browser: Browser, base: string): Promise<void> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', baseURL: base });
  const page = await context.newPage();
  await shoot(page, 'accueil', COMMUNE);
  await page.goto(`${COMMUNE}/connexion`);
  await page
    .getByLabel('Identifiant ou adresse e-mail (obligatoire)', { exact: true })
    .fill(demoLogins.citizen.username);
  await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill(demoLogins.citizen.password);
  await page.getByRole('main').getByRole('button', { name: 'Connexion', exact: true }).click();
  await page.waitForURL(`**${COMMUNE}/mon-accueil`);
  await shoot(page, 'mon-accueil');
  await shoot(page, 'mon-tableau-de-bord', `${COMMUNE}/mon-tableau-de-bord`);
  await shoot(page, 'ma-famille', `${COMMUNE}/ma-famille`);
  await shoot(page, 'mon-espace', `${COMMUNE}/mon-espace`);
  await page.goto(`${COMMUNE}/ma-famille/reservations`);
  await page
    .getByRole('main')
    .getByRole('link', { name: /^Réservations de / })
    .first()
    .click();
  await shoot(page, 'reservations-mois');
  const month = page.url();

  await page.setViewportSize(PHONE);
  await shoot(page, 'telephone-reservations', month);
  await page.goto(`${COMMUNE}/ma-famille`);
  await page.getByRole('navigation', { name: 'Menu principal' }).locator('summary').click();
  await shoot(page, 'telephone-menu');
  await context.close();
}

async function deskPages(browser: Browser, base: string): Promise<void> {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'fr-FR', baseURL: base });
  const page = await context.newPage();
  const { agent } = demoLogins;
  await page.goto(`${COMMUNE}/guichet/connexion`);
  await page.getByLabel('Adresse e-mail (obligatoire)', { exact: true }).fill(agent.email);
  await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill(agent.password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.waitForURL(`**${COMMUNE}/guichet/double-authentification`);
  // The codes follow the wall clock, whatever the demo's calendar says.
  await page
    .getByLabel('Code à 6 chiffres (obligatoire)', { exact: true })
    .fill(totpCode(agent.totpSecret, new Date()));
  await page.getByRole('button', { name: 'Valider', exact: true }).click();
  await page.waitForURL(`**${COMMUNE}/guichet`);
  await shoot(page, 'guichet-accueil');
  await context.close();
}

async function main(): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'parvis-screenshots-'));
  const app = spawn(process.execPath, ['scripts/start.js'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      PARVIS_MODE: 'demo',
      PARVIS_NOW: E2E_NOW,
      LOG_LEVEL: 'warn',
    },
  });
  let exited = false;
  app.once('exit', () => (exited = true));
  let browser: Browser | null = null;
  try {
    await waitForHealth(base, () => exited);
    mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    console.log(`Screenshots of the demo at ${base}:`);
    await familyPages(browser, base);
    await deskPages(browser, base);
    await shoot(
      await browser.newPage({ viewport: DESKTOP, locale: 'fr-FR' }),
      'composants',
      `${base}${COMMUNE}/demo/composants`,
    );
  } finally {
    await browser?.close();
    app.kill('SIGTERM');
    await new Promise((resolve) => (exited ? resolve(null) : app.once('exit', resolve)));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
