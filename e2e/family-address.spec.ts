import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe.js';
import { movingFamily as family } from './support/e2eFamilies.js';
import {
  decide,
  fact,
  heading,
  loginFamily,
  mainNav,
  openFromQueue,
  statusNotice,
  takeRequest,
  timelineOf,
} from './support/familyJourneys.js';
import { COMMUNE, deskPage } from './support/journeys.js';
import { expectCommuneMail, linkIn, waitForMail } from './support/mail.js';

const OLD = family.address;
const NEW = {
  street: '12 Rue des Écoles',
  streetComplement: 'Appartement 4',
  postcode: '78570',
  city: 'Chanteloup-les-Vignes',
};
const SUMMARY = 'Adresse du foyer';

test('a parent changes the household address, the guichet accepts it: the file shows it and the family got the e-mails', async ({
  page,
  browser,
}) => {
  test.slow();
  const { email } = family.representative;
  await loginFamily(page, family);

  // Mon tableau de bord → Coordonnées.
  await mainNav(page).getByRole('link', { name: 'Mon tableau de bord', exact: true }).click();
  await expect(heading(page)).toHaveText('Mon tableau de bord');
  await expect(page.getByRole('main')).toContainText('Vous n’avez encore fait aucune demande.');
  await expectNoA11yViolations(page);
  await page.getByRole('link', { name: 'Voir et modifier mes coordonnées', exact: true }).click();
  await expect(heading(page)).toHaveText('Coordonnées');
  const address = page.getByRole('region', { name: 'Adresse du foyer' });
  await expect(address).toContainText(OLD.street);
  await expectNoA11yViolations(page);

  // The form says before saving that the guichet unique validates the change.
  await address.getByRole('link', { name: 'Modifier : Adresse du foyer', exact: true }).click();
  await expect(heading(page)).toHaveText('Modifier : Adresse du foyer — votre foyer');
  await expect(page.getByRole('main')).toContainText(
    'Cette modification sera transmise au guichet unique, qui la validera.',
  );
  const street = page.getByLabel('Numéro et voie (obligatoire)', { exact: true });
  const postcode = page.getByLabel('Code postal (obligatoire)', { exact: true });
  await expect(street).toHaveValue(OLD.street);
  await expectNoA11yViolations(page);

  // A wrong postcode comes back with the error summary, what was typed kept.
  await street.fill(NEW.street);
  await page.getByLabel("Complément d'adresse", { exact: true }).fill(NEW.streetComplement);
  await postcode.fill('7857');
  const send = page.getByRole('button', { name: 'Envoyer la demande de modification', exact: true });
  await send.click();
  await expect(page).toHaveTitle(/^Erreur : /);
  await expect(page.getByRole('alert')).toContainText('Le formulaire contient une erreur');
  await expect(street).toHaveValue(NEW.street);
  await expectNoA11yViolations(page);
  await postcode.fill(NEW.postcode);
  await send.click();

  // Back on Coordonnées: sent to the guichet, the new value pending beside the current one.
  await expect(page).toHaveURL(new RegExp(`${COMMUNE}/mon-tableau-de-bord/coordonnees\\?fait=transmis&demande=`));
  await expect(statusNotice(page, 'transmise au guichet unique')).toBeVisible();
  await expect(address).toContainText(OLD.street);
  await expect(address).toContainText(`En attente de validation : ${NEW.street}`);
  await expect(address).toContainText(`En attente de validation : ${NEW.streetComplement}`);
  await expectNoA11yViolations(page);

  await statusNotice(page, 'transmise au guichet unique')
    .getByRole('link', { name: 'Suivre la demande', exact: true })
    .click();
  await expect(heading(page)).toHaveText(SUMMARY);
  const requestPage = page.url();
  await expect(fact(page, 'Statut')).toHaveText('Déposée');
  const asked = page.getByRole('table', { name: 'Ce qui est demandé' });
  await expect(asked.getByRole('row').filter({ hasText: 'Numéro et voie' })).toContainText(
    `${OLD.street}${NEW.street}`,
  );
  await expect(page.getByRole('button', { name: 'Annuler ma demande', exact: true })).toBeVisible();
  await expectNoA11yViolations(page);

  // The guichet unique: the queue, filtered; the old and new values side by side; take; accept.
  const { desk, deskContext } = await deskPage(browser);
  try {
    await openFromQueue(desk, family, SUMMARY);
    const sideBySide = desk.getByRole('table', { name: 'Valeurs lors de la demande et valeurs demandées' });
    await expect(sideBySide.getByRole('columnheader')).toHaveText([
      'Information',
      'Valeur lors de la demande',
      'Valeur demandée',
    ]);
    const cells = (label: string) =>
      sideBySide
        .getByRole('row')
        .filter({ has: desk.getByRole('rowheader', { name: label, exact: true }) })
        .getByRole('cell');
    await expect(cells('Numéro et voie')).toHaveText([OLD.street, NEW.street]);
    await expect(cells("Complément d'adresse")).toHaveText(['—', NEW.streetComplement]);
    await expect(sideBySide.getByRole('rowheader', { name: 'Code postal', exact: true })).toHaveCount(0);
    await takeRequest(desk);
    await decide(desk, 'Accepter', 'Le justificatif de domicile a été vérifié. Bienvenue rue des Écoles !');
    await expect(timelineOf(desk)).toHaveCount(4);
  } finally {
    await deskContext.close();
  }

  // The family is told at each step: the request made, taken, decided.
  const deposited = await waitForMail(email, 'Votre demande est déposée');
  expectCommuneMail(deposited, email);
  expect(deposited.text).toContain('Bonjour Madame GIRARD,');
  expect(deposited.text).toContain(`Votre demande « ${SUMMARY} » est déposée.`);
  expect(linkIn(deposited)).toBe(requestPage);
  // The mails say what happened, never the values: they stay behind the login.
  expect(deposited.text).not.toContain(NEW.street);
  await waitForMail(email, 'Votre demande : en cours de traitement');
  const accepted = await waitForMail(email, 'Votre demande : acceptée');
  expectCommuneMail(accepted, email);
  expect(accepted.text).toContain(`Votre demande « ${SUMMARY} » est maintenant : Acceptée.`);
  expect(linkIn(accepted)).toBe(requestPage);

  // The request: accepted, its whole story, the guichet's message; nothing left to do on it.
  await page.goto(requestPage);
  await expect(fact(page, 'Statut')).toHaveText('Acceptée');
  await expect(timelineOf(page)).toHaveText([
    /^Demande déposée.*Manon GIRARD$/s,
    /^Prise en charge par le guichet unique.*Guichet unique$/s,
    /^Statut : En cours de traitement.*Guichet unique$/s,
    /^Statut : Acceptée.*Guichet unique$/s,
  ]);
  await expect(page.locator('ol.thread')).toContainText('Le justificatif de domicile a été vérifié.');
  await expect(page.getByRole('main')).toContainText('Cette demande est close');
  await expect(page.getByRole('button', { name: 'Annuler ma demande' })).toHaveCount(0);
  await expect(page.getByLabel('Votre message (obligatoire)')).toHaveCount(0);
  await expectNoA11yViolations(page);

  // Coordonnées and Ma famille show the new address, nothing pending.
  await page.goto(`${COMMUNE}/mon-tableau-de-bord/coordonnees`);
  await expect(address).toContainText(NEW.street);
  await expect(address).toContainText(NEW.streetComplement);
  await expect(address).not.toContainText(OLD.street);
  await expect(address).not.toContainText('En attente de validation');
  await expectNoA11yViolations(page);

  await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
  await expect(heading(page)).toHaveText('Ma famille');
  const main = page.getByRole('main');
  await expect(main).toContainText(`${NEW.street}${NEW.streetComplement}${NEW.postcode} ${NEW.city}`);
  await expect(main).not.toContainText(OLD.street);
  await expect(main).toContainText('Aucune modification n’attend la validation du guichet unique.');
  await expectNoA11yViolations(page);

  // The history: the change, by the guichet, from the accepted request.
  await page.getByRole('link', { name: 'Historique des modifications', exact: true }).click();
  await expect(heading(page)).toHaveText('Historique des modifications');
  const change = timelineOf(page).filter({ hasText: 'Adresse du foyer' });
  await expect(change).toHaveCount(1);
  await expect(change).toContainText('Guichet unique');
  await expect(change).toContainText(`Numéro et voie : ${OLD.street} → ${NEW.street}`);
  await expect(change.getByRole('link', { name: 'demande acceptée', exact: true })).toHaveAttribute(
    'href',
    new URL(requestPage).pathname,
  );
  await expectNoA11yViolations(page);

  // Dernières demandes lists it as accepted.
  await page.goto(`${COMMUNE}/mon-tableau-de-bord/demandes`);
  await expect(heading(page)).toHaveText('Dernières demandes');
  await expect(
    page
      .getByRole('table', { name: /Vos demandes/ })
      .getByRole('row')
      .filter({ hasText: SUMMARY }),
  ).toContainText('Acceptée');
  await expectNoA11yViolations(page);
});
