import { expect, test, type Page } from '@playwright/test';
import sharp from 'sharp';
import { expectNoA11yViolations, expectNoHorizontalScroll } from './support/axe.js';
import { pdfOf } from './support/documentFiles.js';
import { documentsFamily as family } from './support/e2eFamilies.js';
import { heading, loginFamily, statusNotice } from './support/familyJourneys.js';
import { COMMUNE, DESK, deskPage } from './support/journeys.js';

const PIECES = `${COMMUNE}/mon-tableau-de-bord/pieces-justificatives`;

const photo = () =>
  sharp({ create: { width: 1200, height: 1600, channels: 3, background: { r: 240, g: 235, b: 220 } } })
    .jpeg()
    .toBuffer();

/** The page as a phone shows it: axe finds nothing, and nothing scrolls sideways. */
async function checked(page: Page, h1: string | RegExp) {
  await expect(heading(page)).toHaveText(h1);
  await expectNoHorizontalScroll(page);
  await expectNoA11yViolations(page);
}

/** A link or button reached and activated from the keyboard. */
async function press(page: Page, name: string | RegExp, role: 'link' | 'button' = 'link') {
  const target = page.getByRole(role, { name, exact: typeof name === 'string' });
  await target.focus();
  await expect(target).toBeFocused();
  await page.keyboard.press('Enter');
}

/** Chooses files in the focused file input (a phone's camera or gallery), then sends the form with the keyboard. */
async function sendFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]) {
  const input = page.getByLabel('Fichiers du document (obligatoire)');
  await input.focus();
  await expect(input).toBeFocused();
  await input.setInputFiles(files);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Envoyer le document' })).toBeFocused();
  await page.keyboard.press('Enter');
}

test.describe('Pièces justificatives on a 375 px phone, keyboard only', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('Aurélie sends her justificatif de domicile and Rémi’s vaccinations; the desk refuses one and validates the other; she replaces the refused one', async ({
    page,
    browser,
  }) => {
    test.slow();
    await loginFamily(page, family);
    await page.goto(`${COMMUNE}/mon-tableau-de-bord`);
    await press(page, 'Voir et envoyer mes pièces justificatives');
    await checked(page, 'Pièces justificatives');
    await expect(page.getByRole('main')).toContainText('Pour Rémi');

    // Her justificatif de domicile, a PDF from her computer.
    await press(page, 'Envoyer : Justificatif de domicile');
    await checked(page, 'Envoyer : Justificatif de domicile');
    // Sent empty first: the error says what to do, and nothing is sent.
    await press(page, 'Envoyer le document', 'button');
    await expect(page).toHaveTitle(/^Erreur : /);
    await expect(page.getByRole('alert')).toContainText('Choisissez au moins un fichier');
    await expectNoA11yViolations(page);
    await sendFiles(page, [{ name: 'facture-edf.pdf', mimeType: 'application/pdf', buffer: await pdfOf('Facture') }]);
    await expect(page).toHaveURL(`${PIECES}?fait=envoye`);
    await expect(statusNotice(page, 'Votre document est envoyé')).toBeVisible();
    await checked(page, 'Pièces justificatives');

    // Rémi's vaccinations: two photos taken with the phone.
    await press(page, 'Envoyer : Carnet de vaccination de Rémi');
    await checked(page, 'Envoyer : Carnet de vaccination de Rémi');
    await sendFiles(page, [
      { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: await photo() },
      { name: 'IMG_0002.jpg', mimeType: 'image/jpeg', buffer: await photo() },
    ]);
    await expect(page).toHaveURL(`${PIECES}?fait=envoye`);
    await expect(page.getByRole('main').getByText('En attente de validation')).toHaveCount(2);

    // She reads back what she sent.
    await press(page, 'Voir ce que vous avez envoyé : Carnet de vaccination');
    await checked(page, 'Carnet de vaccination de Rémi');
    await expect(page.getByRole('main')).toContainText('IMG_0001.jpg');

    // The desk: the queue, then each document in the page.
    const { desk, deskContext } = await deskPage(browser);
    await desk.goto(`${DESK}/pieces`);
    await expect(heading(desk)).toHaveText('Pièces à valider');
    await expectNoA11yViolations(desk);
    const row = (name: string) => desk.getByRole('row').filter({ hasText: name }).filter({ hasText: family.reference });
    await row('Carnet de vaccination').getByRole('link', { name: 'Carnet de vaccination' }).click();
    await expect(heading(desk)).toHaveText(/^Carnet de vaccination — PERRIN Rémi/);
    await expect(desk.getByRole('img', { name: /IMG_0001\.jpg/ })).toBeVisible();
    await expectNoA11yViolations(desk);
    await desk.getByLabel('Motif du refus (obligatoire)').fill('Les pages des vaccins obligatoires manquent.');
    await desk.getByRole('button', { name: 'Refuser la pièce' }).click();
    await expect(statusNotice(desk, 'La pièce est refusée')).toBeVisible();

    await row('Justificatif de domicile').getByRole('link', { name: 'Justificatif de domicile' }).click();
    await expect(desk.getByTitle(/facture-edf\.pdf/)).toBeVisible();
    await expectNoA11yViolations(desk);
    await desk.getByRole('button', { name: 'Valider la pièce' }).click();
    await expect(statusNotice(desk, 'La pièce est validée')).toBeVisible();
    await deskContext.close();

    // Back on her phone: one validated, one refused with its reason; she replaces it.
    await page.goto(PIECES);
    await checked(page, 'Pièces justificatives');
    await expect(page.getByRole('main')).toContainText('Validée jusqu’au');
    await expect(page.getByRole('main')).toContainText('Motif du refus : Les pages des vaccins obligatoires manquent.');
    await press(page, 'Remplacer : Carnet de vaccination de Rémi');
    await checked(page, 'Envoyer : Carnet de vaccination de Rémi');
    await sendFiles(page, [
      { name: 'carnet-complet.pdf', mimeType: 'application/pdf', buffer: await pdfOf('Vaccins à jour') },
    ]);
    await expect(page).toHaveURL(`${PIECES}?fait=envoye`);
    await expect(page.getByRole('main')).not.toContainText('Refusée');
    await expect(page.getByRole('main').getByText('En attente de validation')).toHaveCount(1);
  });
});
