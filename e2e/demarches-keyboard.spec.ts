import { type Locator, type Page, expect, test } from '@playwright/test';
import { demoLogins } from '../src/demo/demoPeople.js';
import { DUPONT_REFERENCE } from '../src/demo/seedDemoServices.js';
import { fact, mainNav, statusNotice } from './support/familyJourneys.js';
import { COMMUNE, DESK, deskPage, uniqueSuffix } from './support/journeys.js';
import { KeyboardUser } from './support/keyboard.js';
import { expectReflows } from './support/reservationJourneys.js';
import { pdfOf } from '../test/documentFiles.js';
import { openMenuByKeyboard } from './support/menu.js';

/*
 * « Autres démarches » on a 375 px phone, with the keyboard alone: the demo's administrator creates a
 * démarche, gives it a question and publishes it; Aurélie DUPONT sends « Changement de situation
 * familiale » (one of the demo's three), first with a required answer left empty, then with the
 * jugement attached; the guichet finds her request in its queue, reads her answers and opens the
 * file. She then sends the new démarche, whose piece is a child's: her only child comes ticked, and
 * the guichet reads which child the piece is for. Every page goes through axe.
 */
const CHANGE = 'Changement de situation familiale';

/** Tabs to a link or button and presses Enter, waiting for the page it leads to. */
async function follow(keys: KeyboardUser, page: Page, target: Locator, h1: string | RegExp, max = 60) {
  await keys.tabTo(target, { max });
  await page.keyboard.press('Enter');
  await expectReflows(page, h1);
}

