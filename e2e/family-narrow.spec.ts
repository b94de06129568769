import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations, expectNoHorizontalScroll } from './support/axe.js';
import { narrowFamily as family } from './support/e2eFamilies.js';
import { fact, heading, loginFamily, openFromQueue, statusNotice, summaryOf } from './support/familyJourneys.js';
import { COMMUNE, DESK, deskPage, openFamilyFile } from './support/journeys.js';

const child = family.members[0]!;
const CHILD = 'Noah MEUNIER';

/** WCAG 1.4.10: at 320 px, the page reads without sideways scrolling, and passes axe as it is laid out there. */
async function expectReflows(page: Page, h1: string | RegExp): Promise<void> {
  await expect(heading(page)).toHaveText(h1);
  await expectNoHorizontalScroll(page);
  await expectNoA11yViolations(page);
}

test.describe('320 px wide (WCAG 1.4.10)', () => {
  test.use({ viewport: { width: 320, height: 800 } });

  test('Ma famille, the member pages and their forms, Coordonnées, Entourage, the history and the data reflow', async ({
    page,
  }) => {
    test.slow();
    await loginFamily(page, family);

    await page.goto(`${COMMUNE}/ma-famille`);
    await expectReflows(page, 'Ma famille');
    await page.getByRole('link', { name: `${CHILD}, né(e) le 08/07/2019`, exact: true }).click();
    await expectReflows(page, CHILD);
    const memberPage = page.url();

    const editPages: [string, string][] = [
      ['identity', 'Identité'],
      ['school', 'École et classe'],
      ['diet', 'Régime alimentaire'],
      ['contacts', 'Personnes autorisées et contacts d’urgence'],
      ['consents', 'Autorisations'],
    ];
    for (const [group, label] of editPages) {
      await page.goto(`${memberPage}/modifier/${group}`);
      await expectReflows(page, `Modifier : ${label} — ${CHILD}`);
    }

    const pages: [string, string][] = [
      ['/ma-famille/nouveau-membre', 'Ajouter un membre du foyer'],
      ['/mon-tableau-de-bord', 'Mon tableau de bord'],
      ['/mon-tableau-de-bord/coordonnees', 'Coordonnées'],
      ['/mon-tableau-de-bord/coordonnees/modifier/address', 'Modifier : Adresse du foyer — votre foyer'],
      ['/mon-tableau-de-bord/coordonnees/modifier/contact', 'Modifier : Téléphones et e-mail — vos coordonnées'],
      ['/mon-espace/entourage', 'Mon espace'],
    ];
    for (const [path, h1] of pages) {
      await page.goto(`${COMMUNE}${path}`);
      await expectReflows(page, h1);
    }

    await page.goto(`${COMMUNE}/ma-famille/historique`);
    await expectReflows(page, 'Historique des modifications');
    await page.goto(`${COMMUNE}/ma-famille/mes-donnees`);
    await expectReflows(page, 'Mes données');
  });

  test('a change of the health notes, its request on the family’s side and in the guichet’s queue reflow', async ({
    page,
    browser,
  }) => {
    test.slow();
    await loginFamily(page, family);
    await page.goto(`${COMMUNE}/ma-famille`);
    await expectReflows(page, 'Ma famille');
    await page.getByRole('link', { name: `${CHILD}, né(e) le 08/07/2019`, exact: true }).click();
    await expectReflows(page, CHILD);
    const memberPage = page.url();

    // The form with its error, the request, its lists, the cancel step.
    await page.goto(`${memberPage}/modifier/health`);
    await expectReflows(page, `Modifier : Informations de santé — ${CHILD}`);
    const send = page.getByRole('button', { name: 'Envoyer la demande de modification', exact: true });
    await page.getByLabel('Téléphone du médecin', { exact: true }).fill('01 39');
    await send.click();
    await expect(page.getByRole('alert').filter({ hasText: 'Le formulaire contient une erreur' })).toBeVisible();
    await expectReflows(page, `Modifier : Informations de santé — ${CHILD}`);
    await page.getByLabel('Téléphone du médecin', { exact: true }).fill('01 39 74 00 15');
    await page
      .getByLabel('Allergies', { exact: true })
      .fill('Kiwi, fruits à coque et lait de vache (intolérance sévère)');
    await send.click();
    await expect(statusNotice(page, 'transmise au guichet unique')).toBeVisible();
    await expectReflows(page, CHILD);

    await statusNotice(page, 'transmise au guichet unique')
      .getByRole('link', { name: 'Suivre la demande', exact: true })
      .click();
    const summary = summaryOf('Informations de santé', child);
    await expectReflows(page, summary);
    const requestPage = page.url();
    await page.getByRole('button', { name: 'Annuler ma demande', exact: true }).click();
    await expectReflows(page, 'Annuler ma demande');
    await page.getByRole('link', { name: 'Non, revenir à la demande', exact: true }).click();
    await expect(page).toHaveURL(requestPage);
    await expect(fact(page, 'Statut')).toHaveText('Déposée');

    for (const [path, h1] of [
      ['/mon-tableau-de-bord', 'Mon tableau de bord'],
      ['/mon-tableau-de-bord/demandes', 'Dernières demandes'],
      ['/ma-famille', 'Ma famille'],
    ] as const) {
      await page.goto(`${COMMUNE}${path}`);
      await expectReflows(page, h1);
      await expect(page.getByRole('main').getByRole('link', { name: new RegExp(`^${summary}`) })).toBeVisible();
    }

    // The guichet's queue and the request, at the same width.
    const { desk, deskContext } = await deskPage(browser);
    try {
      await desk.setViewportSize({ width: 320, height: 800 });
      await openFromQueue(desk, family, summary);
      await expectNoHorizontalScroll(desk);
      await desk.getByRole('link', { name: 'Retour aux demandes', exact: true }).click();
      await expectReflows(desk, 'Demandes');
    } finally {
      await deskContext.close();
    }
  });

  test('the guichet’s side of the file: the member’s page, the audited health notes, an edit form and the settings reflow', async ({
    browser,
  }) => {
    test.slow();
    const { desk, deskContext } = await deskPage(browser);
    try {
      await desk.setViewportSize({ width: 320, height: 800 });
      await openFamilyFile(desk, family.representative.lastName, family.reference);
      await expectNoHorizontalScroll(desk);
      await desk.getByRole('link', { name: 'MEUNIER Noah', exact: true }).click();
      await expectReflows(desk, 'MEUNIER Noah');
      await desk.getByRole('link', { name: 'Voir les informations de santé', exact: true }).click();
      await expectReflows(desk, 'Informations de santé — MEUNIER Noah');
      await expect(desk.getByRole('main')).toContainText(
        'Votre consultation de cette page est enregistrée dans le journal.',
      );
      await desk.getByRole('link', { name: 'Modifier : Informations de santé', exact: true }).click();
      await expectReflows(desk, 'Modifier : Informations de santé — MEUNIER Noah');
      await desk.goto(`${DESK}/parametres/dossier-famille`);
      await expectReflows(desk, 'Modifications du dossier famille par les familles');
    } finally {
      await deskContext.close();
    }
  });
});
