import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations, expectNoHorizontalScroll, expectTablesReflow } from './support/axe.js';
import { payfipFamily as family } from './support/e2eFamilies.js';
import { heading, loginFamily } from './support/familyJourneys.js';
import { COMMUNE } from './support/journeys.js';
import { childName } from './support/reservationJourneys.js';

/*
 * The family's tables at 320 px (issue 16, WCAG 1.4.10): the semaine type's grid, « Mes factures » and an
 * invoice's calculation, « Créer une inscription », « Dernières demandes » and « Mes données » reflow to
 * labelled blocks, with no box that scrolls sideways. It reads the pages of payfip.spec.ts's family and
 * changes nothing, whatever that spec has paid meanwhile.
 */
async function expectReflowingTables(page: Page, h1: string | RegExp): Promise<void> {
  await expect(heading(page)).toHaveText(h1);
  await expectNoHorizontalScroll(page);
  await expectTablesReflow(page);
  await expectNoA11yViolations(page);
}

test.describe('320 px wide (WCAG 1.4.10)', () => {
  test.use({ viewport: { width: 320, height: 720 } });

  test('the semaine type, « Mes factures » and an invoice reflow their tables; the agenda’s subscription step reopens', async ({
    page,
  }) => {
    const child = family.members[0]!;
    await loginFamily(page, family);

    await page.goto(`${COMMUNE}/ma-famille/reservations`);
    await page.getByRole('link', { name: `Réservations de ${childName(child)}`, exact: true }).click();
    const memberPath = new URL(page.url()).pathname.replace(/\/reservations$/, '');
    await page.getByRole('link', { name: 'Semaine type : réserver une période en une fois', exact: true }).click();
    await expectReflowingTables(page, /^Semaine type de /);
    // Each box is named by its service and its day, as on a computer.
    await expect(page.getByRole('checkbox', { name: /, le mardi : réserver$/ })).toBeVisible();

    await page.goto(`${COMMUNE}/ma-famille/factures`);
    await expectReflowingTables(page, 'Mes factures');
    const october = page.getByRole('row').filter({ hasText: 'octobre 2026' });
    // Labelled by CSS (`data-label`), each cell still sits in its row for assistive technologies.
    await expect(october.getByRole('cell')).toHaveCount(6);
    await october.getByRole('link').click();
    await expectReflowingTables(page, /^Facture n° /);
    await expect(page.getByRole('row').filter({ hasText: child.firstName }).getByRole('cell')).toHaveCount(7);

    // The agenda's subscription step opened again by its address (back, reload): the agenda, not a 404.
    const reopened = await page.goto(`${memberPath}/agenda/abonnement`);
    expect(reopened!.status()).toBe(200);
    await expectReflowingTables(page, `Agenda de ${child.firstName}`);
    await expect(page.getByRole('heading', { name: 'S’abonner au calendrier' })).toBeVisible();
  });

  test('« Créer une inscription », « Dernières demandes » and « Mes données » reflow their tables', async ({
    page,
  }) => {
    const child = family.members[0]!;
    await loginFamily(page, family);

    await page.goto(`${COMMUNE}/ma-famille/inscriptions/nouvelle`);
    await expectReflowingTables(page, 'Créer une inscription');
    // The child's evening inscription: one block, each of its cells still in its row.
    const inscription = page
      .getByRole('table', { name: 'Les inscriptions de vos enfants' })
      .getByRole('row')
      .filter({ hasText: child.firstName });
    await expect(inscription.getByRole('cell')).toHaveCount(3);

    await page.goto(`${COMMUNE}/mon-tableau-de-bord/demandes`);
    await expectReflowingTables(page, 'Dernières demandes');

    await page.goto(`${COMMUNE}/ma-famille/mes-donnees`);
    await expectReflowingTables(page, /^Mes données/);
    await expect(page.locator('main table.reflow').first()).toBeVisible();
  });
});
