import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe.js';
import { laterKeyFamily, signUpFamily } from './support/e2eFamilies.js';
import {
  COMMUNE,
  activate,
  deskPage,
  expectSignUpSent,
  fillSignUpForm,
  freshKey,
  greetingOf,
  issueKey,
  login,
  logout,
  newCitizen,
  openFamilyFile,
  signUp,
} from './support/journeys.js';

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Menu principal' });

/**
 * The error summary after a refused submit: shown, focused, each of its links taking focus to its
 * field. The page's own properties are soft checks: the journey goes on, and the test still fails
 * with every problem found.
 */
async function expectErrorSummary(page: Page, messages: string[]): Promise<void> {
  // RGAA 8.6: the title says the form came back with errors.
  // The page is as the server made it: a fault found here will not mend itself by waiting.
  const now = { timeout: 1000 };
  await expect.soft(page, 'the page title starts with « Erreur : »').toHaveTitle(/^Erreur : /, now);
  const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { level: 2 }) });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('heading', { level: 2 })).toHaveText(
    messages.length === 1 ? 'Le formulaire contient une erreur' : `Le formulaire contient ${messages.length} erreurs`,
  );
  const links = summary.getByRole('link');
  await expect(links).toHaveText(messages);
  // RGAA 11.10: the summary comes first and takes focus, so that it is read out at once.
  await expect.soft(summary, 'the error summary has the focus when the page comes back with errors').toBeFocused(now);
  await expectNoA11yViolations(page);

  for (const link of await links.all()) {
    const target = (await link.getAttribute('href'))!;
    await link.click();
    const field = page.locator(target);
    await expect.soft(field, `the summary's link to ${target} moves focus to its field`).toBeFocused(now);
    // The field says what is wrong, in words tied to it (a radio button through its fieldset).
    const describedBy = await field.evaluate(
      (element) => (element.closest('fieldset') ?? element).getAttribute('aria-describedby') ?? '',
    );
    expect
      .soft(describedBy.split(' '), `the error of ${target} is tied to its field`)
      .toContain(`${target.slice(1)}-erreur`);
  }
}

