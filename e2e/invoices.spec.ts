import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { demoLogins } from '../src/demo/demoPeople.js';
import { expectNoA11yViolations, expectNoHorizontalScroll } from './support/axe.js';
import { heading, mainNav, statusNotice } from './support/familyJourneys.js';
import { COMMUNE, DESK, deskPage } from './support/journeys.js';
import { KeyboardUser } from './support/keyboard.js';

const FAMILY = 'F-2026-0001';
const OCTOBER = 'octobre 2026';

/** Every page of the journey: its heading, no sideways scrolling at 320 px, no axe violation. */
async function expectPage(page: Page, h1: string | RegExp): Promise<void> {
  await expect(heading(page)).toHaveText(h1);
  await expectNoHorizontalScroll(page);
  await expectNoA11yViolations(page);
}

/** « 26,33 € » → « 26,33 », as the desk types it. */
const typedAmount = (text: string) =>
  /(\d[\d\s\u00a0\u202f]*,\d{2})\s*€/.exec(text)![1]!.replace(/[\s\u00a0\u202f]/g, '');

test.describe('« Mes factures » and a cheque at the guichet, at 320 px, with the keyboard alone', () => {
  test.use({ viewport: { width: 320, height: 800 } });

  test('the family reads and downloads its October invoice, the agent records a cheque, the family sees it « Payée »', async ({
    page,
    browser,
  }) => {
    test.slow();
    const keys = new KeyboardUser(page);
    const { citizen } = demoLogins;

    // The family logs in and opens « Mes factures » from its dashboard.
    await page.goto(`${COMMUNE}/connexion`);
    await expectPage(page, /Connexion/);
    await keys.typeInto(
      page.getByLabel('Identifiant ou adresse e-mail (obligatoire)', { exact: true }),
      citizen.username,
    );
    await keys.tabTo(page.getByLabel('Mot de passe (obligatoire)', { exact: true }));
    await page.keyboard.type(citizen.password);
    await page.keyboard.press('Enter');
    await expectPage(page, /^Bonjour /);
    await page.goto(`${COMMUNE}/mon-tableau-de-bord`);
    await expectPage(page, 'Mon tableau de bord');
    await keys.tabTo(page.getByRole('link', { name: 'Voir mes factures', exact: true }));
    await page.keyboard.press('Enter');
    await expectPage(page, 'Mes factures');
    await expect(page.getByRole('main')).toContainText('Quotient familial : 820 (attestation CAF), tranche 3');
    await expect(page.getByRole('row').filter({ hasText: 'septembre 2026' })).toContainText('Payée');
    const october = page.getByRole('row').filter({ hasText: OCTOBER });
    await expect(october).toContainText('À payer');
    await expect(page.getByRole('heading', { name: 'Payer au guichet unique' })).toBeVisible();

    // Its October invoice: the bases of the calculation, the payment already made, the PDF.
    await keys.tabTo(october.getByRole('link'));
    await page.keyboard.press('Enter');
    await expectPage(page, /^Facture n° /);
    const main = page.getByRole('main');
    await expect(main).toContainText('Rémi Dupont');
    await expect(main).toContainText('Restauration scolaire');
    await expect(main).toContainText('tranche 3');
    await expect(main).toContainText('Espèces, 20,00 €');
    await expect(main).toContainText('tribunal administratif de Versailles');
    const left = typedAmount((await page.getByRole('definition').nth(2).textContent())!);
    const download = page.waitForEvent('download');
    await keys.tabTo(page.getByRole('link', { name: /^Télécharger la facture \(PDF, \d+ Ko\)$/ }));
    await page.keyboard.press('Enter');
    const pdf = await download;
    expect(pdf.suggestedFilename()).toMatch(/^facture-\d{4}-\d{6}\.pdf$/);
    expect((await readFile((await pdf.path())!)).subarray(0, 5).toString()).toBe('%PDF-');

    // The agent opens the family's payments and records the cheque, at 320 px too.
    const { desk, deskContext } = await deskPage(browser);
    try {
      await desk.setViewportSize({ width: 320, height: 800 });
      const agentKeys = new KeyboardUser(desk);
      await desk.goto(`${DESK}/familles?nom=Dupont`);
      await expectPage(desk, 'Familles');
      await agentKeys.tabTo(desk.getByRole('link', { name: FAMILY, exact: true }));
      await desk.keyboard.press('Enter');
      await expectPage(desk, `Dossier famille ${FAMILY}`);
      await agentKeys.tabTo(desk.getByRole('link', { name: 'Voir les factures et enregistrer un paiement' }));
      await desk.keyboard.press('Enter');
      await expectPage(desk, /^Factures et paiements : /);
      await agentKeys.tabTo(desk.getByRole('link', { name: 'Enregistrer un paiement', exact: true }));
      await desk.keyboard.press('Enter');
      await expectPage(desk, /^Enregistrer un paiement : /);

      // A cheque without its number first: the summary says so, and nothing is recorded.
      await agentKeys.tabTo(desk.getByRole('radio', { name: 'Espèces', exact: true }));
      await agentKeys.press('ArrowDown');
      await expect(desk.getByRole('radio', { name: 'Chèque', exact: true })).toBeChecked();
      await agentKeys.typeInto(desk.getByLabel('Montant (obligatoire)', { exact: true }), left);
      await agentKeys.typeInto(desk.getByLabel('Payeur (obligatoire)', { exact: true }), 'Aurélie DUPONT');
      await desk.keyboard.press('Enter');
      await expect(desk).toHaveTitle(/^Erreur : /);
      const summary = desk.getByRole('alert').filter({ hasText: 'Le formulaire contient' });
      await expect(summary).toContainText('Saisissez le numéro du chèque.');
      await expectPage(desk, /^Enregistrer un paiement : /);
      await agentKeys.tabTo(summary.getByRole('link', { name: 'Saisissez le numéro du chèque.' }));
      await agentKeys.press('Enter');
      const number = desk.getByLabel('Numéro du chèque', { exact: true });
      await expect(number).toBeFocused();
      await desk.keyboard.type('7745120');
      await agentKeys.typeInto(desk.getByLabel('Banque', { exact: true }), 'La Banque Postale');
      await desk.keyboard.press('Enter');
      await expectPage(desk, /^Factures et paiements : /);
      await expect(statusNotice(desk, 'Le paiement est enregistré.')).toBeVisible();
      await expect(desk.getByRole('row').filter({ hasText: '7745120' })).toContainText(`${left} €`);
      // The cancel page of that payment (not sent), and the finance exports, checked the same way.
      await agentKeys.tabTo(
        desk
          .getByRole('row')
          .filter({ hasText: '7745120' })
          .getByRole('link', { name: /^Annuler/ }),
      );
      await desk.keyboard.press('Enter');
      await expectPage(desk, 'Annuler un paiement');
      await desk.goto(`${DESK}/exports-comptables`);
      await expectPage(desk, 'Exports comptables');
      agentKeys.expectFocusAlwaysVisible();
    } finally {
      await deskContext.close();
    }

    // The family sees its October invoice « Payée ».
    await page.goto(`${COMMUNE}/ma-famille/factures`);
    await expectPage(page, 'Mes factures');
    await expect(page.getByRole('row').filter({ hasText: OCTOBER })).toContainText('Payée');
    await mainNav(page).waitFor();
    keys.expectFocusAlwaysVisible();
  });
});
