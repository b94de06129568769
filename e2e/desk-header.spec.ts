import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations, expectNoHorizontalScroll } from './support/axe.js';
import { heading, mainNav } from './support/familyJourneys.js';
import { DESK, deskPage } from './support/journeys.js';
import { menuToggle, openMenu } from './support/menu.js';

/*
 * The guichet's header: its many links on one row of their own on a computer, folded under « Menu »
 * on a phone; the link of the page's section marked as current; and a breadcrumb on the pages under a
 * family's file.
 */
const FAMILY = 'F-2026-0001';

/** The distinct rows the header's links sit on. */
const linkRows = async (page: Page) => {
  // Measured with the page's own fonts, not the fallback ones.
  await page.evaluate(() => document.fonts.ready);
  return mainNav(page)
    .getByRole('link')
    .evaluateAll((links) => new Set(links.map((link) => Math.round(link.getBoundingClientRect().top))).size);
};

test('at 1280 px the desk’s links hold on one row and the section of the page is marked', async ({ browser }) => {
  const { desk, deskContext } = await deskPage(browser);
  try {
    await desk.setViewportSize({ width: 1280, height: 900 });
    await desk.goto(DESK);
    await expect(heading(desk)).toHaveText('Accueil du guichet');
    await expect(menuToggle(desk)).toBeHidden();
    expect(await linkRows(desk)).toBe(1);
    await expect(mainNav(desk).locator('[aria-current="page"]')).toHaveText('Accueil du guichet');

    await mainNav(desk).getByRole('link', { name: 'Familles', exact: true }).click();
    await expect(heading(desk)).toHaveText('Familles');
    await expect(mainNav(desk).locator('[aria-current]')).toHaveText('Familles');
    await desk.goto(`${DESK}/familles?nom=Dupont`);
    await desk.getByRole('link', { name: FAMILY, exact: true }).click();
    await expect(heading(desk)).toHaveText(`Dossier famille ${FAMILY}`);
    // A page inside the section: « Familles » is current (true), not the page itself.
    await expect(mainNav(desk).locator('[aria-current="true"]')).toHaveText('Familles');
    expect(await linkRows(desk)).toBe(1);

    // Under the file, a breadcrumb leads back up.
    await desk.getByRole('link', { name: 'Voir les factures et enregistrer un paiement' }).click();
    await expect(heading(desk)).toHaveText(/^Factures et paiements : /);
    const crumbs = desk.getByRole('navigation', { name: "Fil d'Ariane", exact: true });
    await expect(crumbs.getByRole('link')).toHaveText(['Familles', /^Dossier famille /]);
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText('Factures et paiements');
    await expectNoA11yViolations(desk);
    await crumbs.getByRole('link', { name: /^Dossier famille / }).click();
    await expect(heading(desk)).toHaveText(`Dossier famille ${FAMILY}`);
  } finally {
    await deskContext.close();
  }
});

for (const width of [768, 320]) {
  test(`at ${width} px the desk’s header neither scrolls sideways nor hides a link`, async ({ browser }) => {
    const { desk, deskContext } = await deskPage(browser);
    try {
      await desk.setViewportSize({ width, height: 800 });
      await desk.goto(`${DESK}/familles`);
      await expect(heading(desk)).toHaveText('Familles');
      await openMenu(desk);
      await expect(mainNav(desk).getByRole('link', { name: 'Paramètres', exact: true })).toBeVisible();
      await expect(mainNav(desk).locator('[aria-current="page"]')).toHaveText('Familles');
      await expectNoHorizontalScroll(desk);
      await expectNoA11yViolations(desk);
    } finally {
      await deskContext.close();
    }
  });
}

test('under a member of the file, the health notes lead back up by the breadcrumb', async ({ browser }) => {
  const { desk, deskContext } = await deskPage(browser);
  try {
    await desk.goto(`${DESK}/familles?nom=Dupont`);
    await desk.getByRole('link', { name: FAMILY, exact: true }).click();
    await desk.getByRole('link', { name: 'DUPONT Rémi', exact: true }).click();
    await expect(heading(desk)).toHaveText('DUPONT Rémi');
    await desk.getByRole('link', { name: 'Voir les informations de santé', exact: true }).click();
    await expect(heading(desk)).toHaveText('Informations de santé — DUPONT Rémi');
    const crumbs = desk.getByRole('navigation', { name: "Fil d'Ariane", exact: true });
    await expect(crumbs.getByRole('link')).toHaveText(['Familles', `Dossier famille ${FAMILY}`, 'DUPONT Rémi']);
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText('Informations de santé');
    await expectNoA11yViolations(desk);
    await crumbs.getByRole('link', { name: 'DUPONT Rémi', exact: true }).click();
    await expect(heading(desk)).toHaveText('DUPONT Rémi');
  } finally {
    await deskContext.close();
  }
});
