import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations, expectNoHorizontalScroll } from './support/axe.js';
import { DESK } from './support/journeys.js';
import { KeyboardUser } from './support/keyboard.js';
import { deskSessionFile } from './support/state.js';
import { openMenuByKeyboard } from './support/menu.js';

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu principal' });
/** The demo's second family, whose QF the guichet enters. */
const MARTIN = 'F-2026-0002';

/** Every page of the journey: no axe violation, no sideways scroll at 320 px. */
async function checked(page: Page): Promise<void> {
  await expectNoA11yViolations(page);
  await expectNoHorizontalScroll(page);
}

test('keyboard alone at 320 px: the administrator sets the brackets and a grid, then enters a QF, runs, reviews and issues November', async ({
  browser,
}) => {
  test.slow();
  const context = await browser.newContext({ storageState: deskSessionFile(), viewport: { width: 320, height: 640 } });
  const page = await context.newPage();
  const keys = new KeyboardUser(page);

  // « Paramètres » → « Tarifs ».
  await page.goto(DESK);
  await checked(page);
  await openMenuByKeyboard(keys, page);
  await keys.tabTo(menu(page).getByRole('link', { name: 'Paramètres', exact: true }));
  await page.keyboard.press('Enter');
  await page.waitForURL(`**${DESK}/parametres/services`);
  await keys.check();
  await keys.tabTo(page.getByRole('link', { name: 'Tarifs', exact: true }));
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Tarifs');
  await checked(page);

  // The demo's six brackets, the first lowered to 400 € (grids exist for six: their number stays).
  await keys.typeInto(
    page.getByLabel('Plafonds des tranches, en euros (obligatoire)', { exact: true }),
    '400 ; 700 ; 950 ; 1250 ; 1600',
  );
  await page.keyboard.press('Enter');
  await expect(page.locator('.notice:not([hidden])').first()).toContainText(
    'Les tranches de quotient familial sont enregistrées.',
  );
  await checked(page);

  // A grid for the first service, with a price typed wrong first: the form comes back with its summary.
  const grid = page.locator('form').filter({ has: page.getByRole('button', { name: 'Enregistrer la grille' }) });
  await keys.tabTo(grid.getByRole('radio').first());
  await keys.press('Space');
  await keys.typeInto(grid.getByLabel('Premier jour d’application (obligatoire)', { exact: true }), '01/09/2026');
  const prices = grid.getByLabel('Prix, en euros (obligatoire)', { exact: true });
  for (const [index, price] of ['-1', '2,00', '3,00', '4,00', '5,00', '6,00'].entries())
    await keys.typeInto(prices.nth(index), price);
  await keys.tabTo(grid.getByRole('button', { name: 'Enregistrer la grille', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveTitle(/^Erreur : /);
  await expect(page.getByRole('alert')).toContainText('Indiquez le prix de la tranche 1 en euros');
  await checked(page);
  await keys.tabTo(page.getByRole('alert').getByRole('link').first());
  await page.keyboard.press('Enter');
  await expect(prices.first()).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('1,00');
  await keys.tabTo(grid.getByRole('button', { name: 'Enregistrer la grille', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.notice:not([hidden])').first()).toContainText('La grille est enregistrée');
  await expect(page.getByRole('main')).toContainText(
    /01\/09\/2026\s*1,00\s€\s*2,00\s€\s*3,00\s€\s*4,00\s€\s*5,00\s€\s*6,00\s€/,
  );
  await checked(page);

  // The MARTIN family's QF, from its file.
  await page.goto(`${DESK}/familles?nom=Martin`);
  await expect(heading(page)).toHaveText('Familles');
  await keys.tabTo(page.getByRole('link', { name: MARTIN, exact: true }));
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText(`Dossier famille ${MARTIN}`);
  await keys.tabTo(page.getByRole('link', { name: 'Quotient familial et tarif de la famille', exact: true }));
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText(`Quotient familial — dossier ${MARTIN}`);
  await expect(page.getByRole('main')).toContainText('la famille paie la tranche la plus haute');
  await checked(page);
  await keys.typeInto(page.getByLabel('Quotient familial, en euros (obligatoire)', { exact: true }), '650');
  await keys.tabTo(page.getByRole('radio', { name: 'Attestation CAF', exact: true }));
  await keys.press('Space');
  await keys.typeInto(page.getByLabel('Valable à partir du (obligatoire)', { exact: true }), '01/01/2026');
  await keys.typeInto(page.getByLabel('Valable jusqu’au (obligatoire)', { exact: true }), '31/12/2026');
  await page.keyboard.press('Enter');
  await expect(page.locator('.notice:not([hidden])').first()).toContainText('Le quotient familial est enregistré');
  await expect(page.getByRole('main')).toContainText(
    /QF 650 € \(Attestation CAF\), valable jusqu’au 31\/12\/2026 : Tranche 2/,
  );
  await checked(page);

  // « Facturation »: November, run, review, issue.
  await openMenuByKeyboard(keys, page);
  await keys.tabTo(menu(page).getByRole('link', { name: 'Facturation', exact: true }));
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Facturation — octobre 2026');
  await checked(page);
  await keys.tabTo(page.getByRole('link', { name: 'Mois suivant : novembre 2026', exact: true }));
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Facturation — novembre 2026');
  await keys.tabTo(page.getByRole('button', { name: 'Calculer les brouillons de novembre 2026', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.notice:not([hidden])').first()).toContainText('Calcul terminé');
  const invoices = page.getByRole('table', { name: 'Factures de novembre 2026' });
  await expect(invoices).toContainText('Brouillon');
  await checked(page);
  await keys.tabTo(page.getByRole('button', { name: 'Émettre les factures de novembre 2026', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.locator('.notice:not([hidden])').first()).toContainText(
    /émises?, du n° 2026-\d{6} au n° 2026-\d{6}/,
  );
  await expect(invoices).toContainText('Émise');
  await checked(page);

  // An issued invoice: its lines, its dates, and how to correct it.
  await keys.tabTo(invoices.getByRole('link').first());
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText(/^Facture 2026-\d{6}$/);
  await expect(page.getByRole('main')).toContainText('À payer avant le');
  await checked(page);

  keys.expectFocusAlwaysVisible();
  await context.close();
});
