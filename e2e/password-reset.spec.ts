import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe.js';
import { expectCommuneMail, linkIn, mailsTo, waitForMail } from './support/mail.js';
import { COMMUNE, activatedCitizen, expectLoginNotice, greetingOf, login, uniqueSuffix } from './support/journeys.js';

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const SENT_NOTICE =
  "Si un espace correspond, un e-mail vient d'être envoyé à son adresse. Le lien qu'il contient fonctionne une fois, pendant une heure.";

async function askForReset(page: Page, identifier: string): Promise<void> {
  await page.getByLabel('Identifiant ou adresse e-mail (obligatoire)', { exact: true }).fill(identifier);
  await page.getByRole('button', { name: 'Recevoir un lien', exact: true }).click();
  await expect(page).toHaveURL(`${COMMUNE}/mot-de-passe-oublie?envoye=1`);
  await expect(page.getByRole('main')).toContainText(SENT_NOTICE);
}

test.describe("J'ai oublié mon mot de passe", () => {
  test('the reset link arrives by mail, a too-short password is refused in French, the new one logs in, the link works once', async ({
    page,
  }) => {
    test.slow();
    const citizen = await activatedCitizen(page, 'oubli', { civility: 'monsieur', lastName: 'Garnier' });
    const newPassword = 'La marmotte dort en hiver sous la neige';

    // From the login page's link.
    await page.getByRole('link', { name: "J'ai oublié mon mot de passe", exact: true }).click();
    await expect(heading(page)).toHaveText("J'ai oublié mon mot de passe");
    await expectNoA11yViolations(page);

    // An unknown account gets the very same answer (no enumeration), and no mail leaves.
    const stranger = `personne.${uniqueSuffix()}@example.org`;
    await askForReset(page, stranger);
    await expectNoA11yViolations(page);

    await page.goto(`${COMMUNE}/mot-de-passe-oublie`);
    await askForReset(page, citizen.username);

    const mail = await waitForMail(citizen.email, 'Choisissez un nouveau mot de passe');
    expectCommuneMail(mail, citizen.email);
    expect(mail.text).toContain(`Bonjour ${greetingOf(citizen)},`);
    const link = linkIn(mail);
    expect(link).toMatch(new RegExp(`${COMMUNE}/mot-de-passe-oublie/nouveau\\?jeton=`));
    expect(await mailsTo(stranger)).toEqual([]);

    await page.goto(link);
    await expect(heading(page)).toHaveText('Choisir un nouveau mot de passe');
    await expectNoA11yViolations(page);

    const password = page.getByLabel('Nouveau mot de passe (obligatoire)', { exact: true });
    const confirmation = page.getByLabel('Confirmation du mot de passe (obligatoire)', { exact: true });
    const save = page.getByRole('button', { name: 'Enregistrer le mot de passe', exact: true });

    // Too short: the French message says how to fix it, the page says it has an error.
    await password.fill('court');
    await confirmation.fill('court');
    await save.click();
    await expect(page).toHaveTitle(/^Erreur : /);
    const summary = page.getByRole('alert');
    await expect(summary).toContainText(
      'Le mot de passe doit contenir au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir.',
    );
    await expect(page.locator('#champ-password-erreur')).toContainText('au moins 12 caractères');
    await expect(password).toHaveAttribute('aria-invalid', 'true');
    await expectNoA11yViolations(page);

    await password.fill(newPassword);
    await confirmation.fill(newPassword);
    await save.click();
    await expectLoginNotice(page, 'Votre mot de passe a été changé. Connectez-vous avec le nouveau mot de passe.');

    // The account holder is told by mail that the password changed.
    const notice = await waitForMail(citizen.email, 'Votre mot de passe a été changé');
    expectCommuneMail(notice, citizen.email);

    // The old password no longer opens the account; the new one does.
    await page.getByLabel('Identifiant ou adresse e-mail (obligatoire)', { exact: true }).fill(citizen.username);
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill(citizen.password);
    await page.getByRole('main').getByRole('button', { name: 'Connexion', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText("L'identifiant ou le mot de passe est incorrect.");
    await expectNoA11yViolations(page);
    await login(page, citizen.username, newPassword);
    await expect(heading(page)).toHaveText(`Bonjour ${greetingOf(citizen)}`);

    // The link served once: a second use is told so, with the ways to get a new one.
    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
    await expect(heading(page)).toHaveText('Ce lien ne fonctionne plus');
    await expect(
      page.getByRole('link', { name: 'Recevoir un nouveau lien pour choisir un mot de passe', exact: true }),
    ).toBeVisible();
    await expectNoA11yViolations(page);
  });
});
