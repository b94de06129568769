import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { createPayfipClient } from '../src/integrations/payfip/payfipClient.js';
import type { PayfipClient } from '../src/integrations/payfip/payfip.js';
import { startPayfipSimulator, type PayfipSimulator } from '../src/integrations/payfipSimulator/payfipSimulator.js';
import { TestClock } from '../src/platform/clock.js';
import { expectNoA11yViolations, expectNoHorizontalScroll } from './support/axe.js';
import { focusStop } from './support/keyboard.js';

/**
 * The PayFiP simulator's own pages, the stand-in the family meets between « Payer en ligne » and the
 * return to the portal: accessible at 320 px, by keyboard alone, and without JavaScript.
 */
const clock = new TestClock('2026-11-02T12:00:00+01:00');
let simulator: PayfipSimulator;
let payfip: PayfipClient;
/** Where the citizen comes back: a page of the test's own, on loopback. */
let portal: Server;
let portalOrigin: string;

test.beforeAll(async () => {
  simulator = await startPayfipSimulator({ clock });
  payfip = createPayfipClient({
    endpoint: simulator.endpoint,
    paymentPageBase: simulator.paymentPageBase,
    timeoutMs: 30_000,
  });
  portal = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><html lang="fr"><title>Retour</title><main><h1>Retour au portail</h1></main></html>');
  });
  await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve));
  portalOrigin = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
});
test.afterAll(async () => {
  await simulator.close();
  await new Promise((resolve) => portal.close(resolve));
});

async function openPayment(page: Page): Promise<string> {
  const { idOp } = await payfip.createPayment({
    numcli: '123456',
    exer: 2026,
    refdet: 'F2026000123',
    objet: 'Facture novembre 2026',
    amountCents: 4_250,
    mel: 'aurelie.dupont@example.org',
    urlnotif: `${portalOrigin}/notification`,
    urlredirect: `${portalOrigin}/retour`,
    saisie: 'T',
  });
  await page.goto(payfip.paymentPageUrl(idOp));
  return idOp;
}

test.describe('at 320 px', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('the payment page reads well, and the keyboard alone pays by card', async ({ page }) => {
    const idOp = await openPayment(page);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paiement de votre facture');
    await expect(page.getByRole('main')).toContainText('42,50');
    await expectNoA11yViolations(page);
    await expectNoHorizontalScroll(page);

    await page.keyboard.press('Tab');
    expect(await focusStop(page)).toEqual({ label: '<button> Payer par carte', problem: null });
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(`${portalOrigin}/retour`);
    expect((await payfip.paymentDetail(idOp)).resultrans).toBe('P');
  });

  test('an expired payment says so, plainly', async ({ page }) => {
    clock.set('2026-11-02T12:00:00+01:00');
    const { idOp } = await payfip.createPayment({
      numcli: '123456',
      exer: 2026,
      refdet: 'F2026000124',
      objet: 'Facture novembre 2026',
      amountCents: 4_250,
      mel: 'aurelie.dupont@example.org',
      urlnotif: `${portalOrigin}/notification`,
      urlredirect: `${portalOrigin}/retour`,
      saisie: 'T',
    });
    clock.advance(16 * 60_000);
    await page.goto(payfip.paymentPageUrl(idOp));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paiement impossible');
    await expect(page.getByRole('main')).toContainText('Le délai de 15 minutes pour payer est dépassé');
    await expectNoA11yViolations(page);
    await expectNoHorizontalScroll(page);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('abandoning is a plain form', async ({ page }) => {
    const idOp = await openPayment(page);
    await page.getByRole('button', { name: 'Abandonner', exact: true }).click();
    await expect(page).toHaveURL(`${portalOrigin}/retour`);
    expect((await payfip.paymentDetail(idOp)).resultrans).toBe('A');
  });
});
