import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';
import { expectNoA11yViolations, expectNoHorizontalScroll } from './support/axe.js';
import { payfipFamily as family } from './support/e2eFamilies.js';
import { heading, loginFamily, statusNotice } from './support/familyJourneys.js';
import { COMMUNE, DESK, deskPage } from './support/journeys.js';
import { KeyboardUser } from './support/keyboard.js';
import { expectCommuneMail, linkIn, waitForMail } from './support/mail.js';

/**
 * « Payer en ligne » on a phone: the family abandons once in the PayFiP simulator (the stand-in the demo
 * starts on loopback), pays by card the second time, sees its invoice « Payée » and gets the receipt; the
 * guichet sees both attempts; the family downloads the attestation fiscale the payment makes. The invoice
 * is the family's own October one (e2eFamilies.ts), which no other spec bills or pays.
 */
const PHONE = { width: 375, height: 667 };
const OCTOBER = 'octobre 2026';
const CHILD = /^Attestation fiscale 2026 de Léna Marchand \(PDF\)$/i;

/** Every page of the journey: its heading, nothing to scroll sideways on the phone, no axe violation. */
async function expectPage(page: Page, h1: string | RegExp): Promise<void> {
  await expect(heading(page)).toHaveText(h1);
  await expectNoHorizontalScroll(page);
  await expectNoA11yViolations(page);
}

/**
 * The return page says « en cours de confirmation » until PayFiP's answer is known (the notification only
 * triggers the lookup): the family reloads it with its own link until the outcome shows.
 */
