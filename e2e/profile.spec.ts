import { expect, test } from '@playwright/test';
import { expectNoA11yViolations, expectNoHorizontalScroll } from './support/axe.js';
import { profileFamily as family } from './support/e2eFamilies.js';
import { fact, heading, loginFamily, statusNotice } from './support/familyJourneys.js';
import { KeyboardUser } from './support/keyboard.js';
import { COMMUNE } from './support/journeys.js';

test.describe('« Profil » at 320 px, with the keyboard only', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('a parent changes the profile’s address and phone, then takes back the family file’s address and phones', async ({
    page,
  }) => {
    test.slow();
    await loginFamily(page, family);
    await page.goto(`${COMMUNE}/mon-espace`);
    await expect(heading(page)).toHaveText('Mon espace');
    await expect(fact(page, 'Adresse du foyer (dossier famille)')).toContainText(family.address.street);
    await expect(page.getByRole('main')).toContainText('Elle est la même que celle de votre profil.');
    await expectNoHorizontalScroll(page);
    await expectNoA11yViolations(page);

    const keyboard = new KeyboardUser(page);
    await keyboard.tabTo(page.getByRole('link', { name: 'Modifier mon adresse et mes téléphones', exact: true }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Modifier mon adresse et mes téléphones');
    await expectNoHorizontalScroll(page);
    await expectNoA11yViolations(page);

    // A wrong phone comes back with the summary, its link leading to the field.
    const street = page.getByLabel('Numéro et voie (obligatoire)', { exact: true });
    const mobile = page.getByLabel('Téléphone portable', { exact: true });
    await keyboard.tabTo(street);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('15 Boulevard de la Paix');
    await keyboard.tabTo(mobile);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('06 21');
    await page.keyboard.press('Enter');
    await expect(page).toHaveTitle(/^Erreur : /);
    const summary = page.getByRole('alert');
    await expect(summary).toContainText('Le numéro de téléphone comporte 10 chiffres');
    await expect(street).toHaveValue('15 Boulevard de la Paix');
    await expectNoHorizontalScroll(page);
    await expectNoA11yViolations(page);
    await keyboard.tabTo(summary.getByRole('link', { name: /10 chiffres/ }));
    await page.keyboard.press('Enter');
    await expect(mobile).toBeFocused();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('06 21 00 99 41');
    await page.keyboard.press('Enter');

    // Saved: the profile's address now differs from the file's, and the page offers both copies.
    await expect(statusNotice(page, 'Votre profil est enregistré.')).toBeVisible();
    await expect(fact(page, 'Adresse de votre profil')).toContainText('15 Boulevard de la Paix');
    await expect(fact(page, 'Téléphones')).toHaveText('06 21 00 99 41');
    await expect(page.getByRole('main')).toContainText('Elle diffère de celle de votre profil.');
    await expect(
      page.getByRole('button', { name: 'Utiliser l’adresse de mon profil pour le dossier famille', exact: true }),
    ).toBeVisible();
    await expectNoHorizontalScroll(page);
    await expectNoA11yViolations(page);

    await keyboard.tabTo(
      page.getByRole('button', { name: 'Reprendre l’adresse du dossier famille dans mon profil', exact: true }),
    );
    await page.keyboard.press('Enter');
    await expect(
      statusNotice(page, 'L’adresse de votre dossier famille est maintenant aussi celle de votre profil.'),
    ).toBeVisible();
    await expect(fact(page, 'Adresse de votre profil')).toContainText(family.address.street);
    await expect(page.getByRole('main')).toContainText('Elle est la même que celle de votre profil.');
    await expectNoA11yViolations(page);

    // The phones: the guichet unique calls the file's; the parent takes them back into the profile.
    await expect(fact(page, 'Vos numéros dans le dossier famille')).toHaveText(family.representative.phone);
    await expect(page.getByRole('main')).toContainText('Ils diffèrent de ceux de votre profil.');
    await expect(
      page.getByRole('button', { name: 'Utiliser les téléphones de mon profil pour le dossier famille', exact: true }),
    ).toBeVisible();
    await keyboard.tabTo(
      page.getByRole('button', { name: 'Reprendre les téléphones du dossier famille dans mon profil', exact: true }),
    );
    await page.keyboard.press('Enter');
    await expect(
      statusNotice(page, 'Les téléphones de votre dossier famille sont maintenant aussi ceux de votre profil.'),
    ).toBeVisible();
    await expect(fact(page, 'Téléphones')).toHaveText(family.representative.phone);
    await expect(page.getByRole('main')).toContainText('Ce sont les mêmes que ceux de votre profil.');
    await expectNoHorizontalScroll(page);
    await expectNoA11yViolations(page);
    keyboard.expectFocusAlwaysVisible();
  });
});
