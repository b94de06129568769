import { expect, test, type Page } from '@playwright/test';
import { demoLogins } from '../src/demo/demoPeople.js';
import { expectNoA11yViolations, expectNoHorizontalScroll } from './support/axe.js';
import {
  activationMail,
  COMMUNE,
  DESK,
  deskPage,
  greetingOf,
  login,
  newCitizen,
  openFamilyFile,
} from './support/journeys.js';
import { KeyboardUser } from './support/keyboard.js';

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test.describe('keyboard alone', () => {
  test('sign-up, activation, login and logout with Tab, Shift+Tab, Space and Enter; the focus always visible', async ({
    page,
  }) => {
    test.slow();
    const citizen = newCitizen('clavier', { civility: 'madame', lastName: 'Moreau' });
    const keys = new KeyboardUser(page);

    // From the home page's « Créer mon espace ».
    await page.goto(COMMUNE);
    await keys.tabTo(
      page
        .getByRole('region', { name: 'Mon espace perso' })
        .getByRole('link', { name: 'Créer mon espace', exact: true }),
    );
    await page.keyboard.press('Enter');
    await expect(heading(page)).toHaveText('Créer mon espace');
    await expectNoA11yViolations(page);

    // Enter in the first text field sends the empty form; the summary's first link leads to the question.
    await keys.tabTo(field(page, 'Prénom (obligatoire)'));
    await page.keyboard.press('Enter');
    await expect(page).toHaveTitle(/^Erreur : Créer mon espace/);
    const summary = page.getByRole('alert');
    await expect(summary).toBeVisible();
    await expect
      .soft(summary, 'the error summary has the focus after the refused submit')
      .toBeFocused({ timeout: 1000 });
    await expectNoA11yViolations(page);
    await keys.tabTo(summary.getByRole('link', { name: 'Indiquez votre civilité : Madame ou Monsieur.', exact: true }));
    await keys.press('Enter');
    const madame = page.getByRole('radio', { name: 'Madame', exact: true });
    await expect(madame).toBeFocused();

    // Space checks the focused radio button; the other fields are typed one after the other.
    await keys.press('Space');
    await expect(madame).toBeChecked();
    await keys.typeInto(field(page, 'Prénom (obligatoire)'), citizen.firstName);
    await keys.typeInto(field(page, 'Nom (obligatoire)'), 'Moraeu');
    await keys.typeInto(field(page, 'Numéro et voie (obligatoire)'), citizen.street);
    // A typo noticed one field later: Shift+Tab goes back to fix it.
    await keys.tabTo(field(page, 'Nom (obligatoire)'), { backwards: true });
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(citizen.lastName);
    await expect(field(page, 'Nom (obligatoire)')).toHaveValue(citizen.lastName);
    await keys.tabTo(field(page, 'Numéro et voie (obligatoire)'));
    await expect(field(page, 'Numéro et voie (obligatoire)')).toHaveValue(citizen.street);
    await keys.typeInto(field(page, "Complément d'adresse"), citizen.streetComplement);
    await keys.typeInto(field(page, 'Code postal (obligatoire)'), citizen.postcode);
    await keys.typeInto(field(page, 'Commune (obligatoire)'), citizen.city);
    await keys.typeInto(field(page, 'Adresse e-mail (obligatoire)'), citizen.email);
    await keys.typeInto(field(page, 'Téléphone portable'), citizen.mobilePhone);
    await keys.typeInto(field(page, 'Identifiant (obligatoire)'), citizen.username);
    await keys.typeInto(field(page, 'Mot de passe (obligatoire)'), citizen.password);
    await keys.typeInto(field(page, 'Confirmation du mot de passe (obligatoire)'), citizen.password);
    const terms = page.getByRole('checkbox', { name: /J'ai lu et j'accepte les conditions générales d'utilisation/ });
    await keys.tabTo(terms);
    await keys.press('Space');
    await expect(terms).toBeChecked();
    await keys.tabTo(page.getByRole('button', { name: 'Créer mon espace', exact: true }));
    await page.keyboard.press('Enter');
    await expect(heading(page)).toHaveText('Vérifiez votre messagerie');
    await expectNoA11yViolations(page);

    // The link of the mail, then the activation button, with the keyboard.
    const { link } = await activationMail(citizen);
    await page.goto(link);
    await expect(heading(page)).toHaveText('Activer mon espace');
    await keys.tabTo(page.getByRole('button', { name: 'Activer mon espace', exact: true }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText('Votre espace est activé. Vous pouvez vous connecter.');
    await expectNoA11yViolations(page);

    // Login: Enter in the password field sends the form.
    await keys.typeInto(field(page, 'Identifiant ou adresse e-mail (obligatoire)'), citizen.username);
    await keys.tabTo(field(page, 'Mot de passe (obligatoire)'));
    await page.keyboard.type(citizen.password);
    await page.keyboard.press('Enter');
    await expect(heading(page)).toHaveText(`Bonjour ${greetingOf(citizen)}`);
    await expectNoA11yViolations(page);

    // A message of the commune, and back.
    await keys.tabTo(page.getByRole('link', { name: 'Lire la suite : Bienvenue sur votre espace privé', exact: true }));
    await page.keyboard.press('Enter');
    await expect(heading(page)).toHaveText('Bienvenue sur votre espace privé');
    await keys.tabTo(page.getByRole('link', { name: 'Retour à Mon accueil', exact: true }));
    await page.keyboard.press('Enter');
    await expect(heading(page)).toHaveText(`Bonjour ${greetingOf(citizen)}`);

    // Every stop of the page, from the skip link to the footer, then « Déconnexion » in the header.
    for (let i = 0; i < 30; i += 1) await keys.press('Tab');
    await keys.tabTo(page.getByRole('banner').getByRole('button', { name: 'Déconnexion', exact: true }), {
      backwards: true,
      max: 60,
    });
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status')).toHaveText('Vous êtes déconnecté. À bientôt !');

    expect(keys.stops.length).toBeGreaterThan(40);
    keys.expectFocusAlwaysVisible();
  });
});

test.describe('320 px wide (WCAG 1.4.10)', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('the logged-in pages and the guichet’s family file reflow without horizontal scrolling', async ({
    page,
    browser,
  }) => {
    test.slow();
    const { citizen } = demoLogins;
    await login(page, citizen.username, citizen.password);
    await expect(heading(page)).toHaveText('Bonjour Madame DUPONT');
    await expect(page.getByRole('main')).toContainText(/Dernière connexion le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}/);

    const pages: [string, string][] = [
      [`${COMMUNE}/mon-accueil`, 'Bonjour Madame DUPONT'],
      [`${COMMUNE}/mon-espace`, 'Mon espace'],
      [`${COMMUNE}/mon-espace/identifiants`, 'Mon espace'],
      [`${COMMUNE}/mon-espace/cle-enfance`, 'Mon espace'],
      [`${COMMUNE}/ma-famille`, 'Ma famille'],
    ];
    for (const [path, h1] of pages) {
      await page.goto(path);
      await expect(heading(page)).toHaveText(h1);
      await expect(page.getByRole('banner').getByRole('button', { name: 'Déconnexion', exact: true })).toBeInViewport();
      await expectNoHorizontalScroll(page);
      await expectNoA11yViolations(page);
    }
    await expect(page.getByRole('main')).toContainText('Rémi DUPONT');

    const { desk, deskContext } = await deskPage(browser);
    await desk.setViewportSize({ width: 320, height: 640 });
    await openFamilyFile(desk, 'Dupont', 'F-2026-0001');
    await expectNoHorizontalScroll(desk);
    await expectNoA11yViolations(desk);
    await desk.goto(DESK);
    await expectNoHorizontalScroll(desk);
    await deskContext.close();
  });
});