test.describe('Créer mon espace', () => {
  test('sign-up with a Clé Enfance, activation mail over SMTP, Mon accueil, Ma famille, logout', async ({
    page,
    browser,
  }) => {
    test.slow();
    const citizen = newCitizen('inscription', {
      civility: signUpFamily.adult.civility,
      firstName: signUpFamily.adult.firstName,
      lastName: signUpFamily.adult.lastName,
    });

    // The guichet issues a key for the adult of the family file, as it would at the desk.
    const key = await freshKey(browser, {
      searchName: signUpFamily.adult.lastName,
      reference: signUpFamily.reference,
      adultFirstName: signUpFamily.adult.firstName,
    });

    await page.goto(COMMUNE);
    await expectNoA11yViolations(page);
    await page
      .getByRole('region', { name: 'Mon espace perso' })
      .getByRole('link', { name: 'Créer mon espace', exact: true })
      .click();
    await expect(heading(page)).toHaveText('Créer mon espace');
    await expectNoA11yViolations(page);

    // Empty: every mandatory field says what to do.
    await page.getByRole('button', { name: 'Créer mon espace', exact: true }).click();
    await expectErrorSummary(page, [
      'Indiquez votre civilité : Madame ou Monsieur.',
      'Indiquez votre prénom.',
      'Indiquez votre nom.',
      'Indiquez le numéro et la voie de votre adresse, par exemple 2 rue des Chariots.',
      'Le code postal comporte 5 chiffres, par exemple 78570.',
      'Indiquez votre commune de résidence.',
      'Indiquez votre adresse e-mail : elle sert à activer votre espace.',
      'Choisissez un identifiant.',
      'Choisissez un mot de passe.',
      "Cochez la case pour accepter les conditions générales d'utilisation.",
    ]);

    // Two mistakes: what was typed comes back, except the passwords.
    await fillSignUpForm(page, { ...citizen, postcode: '7857' }, key);
    await page.getByLabel('Confirmation du mot de passe (obligatoire)', { exact: true }).fill(`${citizen.password} !`);
    await page.getByRole('button', { name: 'Créer mon espace', exact: true }).click();
    await expectErrorSummary(page, [
      'Le code postal comporte 5 chiffres, par exemple 78570.',
      'Les deux mots de passe ne sont pas identiques. Saisissez deux fois le même mot de passe.',
    ]);
    await expect(page.getByRole('radio', { name: 'Madame', exact: true })).toBeChecked();
    await expect(page.getByLabel('Prénom (obligatoire)', { exact: true })).toHaveValue(citizen.firstName);
    await expect(page.getByLabel('Nom (obligatoire)', { exact: true })).toHaveValue(citizen.lastName);
    await expect(page.getByLabel("Complément d'adresse", { exact: true })).toHaveValue(citizen.streetComplement);
    await expect(page.getByLabel('Adresse e-mail (obligatoire)', { exact: true })).toHaveValue(citizen.email);
    await expect(page.getByLabel('Téléphone fixe', { exact: true })).toHaveValue(citizen.homePhone);
    await expect(page.getByLabel('Identifiant (obligatoire)', { exact: true })).toHaveValue(citizen.username);
    await expect(page.getByLabel('Clé Enfance (facultatif)', { exact: true })).toHaveValue(key);
    await expect(page.getByRole('checkbox', { name: /conditions générales/ })).toBeChecked();
    await expect(page.getByLabel('Mot de passe (obligatoire)', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('Confirmation du mot de passe (obligatoire)', { exact: true })).toHaveValue('');

    await page.getByLabel('Code postal (obligatoire)', { exact: true }).fill(citizen.postcode);
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill(citizen.password);
    await page.getByLabel('Confirmation du mot de passe (obligatoire)', { exact: true }).fill(citizen.password);
    await page.getByRole('button', { name: 'Créer mon espace', exact: true }).click();
    await expectSignUpSent(page);
    await expect(page.getByRole('main')).toContainText("Suivez le lien qu'il contient dans les 48 heures");

    // Not activated yet: the login says so.
    await page.goto(`${COMMUNE}/connexion`);
    await page.getByLabel('Identifiant ou adresse e-mail (obligatoire)', { exact: true }).fill(citizen.username);
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill(citizen.password);
    await page.getByRole('main').getByRole('button', { name: 'Connexion', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText("Votre espace n'est pas encore activé");
    await expectNoA11yViolations(page);

    // The mail, read from the SMTP server: From the guichet unique, with a display name.
    await activate(page, citizen);

    // Login with the e-mail address.
    await login(page, citizen.email, citizen.password);
    await expect(heading(page)).toHaveText(`Bonjour ${greetingOf(citizen)}`);
    await expect(page.getByRole('main')).toContainText('Première connexion : bienvenue !');
    await expect(page.getByRole('main')).not.toContainText('pas encore relié à un dossier famille');
    await expect(page.getByRole('banner')).toContainText(greetingOf(citizen));

    const messages = page.getByRole('region', { name: 'Messages de la commune' });
    const welcome = messages
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Bienvenue sur votre espace privé' }) });
    await expect(welcome).toBeVisible();
    await welcome.getByRole('link', { name: 'Lire la suite : Bienvenue sur votre espace privé', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${COMMUNE}/actualites/[^/]+$`));
    await expect(heading(page)).toHaveText('Bienvenue sur votre espace privé');
    await expect(page.getByRole('main')).toContainText('Clé Enfance remise par le guichet unique');
    await expectNoA11yViolations(page);
    await page.getByRole('link', { name: 'Retour à Mon accueil', exact: true }).click();
    await expect(heading(page)).toHaveText(`Bonjour ${greetingOf(citizen)}`);

    // Ma famille: the household of the file the key linked.
    await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
    await expect(heading(page)).toHaveText('Ma famille');
    const main = page.getByRole('main');
    await expect(main).toContainText(`Dossier famille n° ${signUpFamily.reference}`);
    await expect(main.getByRole('listitem').filter({ hasText: 'Nadia BENALI — Représentante' })).toBeVisible();
    await expect(main.getByRole('listitem').filter({ hasText: 'Yanis BENALI, né(e) le 11/03/2016' })).toBeVisible();
    await expect(main.getByRole('listitem').filter({ hasText: 'Inès BENALI, né(e) le 30/06/2019' })).toBeVisible();
    await expectNoA11yViolations(page);

    // Mon espace: the profile as typed, and the key tab says which adult the account is.
    await mainNav(page).getByRole('link', { name: 'Mon espace', exact: true }).click();
    await expect(heading(page)).toHaveText('Mon espace');
    await expect(main).toContainText(`${greetingOf(citizen)} ${citizen.firstName}`);
    await expect(main).toContainText(citizen.streetComplement);
    await expect(main).toContainText(citizen.email);
    await expectNoA11yViolations(page);
    await page
      .getByRole('navigation', { name: 'Rubriques de Mon espace' })
      .getByRole('link', { name: 'Clé Enfance', exact: true })
      .click();
    await expect(main).toContainText(
      'Votre espace est relié au dossier famille, en tant que représentante (Nadia Benali).',
    );
    await expectNoA11yViolations(page);

    await logout(page);
    // The session is dead on the server: the private pages send back to the login.
    await page.goto(`${COMMUNE}/mon-accueil`);
    await expect(page).toHaveURL(new RegExp(`${COMMUNE}/connexion\\?`));
  });

  test('sign-up without a key, then the key entered later from Mon espace > Clé Enfance', async ({ page, browser }) => {
    test.slow();
    const citizen = newCitizen('cle-plus-tard', {
      civility: laterKeyFamily.adult.civility,
      firstName: laterKeyFamily.adult.firstName,
      lastName: laterKeyFamily.adult.lastName,
    });
    await signUp(page, citizen);
    await activate(page, citizen);
    await login(page, citizen.username, citizen.password);
    await expect(heading(page)).toHaveText(`Bonjour ${greetingOf(citizen)}`);

    // Not linked yet: Mon accueil and Ma famille say why, and how to get a key.
    const main = page.getByRole('main');
    await expect(main).toContainText("Votre espace n'est pas encore relié à un dossier famille.");
    await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
    await expect(heading(page)).toHaveText('Ma famille');
    await expect(main).toContainText("Votre espace n'est pas encore relié à un dossier famille");
    await expect(main.getByRole('link', { name: '01 39 74 29 12' })).toBeVisible();
    await expectNoA11yViolations(page);

    // The family goes to the guichet, which issues a key.
    const { desk, deskContext } = await deskPage(browser);
    await openFamilyFile(desk, laterKeyFamily.adult.lastName, laterKeyFamily.reference);
    const familyFile = desk.url();
    const key = await issueKey(desk, laterKeyFamily.adult.firstName);

    await mainNav(page).getByRole('link', { name: 'Mon accueil', exact: true }).click();
    await page.getByRole('link', { name: 'saisissez votre Clé Enfance', exact: true }).click();
    await expect(page).toHaveURL(`${COMMUNE}/mon-espace/cle-enfance`);
    await expect(heading(page)).toHaveText('Mon espace');
    await expect(page.getByRole('link', { name: 'Clé Enfance', exact: true })).toHaveAttribute('aria-current', 'page');
    await expectNoA11yViolations(page);

    const keyField = page.getByLabel('Clé Enfance (obligatoire)', { exact: true });
    const linkAccount = page.getByRole('button', { name: 'Relier mon espace', exact: true });
    await linkAccount.click();
    await expectErrorSummary(page, ['Saisissez la Clé Enfance remise par le guichet unique.']);
    await keyField.fill('ABCD-EFGH-JKMN-PQRS');
    await linkAccount.click();
    await expectErrorSummary(page, [
      "Cette Clé Enfance n'est pas valable : vérifiez-la, ou demandez-en une nouvelle au guichet unique.",
    ]);
    await expect(keyField).toHaveValue('ABCD-EFGH-JKMN-PQRS');

    // Without dashes, in lower case: the key is read all the same.
    await keyField.fill(key.replace(/-/g, '').toLowerCase());
    await linkAccount.click();
    await expect(page.getByRole('status').filter({ hasText: 'Votre Clé Enfance est acceptée.' })).toContainText(
      'Votre espace est relié au dossier famille, en tant que représentant (Thomas Leroy).',
    );
    await expectNoA11yViolations(page);
    await page.getByRole('link', { name: 'Voir Ma famille', exact: true }).click();
    await expect(heading(page)).toHaveText('Ma famille');
    await expect(main).toContainText(`Dossier famille n° ${laterKeyFamily.reference}`);
    await expect(main.getByRole('listitem').filter({ hasText: 'Thomas LEROY — Représentant' })).toBeVisible();
    await expect(main.getByRole('listitem').filter({ hasText: 'Jules LEROY, né(e) le 05/11/2018' })).toBeVisible();
    await expectNoA11yViolations(page);

    // The guichet sees the account linked and the key used; there is no key to issue any more.
    await desk.goto(familyFile);
    await expect(desk.getByRole('heading', { level: 1 })).toHaveText(`Dossier famille ${laterKeyFamily.reference}`);
    const adult = desk.getByRole('region', { name: 'LEROY Thomas' });
    await expect(adult).toContainText(/Espace citoyen relié\s*Oui/);
    await expect(adult).toContainText(/Utilisée le \d{2}\/\d{2}\/\d{4}/);
    await expect(adult.getByRole('button')).toHaveCount(0);
    await expectNoA11yViolations(desk);
    await deskContext.close();

    await logout(page);
  });
});
