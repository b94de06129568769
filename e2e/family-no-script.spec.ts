import { expect, test } from '@playwright/test';
import { E2E_PASSWORD, noScriptFamily as family } from './support/e2eFamilies.js';
import { fact, heading, mainNav, noScriptAxe, statusNotice } from './support/familyJourneys.js';
import { COMMUNE } from './support/journeys.js';

const SUMMARY = 'Nouveau membre du foyer : Léon LAMBERT';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('« Ajouter un membre du foyer »: errors, the request, a message to the guichet and the cancellation, all plain forms', async ({
    page,
    browser,
  }) => {
    test.slow();
    const checkerContext = await browser.newContext({ javaScriptEnabled: true });
    const expectNoA11yViolations = noScriptAxe(page, await checkerContext.newPage());

    await page.goto(`${COMMUNE}/connexion`);
    await expectNoA11yViolations();
    await page
      .getByLabel('Identifiant ou adresse e-mail (obligatoire)', { exact: true })
      .fill(family.representative.username);
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('main').getByRole('button', { name: 'Connexion', exact: true }).click();
    await expect(heading(page)).toHaveText('Bonjour Monsieur LAMBERT');
    await expectNoA11yViolations();

    await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
    await expect(heading(page)).toHaveText('Ma famille');
    await expectNoA11yViolations();
    await page.getByRole('main').getByRole('link', { name: 'Ajouter un membre du foyer', exact: true }).click();
    await expect(heading(page)).toHaveText('Ajouter un membre du foyer');
    await expect(page.getByRole('main')).toContainText('Votre demande sera transmise au guichet unique');
    await expectNoA11yViolations();

    // Empty: the server says what is missing, in the error summary.
    const send = page.getByRole('button', { name: 'Envoyer la demande', exact: true });
    await send.click();
    await expect(page).toHaveTitle(/^Erreur : Ajouter un membre du foyer/);
    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { level: 2 }) });
    await expect(summary.getByRole('link')).toHaveText([
      'Indiquez le prénom.',
      'Indiquez le nom.',
      'Indiquez la date de naissance au format JJ/MM/AAAA, par exemple 14/05/2018.',
      'Indiquez si c’est un enfant ou un autre adulte du foyer.',
    ]);
    await expectNoA11yViolations();

    // A date that does not exist: that error alone, and what was typed comes back.
    await page.getByLabel('Prénom (obligatoire)', { exact: true }).fill('Léon');
    await page.getByLabel('Nom (obligatoire)', { exact: true }).fill('Lambert');
    const birthDate = page.getByLabel('Date de naissance (obligatoire)', { exact: true });
    await birthDate.fill('31/02/2024');
    await page.getByRole('radio', { name: 'Masculin', exact: true }).check();
    await page
      .getByRole('group', { name: 'Ce membre du foyer est (obligatoire)' })
      .getByRole('radio', { name: 'Enfant', exact: true })
      .check();
    await send.click();
    await expect(summary.getByRole('link')).toHaveText(['Cette date de naissance n’existe pas.']);
    await expect(page.getByLabel('Prénom (obligatoire)', { exact: true })).toHaveValue('Léon');
    await expect(birthDate).toHaveValue('31/02/2024');
    await expect(page.getByRole('radio', { name: 'Masculin', exact: true })).toBeChecked();
    await expect(page.getByRole('radio', { name: 'Enfant', exact: true })).toBeChecked();
    await expectNoA11yViolations();

    await birthDate.fill('03/03/2024');
    await send.click();
    await expect(heading(page)).toHaveText('Ma famille');
    const sent = statusNotice(page, 'Votre demande d’ajout d’un membre du foyer a été transmise au guichet unique.');
    await expect(sent).toBeVisible();
    const pending = page.getByRole('main').getByRole('link', { name: SUMMARY, exact: true });
    await expect(pending).toBeVisible();
    await expectNoA11yViolations();

    // The request: what is asked, a message to the guichet, then the cancellation with its confirmation.
    await sent.getByRole('link', { name: 'Suivre la demande', exact: true }).click();
    await expect(heading(page)).toHaveText(SUMMARY);
    const asked = page.getByRole('table', { name: 'Ce qui est demandé' });
    await expect(asked.getByRole('row').filter({ hasText: 'Date de naissance' })).toContainText('03/03/2024');
    await expectNoA11yViolations();
    const message = 'Léon est né le 3 mars : j’apporte le livret de famille au guichet demain.';
    await page.getByLabel('Votre message (obligatoire)', { exact: true }).fill(message);
    await page.getByRole('button', { name: 'Envoyer mon message', exact: true }).click();
    await expect(statusNotice(page, 'Votre message est envoyé au guichet unique.')).toBeVisible();
    await expect(page.locator('ol.thread')).toContainText(message);
    await expectNoA11yViolations();

    await page.getByRole('button', { name: 'Annuler ma demande', exact: true }).click();
    await expect(heading(page)).toHaveText('Annuler ma demande');
    await expectNoA11yViolations();
    await page.getByRole('button', { name: 'Oui, annuler ma demande', exact: true }).click();
    await expect(statusNotice(page, 'Votre demande est annulée.')).toBeVisible();
    await expect(fact(page, 'Statut')).toHaveText('Annulée');
    await expect(page.getByRole('button', { name: 'Annuler ma demande' })).toHaveCount(0);
    await expectNoA11yViolations();

    // Nothing waits any more, and no member was added.
    await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
    await expect(page.getByRole('main')).toContainText('Aucune modification n’attend la validation du guichet unique.');
    await expect(page.getByRole('main')).not.toContainText('Léon');
    await expectNoA11yViolations();
    await checkerContext.close();
  });
});
