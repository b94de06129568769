import { expect, test, type Page } from '@playwright/test';
import { demoLogins } from '../src/demo/demoPeople.js';
import { expectNoA11yViolations, expectNoHorizontalScroll } from './support/axe.js';
import { heading } from './support/familyJourneys.js';
import { COMMUNE, DESK, deskPage } from './support/journeys.js';
import { KeyboardUser } from './support/keyboard.js';

const FAMILY = 'F-2026-0001';

async function expectPage(page: Page, h1: string | RegExp): Promise<void> {
  await expect(heading(page)).toHaveText(h1);
  await expectNoHorizontalScroll(page);
  await expectNoA11yViolations(page);
}

/**
 * The demo's Dupont family has one child, Rémi, born in 2018: no child under 6 on 1 January 2026 or
 * 2025. The attestation page says so, at 320 px, reached with the keyboard alone, on both doors.
 */
test.describe('« Attestation fiscale » at 320 px, with the keyboard alone', () => {
  test.use({ viewport: { width: 320, height: 800 } });

  test('the family reaches it from « Mes factures » and reads why there is none; the desk sees the same', async ({
    page,
    browser,
  }) => {
    test.slow();
    const keys = new KeyboardUser(page);
    const { citizen } = demoLogins;
    await page.goto(`${COMMUNE}/connexion`);
    await keys.typeInto(
      page.getByLabel('Identifiant ou adresse e-mail (obligatoire)', { exact: true }),
      citizen.username,
    );
    await keys.tabTo(page.getByLabel('Mot de passe (obligatoire)', { exact: true }));
    await page.keyboard.type(citizen.password);
    await page.keyboard.press('Enter');
    await expect(heading(page)).toHaveText(/^Bonjour /);

    await page.goto(`${COMMUNE}/ma-famille/factures`);
    await expectPage(page, 'Mes factures');
    await keys.tabTo(page.getByRole('link', { name: 'Attestation fiscale', exact: true }));
    await page.keyboard.press('Enter');
    await expectPage(page, 'Attestation fiscale');
    const main = page.getByRole('main');
    await expect(main).toContainText(
      'Pas d’attestation pour 2026 : aucun enfant de votre famille n’avait moins de 6 ans au 1er janvier 2026.',
    );
    await expect(main).toContainText('Pas d’attestation pour 2025');
    await keys.tabTo(page.getByRole('link', { name: 'Retour à mes factures', exact: true }));
    await page.keyboard.press('Enter');
    await expect(heading(page)).toHaveText('Mes factures');
    keys.expectFocusAlwaysVisible();

    const { desk, deskContext } = await deskPage(browser);
    try {
      await desk.setViewportSize({ width: 320, height: 800 });
      const agentKeys = new KeyboardUser(desk);
      await desk.goto(`${DESK}/familles?nom=Dupont`);
      await expect(heading(desk)).toHaveText('Familles');
      await agentKeys.tabTo(desk.getByRole('link', { name: FAMILY, exact: true }));
      await desk.keyboard.press('Enter');
      await expect(heading(desk)).toHaveText(`Dossier famille ${FAMILY}`);
      await agentKeys.tabTo(desk.getByRole('link', { name: 'Voir les factures et enregistrer un paiement' }));
      await desk.keyboard.press('Enter');
      await expect(heading(desk)).toHaveText(/^Factures et paiements : /);
      await agentKeys.tabTo(desk.getByRole('link', { name: 'Attestations fiscales de la famille', exact: true }));
      await desk.keyboard.press('Enter');
      await expectPage(desk, /^Attestations fiscales : /);
      await expect(desk.getByRole('main')).toContainText(
        'aucun enfant de la famille n’avait moins de 6 ans au 1er janvier 2026',
      );
      agentKeys.expectFocusAlwaysVisible();
    } finally {
      await deskContext.close();
    }
  });
});
