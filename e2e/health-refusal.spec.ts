import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe.js';
import { healthFamily as family } from './support/e2eFamilies.js';
import {
  decide,
  fact,
  heading,
  loginFamily,
  mainNav,
  openFromQueue,
  statusNotice,
  summaryOf,
  timelineOf,
} from './support/familyJourneys.js';
import { COMMUNE, deskPage } from './support/journeys.js';
import { expectCommuneMail, linkIn, waitForMail } from './support/mail.js';

const child = family.members[0]!;
const OLD_ALLERGIES = child.allergies!;
const NEW_ALLERGIES = 'Arachide, kiwi';
const SUMMARY = summaryOf('Informations de santé', child);
const REFUSAL =
  'Pour ajouter une allergie, le PAI doit être mis à jour : merci de nous apporter le certificat de votre médecin.';

test('a change of a child’s health notes, refused by the guichet with a message: the family reads it, the old value stays', async ({
  page,
  browser,
}) => {
  test.slow();
  const { email } = family.representative;
  await loginFamily(page, family);

  // Ma famille → the child's page → Informations de santé.
  await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
  await expect(heading(page)).toHaveText('Ma famille');
  await expectNoA11yViolations(page);
  await page.getByRole('link', { name: 'Zoé FONTAINE, né(e) le 12/04/2018', exact: true }).click();
  await expect(heading(page)).toHaveText('Zoé FONTAINE');
  const memberPage = page.url();
  const health = page.getByRole('region', { name: 'Informations de santé' });
  await expect(health).toContainText(OLD_ALLERGIES);
  await expect(health).toContainText(child.doctorName!);
  await expectNoA11yViolations(page);

  await health.getByRole('link', { name: 'Modifier : Informations de santé', exact: true }).click();
  await expect(heading(page)).toHaveText('Modifier : Informations de santé — Zoé FONTAINE');
  await expect(page.getByRole('main')).toContainText(
    'Cette modification sera transmise au guichet unique, qui la validera.',
  );
  const allergies = page.getByLabel('Allergies', { exact: true });
  await expect(allergies).toHaveValue(OLD_ALLERGIES);
  await expectNoA11yViolations(page);
  await allergies.fill(NEW_ALLERGIES);
  await page.getByRole('button', { name: 'Envoyer la demande de modification', exact: true }).click();

  // The member page: the current value, and the pending one beside it.
  await expect(heading(page)).toHaveText('Zoé FONTAINE');
  await expect(statusNotice(page, 'transmise au guichet unique')).toBeVisible();
  await expect(health).toContainText(`${OLD_ALLERGIES}En attente de validation : ${NEW_ALLERGIES}`);
  await expectNoA11yViolations(page);

  await health.getByRole('link', { name: 'voir la demande (Allergies)', exact: true }).click();
  await expect(heading(page)).toHaveText(SUMMARY);
  const requestPage = page.url();
  await expect(fact(page, 'Statut')).toHaveText('Déposée');
  await expectNoA11yViolations(page);

  // The guichet unique refuses, and must say why.
  const { desk, deskContext } = await deskPage(browser);
  try {
    await openFromQueue(desk, family, SUMMARY);
    await expect(fact(desk, 'Membre concerné')).toHaveText('FONTAINE Zoé');
    const allergiesRow = desk
      .getByRole('table', { name: 'Valeurs lors de la demande et valeurs demandées' })
      .getByRole('row')
      .filter({ hasText: 'Allergies' });
    await expect(allergiesRow.getByRole('cell')).toHaveText([OLD_ALLERGIES, NEW_ALLERGIES]);

    await desk
      .getByRole('group', { name: 'Décision (obligatoire)' })
      .getByRole('radio', { name: 'Refuser', exact: true })
      .check();
    await desk.getByRole('button', { name: 'Enregistrer la décision', exact: true }).click();
    await expect(desk).toHaveTitle(/^Erreur : /);
    const summary = desk.getByRole('alert').filter({ hasText: 'Le formulaire contient une erreur' });
    await expect(summary.getByRole('link')).toHaveText(['Expliquez à la famille pourquoi la demande est refusée.']);
    await expect(fact(desk, 'Statut')).toHaveText('Déposée');
    await expectNoA11yViolations(desk);

    await decide(desk, 'Refuser', REFUSAL);
    await expect(desk.locator('ol.thread')).toContainText(REFUSAL);
  } finally {
    await deskContext.close();
  }

  // The family: the mails, then the request refused with the guichet's message.
  expect(linkIn(await waitForMail(email, 'Votre demande est déposée'))).toBe(requestPage);
  const refused = await waitForMail(email, 'Votre demande : refusée');
  expectCommuneMail(refused, email);
  expect(refused.text).toContain(`Votre demande « ${SUMMARY} » est maintenant : Refusée.`);
  // The message stays behind the login.
  expect(refused.text).not.toContain('certificat');
  expect(linkIn(refused)).toBe(requestPage);

  await page.goto(requestPage);
  await expect(fact(page, 'Statut')).toHaveText('Refusée');
  await expect(timelineOf(page).last()).toContainText('Statut : Refusée');
  const message = page.locator('ol.thread > li');
  await expect(message).toHaveCount(1);
  await expect(message).toContainText('Guichet unique');
  await expect(message).toContainText(REFUSAL);
  await expect(page.getByRole('main')).toContainText('Cette demande est close');
  await expectNoA11yViolations(page);

  // The member page: the old value, nothing pending any more.
  await page.goto(memberPage);
  await expect(health).toContainText(OLD_ALLERGIES);
  await expect(health).not.toContainText(NEW_ALLERGIES);
  await expect(health).not.toContainText('En attente de validation');
  await expectNoA11yViolations(page);

  // Dernières demandes, filtered on « Refusée ».
  await page.goto(`${COMMUNE}/mon-tableau-de-bord/demandes`);
  await expect(heading(page)).toHaveText('Dernières demandes');
  await expectNoA11yViolations(page);
  await page.getByLabel('Statut', { exact: true }).selectOption({ label: 'Refusée' });
  await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
  await expect(page).toHaveURL(`${COMMUNE}/mon-tableau-de-bord/demandes?statut=refusee`);
  await expect(page.getByRole('main')).toContainText('1 demande avec le statut « Refusée ».');
  await expect(
    page.getByRole('table', { name: /Vos demandes/ }).getByRole('link', { name: SUMMARY, exact: true }),
  ).toBeVisible();
  await expectNoA11yViolations(page);
});