async function waitForOutcome(page: Page, keys: KeyboardUser, outcome: string): Promise<void> {
  await expectPage(page, new RegExp(`^(Paiement en cours de confirmation|${outcome})$`));
  await expect(async () => {
    if ((await heading(page).textContent()) === 'Paiement en cours de confirmation') {
      await expect(statusNotice(page, 'pas encore confirmé le résultat')).toBeVisible();
      await keys.tabTo(page.getByRole('link', { name: 'Recharger la page', exact: true }));
      await page.keyboard.press('Enter');
    }
    await expect(heading(page)).toHaveText(outcome, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expectPage(page, outcome);
}

/** The invoice page's first line: its status, its month, when and by whom it was issued. */
const invoiceStatus = (page: Page) =>
  page
    .getByRole('main')
    .locator('p')
    .filter({ hasText: `${OCTOBER}, émise le` });

async function expectPdf(download: Promise<Download>, name: RegExp): Promise<void> {
  const file = await download;
  expect(file.suggestedFilename()).toMatch(name);
  expect((await readFile((await file.path())!)).subarray(0, 5).toString()).toBe('%PDF-');
}

test.describe('« Payer en ligne » on a 375 px phone, with the keyboard', () => {
  test.use({ viewport: PHONE });

  test('the family abandons, then pays its invoice by card, gets the receipt and its attestation; the guichet sees the attempts', async ({
    page,
    browser,
  }) => {
    test.slow();
    const keys = new KeyboardUser(page);
    await loginFamily(page, family);

    // « Mes factures »: the October invoice to pay, opened from the list.
    await page.goto(`${COMMUNE}/ma-famille/factures`);
    await expectPage(page, 'Mes factures');
    const october = page.getByRole('row').filter({ hasText: OCTOBER });
    await expect(october).toContainText('À payer');
    await keys.tabTo(october.getByRole('link'));
    await page.keyboard.press('Enter');
    await expectPage(page, /^Facture n° \d{4}-\d{6}$/);
    const number = (await heading(page).textContent())!.replace('Facture n° ', '');
    const invoiceUrl = page.url();
    const invoiceId = new URL(invoiceUrl).pathname.split('/').at(-1)!;
    const panel = page.getByRole('region', { name: 'Payer en ligne' });
    await expect(panel).toContainText(/Vous paierez \d+,\d{2}\s€/);
    const amount = /Vous paierez (\d+,\d{2})\s€/.exec((await panel.textContent())!)![1]!;

    // « Payer en ligne », then « Abandonner » in the simulator: nothing is paid.
    await keys.tabTo(panel.getByRole('button', { name: 'Payer en ligne', exact: true }));
    await page.keyboard.press('Enter');
    await expectPage(page, 'Paiement de votre facture');
    await expect(page.getByRole('main')).toContainText(amount);
    await keys.tabTo(page.getByRole('button', { name: 'Abandonner', exact: true }));
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${COMMUNE}/ma-famille/factures/${invoiceId}/paiement-en-ligne`);
    await waitForOutcome(page, keys, 'Paiement abandonné');
    await expect(statusNotice(page, 'rien n’a été débité')).toBeVisible();

    // Back on the invoice: still to pay, and « Payer en ligne » offered again.
    await keys.tabTo(page.getByRole('link', { name: 'Retour à la facture', exact: true }));
    await page.keyboard.press('Enter');
    await expectPage(page, `Facture n° ${number}`);
    await expect(invoiceStatus(page)).toContainText('À payer');

    // The second time, « Payer par carte »: the return page tells the outcome once PayFiP has.
    await keys.tabTo(panel.getByRole('button', { name: 'Payer en ligne', exact: true }));
    await page.keyboard.press('Enter');
    await expectPage(page, 'Paiement de votre facture');
    await keys.tabTo(page.getByRole('button', { name: 'Payer par carte', exact: true }));
    await page.keyboard.press('Enter');
    await page.waitForURL(`**${COMMUNE}/ma-famille/factures/${invoiceId}/paiement-en-ligne`);
    await waitForOutcome(page, keys, 'Payé par carte bancaire');
    await expect(statusNotice(page, `Votre paiement de ${amount} € par carte bancaire est enregistré.`)).toBeVisible();

    // The invoice is « Payée », on its page and in the list, with nothing more to pay online.
    await keys.tabTo(page.getByRole('link', { name: 'Retour à la facture', exact: true }));
    await page.keyboard.press('Enter');
    await expectPage(page, `Facture n° ${number}`);
    await expect(invoiceStatus(page)).toContainText('Payée');
    await expect(page.getByRole('button', { name: 'Payer en ligne' })).toHaveCount(0);
    await keys.tabTo(page.getByRole('link', { name: 'Retour à mes factures', exact: true }));
    await page.keyboard.press('Enter');
    await expectPage(page, 'Mes factures');
    await expect(october).toContainText('Payée');

    // The receipt mail: the amount, the invoice, and a link to the invoice's page.
    const receipt = await waitForMail(family.representative.email, `Paiement reçu pour la facture ${number}`);
    expectCommuneMail(receipt, family.representative.email);
    expect(receipt.text).toContain(`paiement en ligne de ${amount}`);
    expect(receipt.text).toContain('par carte bancaire');
    expect(new URL(linkIn(receipt)).pathname).toBe(new URL(invoiceUrl).pathname);
    expect(receipt.html).toContain('Voir la facture');

    // The attestation fiscale: Léna was under 6 on 1 January, the evenings paid are care.
    await keys.tabTo(page.getByRole('link', { name: 'Attestation fiscale', exact: true }));
    await page.keyboard.press('Enter');
    await expectPage(page, 'Attestation fiscale');
    const year = page.getByRole('region', { name: 'Année 2026' });
    await expect(year).toContainText(`${amount} € payés en 2026`);
    const download = page.waitForEvent('download');
    await keys.tabTo(year.getByRole('link', { name: CHILD }));
    await page.keyboard.press('Enter');
    await expectPdf(download, /\.pdf$/);
    keys.expectFocusAlwaysVisible();

    // The guichet, on a phone too: the invoice's two attempts with their states.
    const { desk, deskContext } = await deskPage(browser);
    try {
      await desk.setViewportSize(PHONE);
      const agentKeys = new KeyboardUser(desk);
      await desk.goto(`${DESK}/facturation/factures/${invoiceId}`);
      await expectPage(desk, `Facture ${number}`);
      const attempts = desk.getByRole('region', { name: 'Paiements en ligne' }).getByRole('row');
      await expect(attempts).toHaveCount(3);
      await expect(attempts.nth(1)).toContainText('Payé par carte bancaire (mode test)');
      await expect(attempts.nth(1)).toContainText(`${amount} €`);
      await expect(attempts.nth(2)).toContainText('Paiement abandonné');
      await agentKeys.tabTo(desk.getByRole('link', { name: 'Enregistrer un paiement PayFiP manquant', exact: true }));
      await desk.keyboard.press('Enter');
      await expectPage(desk, `Paiements en ligne de la facture ${number}`);
      await expect(desk.getByRole('table')).toContainText('Payé par carte bancaire');
      await expect(desk.getByRole('table')).toContainText('Paiement abandonné');
      agentKeys.expectFocusAlwaysVisible();
    } finally {
      await deskContext.close();
    }
  });
});
