import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe.js';
import { invitingFamily as family } from './support/e2eFamilies.js';
import { heading, loginFamily, mainNav, statusNotice, timelineOf } from './support/familyJourneys.js';
import {
  CHILD_KEY_FORMAT,
  COMMUNE,
  activate,
  expectSignUpSent,
  fillSignUpForm,
  greetingOf,
  login,
  newCitizen,
} from './support/journeys.js';
import { expectCommuneMail, linkIn, waitForMail } from './support/mail.js';

const NEW_PHONE = '06 55 44 33 22';

test('the représentant invites the co-représentante from Entourage: her key and link by mail, sign-up, activation, login, the same family and its history', async ({
  page,
  browser,
}) => {
  test.slow();
  const { representative, coRepresentative } = family;
  const karim = `${representative.firstName} ${representative.lastName.toLocaleUpperCase('fr-FR')}`;
  const lina = `${coRepresentative!.firstName} ${coRepresentative!.lastName.toLocaleUpperCase('fr-FR')}`;
  await loginFamily(page, family);

  // A change written at once: the co-représentante will find it in the history.
  await page.goto(`${COMMUNE}/mon-tableau-de-bord/coordonnees`);
  await expect(heading(page)).toHaveText('Coordonnées');
  await expectNoA11yViolations(page);
  await page.getByRole('link', { name: 'Modifier : Vos téléphones et e-mail', exact: true }).click();
  await expect(heading(page)).toHaveText('Modifier : Téléphones et e-mail — vos coordonnées');
  await expect(page.getByRole('main')).toContainText(
    'Cette modification sera enregistrée immédiatement dans votre dossier famille.',
  );
  await expectNoA11yViolations(page);
  await page.getByLabel('Téléphone portable', { exact: true }).fill(NEW_PHONE);
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(statusNotice(page, 'Modification enregistrée.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Vos téléphones et e-mail' })).toContainText(NEW_PHONE);
  await expectNoA11yViolations(page);

  // Mon espace → Entourage: the co-représentante has no account yet; the form is for her.
  await mainNav(page).getByRole('link', { name: 'Mon espace', exact: true }).click();
  await expect(heading(page)).toHaveText('Mon espace');
  await expectNoA11yViolations(page);
  await page
    .getByRole('navigation', { name: 'Rubriques de Mon espace' })
    .getByRole('link', { name: 'Entourage', exact: true })
    .click();
  await expect(page).toHaveURL(`${COMMUNE}/mon-espace/entourage`);
  await expect(page.getByRole('link', { name: 'Entourage', exact: true })).toHaveAttribute('aria-current', 'page');
  const main = page.getByRole('main');
  await expect(main.getByRole('listitem').filter({ hasText: lina })).toHaveText(
    `${lina} — Co-représentante — n’a pas encore d’espace citoyen relié au dossier famille`,
  );
  await expect(page.getByRole('heading', { name: `Inviter ${lina}`, exact: true })).toBeVisible();
  const address = page.getByLabel('Son adresse e-mail (obligatoire)', { exact: true });
  await expect(address).toHaveValue('');
  await expectNoA11yViolations(page);

  // A wrong address is said, in the error summary, and sends nothing.
  const invite = page.getByRole('button', { name: 'Envoyer l’invitation', exact: true });
  await address.fill('lina.haddad@');
  await invite.click();
  await expect(page).toHaveTitle(/^Erreur : /);
  await expect(page.getByRole('alert').filter({ hasText: 'Le formulaire contient une erreur' })).toBeVisible();
  await expect(address).toHaveValue('lina.haddad@');
  await expectNoA11yViolations(page);

  const invited = newCitizen('co-representante', {
    civility: 'madame',
    firstName: coRepresentative!.firstName,
    lastName: coRepresentative!.lastName,
  });
  await address.fill(invited.email);
  await invite.click();
  await expect(page).toHaveURL(`${COMMUNE}/mon-espace/entourage?invitation=envoyee`);
  await expect(statusNotice(page, 'L’invitation est envoyée.')).toBeVisible();
  await expectNoA11yViolations(page);

  // The mail holds her own key and the link to « Créer mon espace » with the key in it.
  const mail = await waitForMail(invited.email, 'Invitation à rejoindre votre dossier famille');
  expectCommuneMail(mail, invited.email);
  expect(mail.text).toContain(`Bonjour ${greetingOf(invited)},`);
  expect(mail.text).toContain(`${karim} vous invite à rejoindre le dossier famille n° ${family.reference}`);
  const key = /Votre Clé Enfance personnelle : (\S+)/.exec(mail.text)?.[1] ?? '';
  expect(key).toMatch(CHILD_KEY_FORMAT);
  const link = linkIn(mail);
  expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${COMMUNE}/creer-mon-espace\\?cle=`));

  // She follows the link in her own browser: the key is already typed in.
  const herContext = await browser.newContext();
  try {
    const her = await herContext.newPage();
    await her.goto(link);
    await expect(heading(her)).toHaveText('Créer mon espace');
    const keyField = her.getByLabel('Clé Enfance (facultatif)', { exact: true });
    await expect(keyField).toHaveValue(key);
    await expectNoA11yViolations(her);
    await fillSignUpForm(her, invited, await keyField.inputValue());
    await her.getByRole('button', { name: 'Créer mon espace', exact: true }).click();
    await expectSignUpSent(her);
    await activate(her, invited);
    await login(her, invited.username, invited.password);
    await expect(heading(her)).toHaveText(`Bonjour ${greetingOf(invited)}`);
    await expect(her.getByRole('main')).not.toContainText('pas encore relié à un dossier famille');

    // Ma famille: the same file, both parents with their account.
    await mainNav(her).getByRole('link', { name: 'Ma famille', exact: true }).click();
    await expect(heading(her)).toHaveText('Ma famille');
    const herMain = her.getByRole('main');
    await expect(herMain).toContainText(`Dossier famille n° ${family.reference}`);
    await expect(herMain.getByRole('listitem').filter({ hasText: karim })).toHaveText(
      `${karim} — Représentant — a son espace citoyen`,
    );
    await expect(herMain.getByRole('listitem').filter({ hasText: lina })).toHaveText(
      `${lina} — Co-représentante — a son espace citoyen`,
    );
    await expect(herMain.getByRole('link', { name: 'Sami HADDAD, né(e) le 21/09/2016', exact: true })).toBeVisible();
    await expectNoA11yViolations(her);

    // The history: who changed what — the other parent's phone.
    await her.getByRole('link', { name: 'Historique des modifications', exact: true }).click();
    await expect(heading(her)).toHaveText('Historique des modifications');
    const change = timelineOf(her).filter({ hasText: 'Téléphones et e-mail' });
    await expect(change).toHaveCount(1);
    await expect(change).toContainText(karim);
    await expect(change).toContainText(`Téléphone portable : ${representative.phone} → ${NEW_PHONE}`);
    await expectNoA11yViolations(her);

    // Her Entourage names the représentant, linked; there is nobody left to invite.
    await her.goto(`${COMMUNE}/mon-espace/entourage`);
    await expect(her.getByRole('main').getByRole('listitem').filter({ hasText: karim })).toHaveText(
      `${karim} — Représentant — a son propre espace citoyen, relié au dossier famille`,
    );
    await expect(her.getByRole('button', { name: 'Envoyer l’invitation' })).toHaveCount(0);
    await expectNoA11yViolations(her);
  } finally {
    await herContext.close();
  }

  // And his shows her linked.
  await page.goto(`${COMMUNE}/mon-espace/entourage`);
  await expect(main.getByRole('listitem').filter({ hasText: lina })).toHaveText(
    `${lina} — Co-représentante — a son propre espace citoyen, relié au dossier famille`,
  );
  await expect(page.getByRole('button', { name: 'Envoyer l’invitation' })).toHaveCount(0);
  await expectNoA11yViolations(page);
});
