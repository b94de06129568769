import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe.js';
import { E2E_PASSWORD, keyboardFamily as family } from './support/e2eFamilies.js';
import { heading, mainNav, statusNotice, timelineOf } from './support/familyJourneys.js';
import { COMMUNE } from './support/journeys.js';
import { KeyboardUser } from './support/keyboard.js';

const NEW_PHONE = '07 61 42 00 14';
const PHONE_ERROR = 'Le numéro de téléphone comporte 10 chiffres, par exemple 06 12 34 56 78.';

test('keyboard alone: a parent logs in, changes a phone number and the preferred contact in Coordonnées, and finds it in the history; the focus always visible', async ({
  page,
}) => {
  test.slow();
  const keys = new KeyboardUser(page);
  const { representative } = family;

  // Login: Enter in the password field sends the form.
  await page.goto(`${COMMUNE}/connexion`);
  await expectNoA11yViolations(page);
  await keys.typeInto(
    page.getByLabel('Identifiant ou adresse e-mail (obligatoire)', { exact: true }),
    representative.username,
  );
  await keys.tabTo(page.getByLabel('Mot de passe (obligatoire)', { exact: true }));
  await page.keyboard.type(E2E_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Bonjour Monsieur ROCHE');
  await expectNoA11yViolations(page);

  // Mon tableau de bord → Coordonnées → « Modifier » the phones.
  await keys.tabTo(mainNav(page).getByRole('link', { name: 'Mon tableau de bord', exact: true }));
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Mon tableau de bord');
  await expectNoA11yViolations(page);
  await keys.tabTo(page.getByRole('link', { name: 'Voir et modifier mes coordonnées', exact: true }));
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Coordonnées');
  await expectNoA11yViolations(page);
  await keys.tabTo(page.getByRole('link', { name: 'Modifier : Vos téléphones et e-mail', exact: true }));
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Modifier : Téléphones et e-mail — vos coordonnées');
  await expectNoA11yViolations(page);

  // A number too short: Enter in the field sends the form; the summary takes the focus and leads back to the field.
  const mobile = page.getByLabel('Téléphone portable', { exact: true });
  await expect(mobile).toHaveValue(representative.phone);
  await keys.tabTo(mobile);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('07 61 42');
  await page.keyboard.press('Enter');
  await expect(page).toHaveTitle(/^Erreur : /);
  const summary = page.getByRole('alert').filter({ hasText: 'Le formulaire contient une erreur' });
  await expect.soft(summary, 'the error summary has the focus after the refused submit').toBeFocused({ timeout: 1000 });
  await expectNoA11yViolations(page);
  await keys.tabTo(summary.getByRole('link', { name: PHONE_ERROR, exact: true }));
  await keys.press('Enter');
  await expect(mobile).toBeFocused();
  await expect(mobile).toHaveValue('07 61 42');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(NEW_PHONE);
  await expect(mobile).toHaveValue(NEW_PHONE);

  // The preferred contact, with the arrow keys inside the radio group.
  const email = page.getByRole('radio', { name: 'E-mail', exact: true });
  await expect(email).toBeChecked();
  await keys.tabTo(email);
  await keys.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'SMS', exact: true })).toBeChecked();
  await keys.tabTo(page.getByRole('button', { name: 'Enregistrer', exact: true }));
  await page.keyboard.press('Enter');

  await expect(heading(page)).toHaveText('Coordonnées');
  await expect(statusNotice(page, 'Modification enregistrée.')).toBeVisible();
  const contact = page.getByRole('region', { name: 'Vos téléphones et e-mail' });
  await expect(contact).toContainText(NEW_PHONE);
  await expect(contact).toContainText(/Moyen de contact préféré\s*SMS/);
  await expectNoA11yViolations(page);

  // Ma famille → Historique des modifications.
  await keys.tabTo(mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }));
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Ma famille');
  await expectNoA11yViolations(page);
  await keys.tabTo(page.getByRole('link', { name: 'Historique des modifications', exact: true }), { max: 60 });
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Historique des modifications');
  const change = timelineOf(page).filter({ hasText: 'Téléphones et e-mail' });
  await expect(change).toContainText(`Téléphone portable : ${representative.phone} → ${NEW_PHONE}`);
  await expect(change).toContainText('Moyen de contact préféré : E-mail → SMS');
  await expectNoA11yViolations(page);

  expect(keys.stops.length).toBeGreaterThan(20);
  keys.expectFocusAlwaysVisible();
});