test.describe('375 px wide, keyboard only', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('an administrator publishes a démarche; Aurélie sends « Changement de situation familiale »; the agent reads it in the queue', async ({
    page,
    browser,
  }) => {
    // Two démarches sent and read, on a 375 px screen, one key at a time: twice a journey's time.
    test.setTimeout(240_000);
    const title = `Inscription à la chorale ${uniqueSuffix()}`;

    // The administrator: Paramètres → Autres démarches → a new démarche, its question, its publication.
    const { desk, deskContext } = await deskPage(browser);
    await desk.setViewportSize({ width: 375, height: 740 });
    const admin = new KeyboardUser(desk);
    await desk.goto(DESK);
    await expectReflows(desk, 'Accueil du guichet');
    await openMenuByKeyboard(admin, desk);
    await follow(admin, desk, mainNav(desk).getByRole('link', { name: 'Paramètres', exact: true }), 'Services');
    await follow(
      admin,
      desk,
      desk
        .getByRole('navigation', { name: 'Paramètres de la commune' })
        .getByRole('link', { name: 'Autres démarches' }),
      'Autres démarches',
    );
    await expect(desk.getByRole('main')).toContainText(CHANGE);
    await admin.typeInto(desk.getByLabel('Titre (obligatoire)', { exact: true }), title);
    await admin.typeInto(desk.getByLabel('Description', { exact: true }), 'Le mercredi à 17 h, à l’école de musique.');
    await admin.tabTo(desk.getByRole('button', { name: 'Créer la démarche', exact: true }));
    await desk.keyboard.press('Enter');
    await expectReflows(desk, `Démarche « ${title} »`);
    await expect(statusNotice(desk, 'La démarche est créée.')).toBeVisible();

    // Publishing with no question is refused, and says why.
    await admin.tabTo(desk.getByRole('button', { name: 'Publier la démarche', exact: true }));
    await desk.keyboard.press('Enter');
    await expect(desk).toHaveTitle(/^Erreur : /);
    await expect(desk.getByRole('alert')).toContainText('Ajoutez au moins une question avant de publier la démarche.');
    await expectReflows(desk, `Démarche « ${title} »`);

    await admin.typeInto(desk.getByLabel('Intitulé de la question (obligatoire)', { exact: true }), 'Voix');
    const choice = desk.getByRole('radio', { name: 'Choix dans une liste', exact: true });
    await admin.tabTo(desk.getByRole('radio', { name: 'Texte court (une ligne)', exact: true }));
    for (let step = 0; step < 10 && !(await choice.isChecked()); step += 1) await admin.press('ArrowDown');
    await expect(choice).toBeChecked();
    await admin.tabTo(desk.getByLabel('Choix proposés', { exact: true }));
    await desk.keyboard.type('Soprano');
    await desk.keyboard.press('Enter');
    await desk.keyboard.type('Alto');
    await admin.tabTo(desk.getByRole('button', { name: 'Ajouter la question', exact: true }));
    await desk.keyboard.press('Enter');
    await expectReflows(desk, `Démarche « ${title} »`);
    await expect(statusNotice(desk, 'La question est ajoutée.')).toBeVisible();
    await expect(desk.getByRole('main')).toContainText('Choix dans une liste — obligatoire — choix : Soprano, Alto');
    // A second question asks a child's piece: the list of pieces says which are a child's.
    await admin.typeInto(
      desk.getByLabel('Intitulé de la question (obligatoire)', { exact: true }),
      'Carnet de vaccination',
    );
    const piece = desk.getByRole('radio', { name: 'Une pièce justificative', exact: true });
    await admin.tabTo(desk.getByRole('radio', { name: 'Texte court (une ligne)', exact: true }));
    for (let step = 0; step < 10 && !(await piece.isChecked()); step += 1) await admin.press('ArrowDown');
    await expect(piece).toBeChecked();
    const vaccinations = desk.getByRole('radio', { name: 'Carnet de vaccination (pour un enfant)', exact: true });
    await admin.tabTo(
      desk
        .getByRole('group', { name: /^Pièce justificative demandée/ })
        .getByRole('radio')
        .first(),
    );
    for (let step = 0; step < 20 && !(await vaccinations.isChecked()); step += 1) await admin.press('ArrowDown');
    await expect(vaccinations).toBeChecked();
    await admin.tabTo(desk.getByRole('button', { name: 'Ajouter la question', exact: true }));
    await desk.keyboard.press('Enter');
    await expectReflows(desk, `Démarche « ${title} »`);
    await expect(statusNotice(desk, 'La question est ajoutée.')).toBeVisible();
    await admin.tabTo(desk.getByRole('button', { name: 'Publier la démarche', exact: true }), { max: 80 });
    await desk.keyboard.press('Enter');
    await expectReflows(desk, `Démarche « ${title} »`);
    await expect(statusNotice(desk, 'La démarche est publiée')).toBeVisible();

    // Aurélie: Ma famille → Autres démarches → « Changement de situation familiale ».
    const keys = new KeyboardUser(page);
    await page.goto(`${COMMUNE}/connexion`);
    await expectReflows(page, /Connexion/);
    await keys.typeInto(
      page.getByLabel('Identifiant ou adresse e-mail (obligatoire)', { exact: true }),
      demoLogins.citizen.username,
    );
    await keys.tabTo(page.getByLabel('Mot de passe (obligatoire)', { exact: true }));
    await page.keyboard.type(demoLogins.citizen.password);
    await page.keyboard.press('Enter');
    await expectReflows(page, /^Bonjour /);
    await openMenuByKeyboard(keys, page);
    await follow(keys, page, mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }), 'Ma famille');
    await follow(
      keys,
      page,
      page.getByRole('main').getByRole('link', { name: 'Autres démarches' }),
      'Autres démarches',
    );
    await expect(page.getByRole('main')).toContainText(title);
    await follow(keys, page, page.getByRole('link', { name: CHANGE, exact: true }), CHANGE);

    // Sent with the date left empty: the summary has the focus and leads to the field.
    const nature = page.getByRole('radio', { name: 'Séparation ou divorce', exact: true });
    await keys.tabTo(page.getByRole('radio', { name: 'Mariage ou PACS', exact: true }));
    for (let step = 0; step < 5 && !(await nature.isChecked()); step += 1) await keys.press('ArrowDown');
    await expect(nature).toBeChecked();
    await keys.tabTo(page.getByRole('button', { name: 'Envoyer au guichet unique', exact: true }), { max: 80 });
    await page.keyboard.press('Enter');
    await expect(page).toHaveTitle(/^Erreur : /);
    const summary = page.getByRole('alert').filter({ hasText: 'Le formulaire contient' });
    await expect.soft(summary).toBeFocused({ timeout: 1000 });
    await expectReflows(page, CHANGE);
    const dateError = 'Répondez à la question « Date du changement ».';
    await keys.tabTo(summary.getByRole('link', { name: dateError, exact: true }));
    await keys.press('Enter');
    const date = page.getByLabel('Date du changement (obligatoire)');
    await expect(date).toBeFocused();
    await page.keyboard.type('02/11/2026');
    await expect(nature, 'the answer given comes back').toBeChecked();
    const noCustody = page.getByRole('radio', { name: 'Non', exact: true });
    await keys.tabTo(page.getByRole('radio', { name: 'Oui', exact: true }));
    await keys.press('ArrowDown');
    await expect(noCustody).toBeChecked();
    await keys.typeInto(page.getByLabel(/^Précisions/), 'Résidence alternée, une semaine sur deux.');
    // The jugement: Space on the file input opens the device's file picker.
    await keys.tabTo(page.getByLabel('Justificatif', { exact: true }));
    const picker = page.waitForEvent('filechooser');
    await page.keyboard.press('Space');
    await (
      await picker
    ).setFiles({ name: 'jugement.pdf', mimeType: 'application/pdf', buffer: await pdfOf('Jugement') });
    await keys.tabTo(page.getByRole('button', { name: 'Envoyer au guichet unique', exact: true }));
    await page.keyboard.press('Enter');
    await expectReflows(page, CHANGE);
    await expect(statusNotice(page, 'Votre demande est envoyée au guichet unique.')).toBeVisible();
    await expect(fact(page, 'Statut')).toHaveText('Déposée');
    await expect(page.getByRole('main')).toContainText('Séparation ou divorce');
    await expect(page.getByRole('main').getByRole('link', { name: 'jugement.pdf', exact: true })).toBeVisible();
    const requestUrl = page.url().split('?')[0]!;
    const requestId = requestUrl.split('/').at(-1)!;

    // The guichet: « Demandes », filtered on démarches, then the request with its answers.
    await desk.goto(DESK);
    await expectReflows(desk, 'Accueil du guichet');
    await openMenuByKeyboard(admin, desk);
    await follow(admin, desk, mainNav(desk).getByRole('link', { name: 'Demandes', exact: true }), 'Demandes');
    await admin.tabTo(desk.getByLabel('Type', { exact: true }));
    await desk.getByLabel('Type', { exact: true }).selectOption({ label: 'Démarche' });
    await admin.tabTo(desk.getByRole('button', { name: 'Filtrer', exact: true }));
    await desk.keyboard.press('Enter');
    await expectReflows(desk, 'Demandes');
    const row = desk
      .getByRole('table', { name: /Demandes correspondant aux filtres/ })
      .getByRole('row')
      .filter({ hasText: DUPONT_REFERENCE })
      .filter({ has: desk.locator(`a[href$="/demandes/${requestId}"]`) });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Démarche');
    await follow(admin, desk, row.getByRole('link', { name: CHANGE, exact: true }), CHANGE, 120);
    const main = desk.getByRole('main');
    for (const [label, value] of [
      ['Démarche', CHANGE],
      ['Nature du changement', 'Séparation ou divorce'],
      ['Date du changement', '02/11/2026'],
      ['Le changement modifie-t-il la garde des enfants ?', 'Non'],
      ['Précisions', 'Résidence alternée, une semaine sur deux.'],
      ['Justificatif', 'jugement.pdf'],
    ] as const) {
      const line = main.getByRole('row').filter({ has: desk.getByRole('rowheader', { name: label, exact: true }) });
      await expect(line, label).toContainText(value);
    }
    await expect(fact(desk, 'Dossier famille')).toContainText(DUPONT_REFERENCE);
    // The file: from the request to the document's page, where the agent reads it.
    await follow(
      admin,
      desk,
      main.getByRole('link', { name: 'jugement.pdf', exact: true }),
      /^Jugement fixant la résidence ou l’autorité parentale — famille /,
      120,
    );
    await expect(desk.getByTitle('Fichier 1 sur 1 : jugement.pdf')).toBeVisible();

    // Aurélie sends the new démarche: its piece is a child's, and her only child, Rémi, comes ticked.
    await openMenuByKeyboard(keys, page);
    await follow(keys, page, mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }), 'Ma famille');
    await follow(
      keys,
      page,
      page.getByRole('main').getByRole('link', { name: 'Autres démarches' }),
      'Autres démarches',
    );
    await follow(keys, page, page.getByRole('link', { name: title, exact: true }), title);
    const alto = page.getByRole('radio', { name: 'Alto', exact: true });
    await keys.tabTo(page.getByRole('radio', { name: 'Soprano', exact: true }));
    await keys.press('ArrowDown');
    await expect(alto).toBeChecked();
    const whichChild = page.getByRole('group', { name: 'Pour quel enfant est la pièce « Carnet de vaccination » ?' });
    await expect(whichChild.getByRole('radio', { name: 'Rémi Dupont', exact: true })).toBeChecked();
    await keys.tabTo(whichChild.getByRole('radio', { name: 'Rémi Dupont', exact: true }));
    // Rémi's carnet may already be validated (another journey gives it): then a new one is chosen.
    const another = page.getByRole('radio', { name: 'En envoyer une nouvelle', exact: true });
    if ((await another.count()) > 0) {
      await keys.tabTo(page.getByRole('radio', { name: /^Utiliser la pièce déjà donnée/ }));
      await keys.press('ArrowDown');
      await expect(another).toBeChecked();
    }
    await keys.tabTo(page.locator('input[type="file"]'));
    const carnetPicker = page.waitForEvent('filechooser');
    await page.keyboard.press('Space');
    await (
      await carnetPicker
    ).setFiles({ name: 'carnet.pdf', mimeType: 'application/pdf', buffer: await pdfOf('Carnet de Rémi') });
    await keys.tabTo(page.getByRole('button', { name: 'Envoyer au guichet unique', exact: true }));
    await page.keyboard.press('Enter');
    await expectReflows(page, title);
    await expect(statusNotice(page, 'Votre demande est envoyée au guichet unique.')).toBeVisible();
    const childRequest = page.url().split('?')[0]!.split('/').at(-1)!;

    // The guichet reads which child the piece is for, next to the piece.
    await desk.goto(`${DESK}/demandes/${childRequest}`);
    await expectReflows(desk, title);
    const childLine = desk
      .getByRole('main')
      .getByRole('row')
      .filter({ has: desk.getByRole('rowheader', { name: 'Carnet de vaccination : enfant concerné', exact: true }) });
    await expect(childLine).toContainText('Rémi Dupont');

    expect(keys.stops.length).toBeGreaterThan(15);
    keys.expectFocusAlwaysVisible();
    admin.expectFocusAlwaysVisible();
    await deskContext.close();
  });
});
