import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations, expectNoHorizontalScroll } from './support/axe.js';
import { CHANTELOUP_MAIL_FROM, linkIn, waitForMail } from './support/mail.js';
import {
  CHILD_KEY_FORMAT,
  DESK,
  deskPage,
  demoAgent,
  issueKey,
  openFamilyFile,
  uniqueSuffix,
} from './support/journeys.js';
import { nextTotpCode } from './support/state.js';

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const deskNav = (page: Page) => page.getByRole('navigation', { name: 'Menu principal' });

/** The demo's second family: Sophie MARTIN has no account, so a key can be issued and revoked for her. */
const MARTIN = { reference: 'F-2026-0002', adult: 'MARTIN Sophie' };

test.describe('Guichet unique', () => {
  test('login with password then TOTP, search « Martin », issue a key shown once and printable, revoke it, read it in the journal', async ({
    page,
  }) => {
    test.slow();
    await page.goto(`${DESK}/connexion`);
    await expect(heading(page)).toHaveText('Connexion au guichet unique');
    await expectNoA11yViolations(page);

    // A wrong password: the error says what to do, and nothing about the account.
    await page.getByLabel('Adresse e-mail (obligatoire)', { exact: true }).fill(demoAgent.email);
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill('Pas le bon mot de passe du tout');
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await expect(page).toHaveTitle(/^Erreur : /);
    await expect(page.getByRole('alert')).toContainText("L'adresse e-mail ou le mot de passe est incorrect.");
    await expect(page.getByLabel('Adresse e-mail (obligatoire)', { exact: true })).toHaveValue(demoAgent.email);
    await expectNoA11yViolations(page);

    // The password alone opens nothing but the second step.
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill(demoAgent.password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await expect(page).toHaveURL(`${DESK}/double-authentification`);
    await expect(heading(page)).toHaveText('Double authentification');
    await expectNoA11yViolations(page);
    await page.goto(`${DESK}/familles`);
    await expect(page).toHaveURL(`${DESK}/double-authentification`);

    // A wrong code is refused, in words that say what to do.
    const codeField = page.getByLabel('Code à 6 chiffres (obligatoire)', { exact: true });
    await codeField.fill('12345');
    await page.getByRole('button', { name: 'Valider', exact: true }).click();
    await expect(page).toHaveTitle(/^Erreur : /);
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoA11yViolations(page);

    await codeField.fill(await nextTotpCode(demoAgent.totpSecret));
    await page.getByRole('button', { name: 'Valider', exact: true }).click();
    await expect(page).toHaveURL(DESK);
    await expect(heading(page)).toHaveText('Accueil du guichet');
    await expect(page.getByRole('main')).toContainText('Administrateur');
    await expectNoA11yViolations(page);

    // Search by name, open the file.
    await openFamilyFile(page, 'Martin', MARTIN.reference);
    const results = `${DESK}/familles?nom=Martin`;
    const file = page.url();
    const sophie = page.getByRole('region', { name: MARTIN.adult });
    await expect(sophie).toContainText(/Espace citoyen relié\s*Non/);
    await expect(page.getByRole('table', { name: `Membres du foyer du dossier ${MARTIN.reference}` })).toContainText(
      'MARTIN Léa',
    );

    // Issue: the key is on this page, and on this page only.
    const key = await issueKey(page, 'Sophie');
    expect(key).toMatch(CHILD_KEY_FORMAT);
    const main = page.getByRole('main');
    await expect(main).toContainText('Cette clé est affichée une seule fois.');
    await expect(main).toContainText(MARTIN.reference);
    await expect(main).toContainText('Madame MARTIN Sophie');
    // Under the file, the breadcrumb leads back to it (the page itself went through axe in issueKey).
    const crumbs = page.getByRole('navigation', { name: "Fil d'Ariane", exact: true });
    await expect(crumbs.getByRole('link')).toHaveText(['Familles', `Dossier famille ${MARTIN.reference}`]);
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText('Clé Enfance');

    // Printed, the sheet is the key and its instructions: no header, footer or screen-only notes.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('banner')).toBeHidden();
    await expect(page.getByRole('contentinfo')).toBeHidden();
    await expect(page.getByText('Cette clé est affichée une seule fois.')).toBeHidden();
    await expect(crumbs).toBeHidden();
    await expect(page.locator('.child-key')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Comment utiliser votre Clé Enfance' })).toBeVisible();
    await page.emulateMedia({ media: 'screen' });
    await expect(page.getByRole('banner')).toBeVisible();

    await crumbs.getByRole('link', { name: `Dossier famille ${MARTIN.reference}`, exact: true }).click();
    await expect(page).toHaveURL(file);
    await expect(sophie).toContainText(/Émise le \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}, pas encore utilisée\./);
    expect(await page.content(), 'the key is shown once: the file does not hold it').not.toContain(key);
    await expectNoA11yViolations(page);

    // Revoke.
    await sophie.getByRole('button', { name: 'Révoquer la clé de Sophie', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'révoquée' })).toHaveText(
      'La Clé Enfance de MARTIN Sophie est révoquée : elle ne peut plus être utilisée.',
    );
    await expect(sophie).toContainText(/Révoquée le \d{2}\/\d{2}\/\d{4}/);
    await expect(sophie.getByRole('button', { name: 'Révoquer la clé de Sophie' })).toHaveCount(0);
    await expect(
      sophie.getByRole('button', { name: 'Émettre une nouvelle clé pour Sophie', exact: true }),
    ).toBeVisible();
    await expectNoA11yViolations(page);

    // The journal holds the issue and the revocation, by this agent.
    await deskNav(page).getByRole('link', { name: 'Journal', exact: true }).click();
    await expect(heading(page)).toHaveText('Journal');
    await expectNoA11yViolations(page);
    await page.getByLabel('Type d’action', { exact: true }).selectOption({ label: 'Clés Enfance' });
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    await expect(page).toHaveURL(/action=child-key\./);
    const events = page.getByRole('table', { name: /Événements du journal/ });
    const issued = events
      .getByRole('row')
      .filter({ hasText: 'Clé Enfance émise' })
      .filter({ hasText: demoAgent.email });
    await expect(issued.first()).toBeVisible();
    await expect(
      events.getByRole('row').filter({ hasText: 'Clé Enfance révoquée' }).filter({ hasText: demoAgent.email }).first(),
    ).toBeVisible();
    expect(await page.content(), 'the journal never holds a key').not.toContain(key);
    await expectNoA11yViolations(page);

    // A wrong date in the filter is said, not ignored.
    await page.getByLabel('Du', { exact: true }).fill('31/02');
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    await expect(page.getByRole('alert')).toContainText('La date de début doit être de la forme JJ/MM/AAAA');
    await expectNoA11yViolations(page);

    // The search results page, seen again, and the logout.
    await page.goto(results);
    await expect(page.getByRole('table', { name: 'Familles correspondant à « Martin »' })).toContainText(
      MARTIN.reference,
    );
    await page.getByRole('banner').getByRole('button', { name: 'Déconnexion', exact: true }).click();
    await expect(page).toHaveURL(`${DESK}/connexion?deconnecte=1`);
    await expect(page.getByRole('status')).toHaveText('Vous êtes déconnecté du guichet unique.');
    await expectNoA11yViolations(page);
    await page.goto(file);
    await expect(page).toHaveURL(`${DESK}/connexion`);
  });

  test('an administrator invites an agent: the mail arrives over SMTP, the agent sets a password and enrols TOTP', async ({
    browser,
    page,
  }) => {
    test.slow();
    const { desk: admin, deskContext } = await deskPage(browser);
    const suffix = uniqueSuffix();
    const invited = {
      email: `agent.${suffix}@chanteloup-les-vignes.example.org`,
      firstName: 'Malik',
      lastName: `Roussel`,
    };

    await admin.goto(DESK);
    await deskNav(admin).getByRole('link', { name: 'Agents', exact: true }).click();
    await expect(heading(admin)).toHaveText('Agents');
    await expectNoA11yViolations(admin);

    // Empty: each field says what to do.
    const send = admin.getByRole('button', { name: "Envoyer l'invitation", exact: true });
    await send.click();
    await expect(admin).toHaveTitle(/^Erreur : /);
    const summary = admin.getByRole('alert');
    await expect(summary).toContainText(
      "Indiquez l'adresse e-mail professionnelle de l'agent : l'invitation y sera envoyée.",
    );
    await expect(summary).toContainText("Indiquez le prénom de l'agent.");
    await expectNoA11yViolations(admin);

    await admin.getByLabel('Adresse e-mail (obligatoire)', { exact: true }).fill(invited.email);
    await admin.getByLabel('Prénom (obligatoire)', { exact: true }).fill(invited.firstName);
    await admin.getByLabel('Nom (obligatoire)', { exact: true }).fill(invited.lastName);
    await admin
      .getByRole('group', { name: 'Rôle (obligatoire)' })
      .getByRole('radio', { name: 'Agent du guichet unique', exact: true })
      .check();
    await send.click();
    await expect(admin).toHaveURL(`${DESK}/agents?fait=invited`);
    await expect(admin.getByRole('status').filter({ hasText: 'invitation' })).toHaveText(
      "L'invitation est envoyée. Le lien qu'elle contient est valable 72 heures.",
    );
    const row = admin.getByRole('row').filter({ hasText: invited.email });
    await expect(row).toContainText('Invitation en attente');
    await expectNoA11yViolations(admin);

    // The mail, from the SMTP server: the commune's guichet address, with its display name.
    const mail = await waitForMail(invited.email, 'Votre accès au guichet unique');
    expect(mail.from).toEqual(CHANTELOUP_MAIL_FROM);
    expect(mail.to).toEqual([invited.email]);
    expect(mail.text).toContain(`Bonjour ${invited.firstName},`);
    expect(mail.html).toContain('<html lang="fr">');
    const link = linkIn(mail);
    expect(link).toMatch(new RegExp(`${DESK}/invitation\\?jeton=`));

    // The invited agent, in their own browser.
    await page.goto(link);
    await expect(heading(page)).toHaveText('Choisir mon mot de passe');
    await expect(page.getByRole('main')).toContainText(`Bienvenue ${invited.firstName} ${invited.lastName}`);
    await expectNoA11yViolations(page);
    const password = page.getByLabel('Mot de passe (obligatoire)', { exact: true });
    const confirmation = page.getByLabel('Confirmation du mot de passe (obligatoire)', { exact: true });
    await password.fill('Douze lettres');
    await confirmation.fill('Douze lettres');
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe', exact: true }).click();
    await expect(page).toHaveTitle(/^Erreur : /);
    await expect(page.getByRole('alert')).toContainText('au moins 16 caractères');
    await expectNoA11yViolations(page);
    const agentPassword = 'Le guichet ouvre à huit heures trente';
    await password.fill(agentPassword);
    await confirmation.fill(agentPassword);
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe', exact: true }).click();
    await expect(page).toHaveURL(`${DESK}/connexion?active=1`);
    await expect(page.getByRole('status')).toContainText('Votre mot de passe est enregistré.');
    await expectNoA11yViolations(page);

    // First login: the TOTP enrolment, with a QR code and the secret to type.
    await page.getByLabel('Adresse e-mail (obligatoire)', { exact: true }).fill(invited.email);
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill(agentPassword);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await expect(page).toHaveURL(`${DESK}/double-authentification/activer`);
    await expect(heading(page)).toHaveText('Activer la double authentification');
    await expect(
      page.getByRole('img', { name: "QR code à scanner avec votre application d'authentification" }),
    ).toBeVisible();
    await expectNoA11yViolations(page);
    const secret = (await page.locator('.secret').innerText()).replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel('Code à 6 chiffres (obligatoire)', { exact: true }).fill(await nextTotpCode(secret));
    await page.getByRole('button', { name: 'Activer', exact: true }).click();
    await expect(heading(page)).toHaveText('Vos codes de secours');
    const codes = page.locator('ol.recovery-codes > li');
    await expect(codes).toHaveCount(10);
    expect(await codes.first().innerText()).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
    await expectNoA11yViolations(page);
    await page.getByRole('link', { name: "J'ai noté mes codes de secours", exact: true }).click();
    await expect(heading(page)).toHaveText('Accueil du guichet');
    await expect(page.getByRole('main')).toContainText('Agent du guichet unique');
    // An agent is no administrator: neither the agents nor the journal are theirs.
    await expect(deskNav(page).getByRole('link', { name: 'Familles', exact: true })).toBeVisible();
    await expect(deskNav(page).getByRole('link', { name: 'Agents', exact: true })).toHaveCount(0);
    await expect(deskNav(page).getByRole('link', { name: 'Journal', exact: true })).toHaveCount(0);
    expect((await page.goto(`${DESK}/journal`))?.status()).toBe(404);
    await expectNoA11yViolations(page);

    // The administrator sees the new agent active.
    await admin.reload();
    await expect(admin.getByRole('row').filter({ hasText: invited.email })).toContainText('Actif');
    await deskContext.close();
  });
});

test('on a tablet and a phone, the day list shows every column and the family file what the family does', async ({
  browser,
}) => {
  test.slow();
  const { desk, deskContext } = await deskPage(browser);
  try {
    for (const width of [768, 375]) {
      await desk.setViewportSize({ width, height: 900 });
      await desk.goto(`${DESK}/listes?jour=2026-11-17`);
      await expect(heading(desk)).toHaveText('Listes du jour');
      await expectNoHorizontalScroll(desk);
      // No column hidden off screen: every cell, PAI and absence included, lies within the page's width.
      const cells = await desk
        .locator('table.day-list__table td')
        .evaluateAll((tds) =>
          tds.map((td) => ({ right: td.getBoundingClientRect().right, shown: td.getBoundingClientRect().height > 0 })),
        );
      expect(cells.length, `cells at ${width} px`).toBeGreaterThan(0);
      for (const cell of cells) {
        expect(cell.shown).toBe(true);
        expect(cell.right).toBeLessThanOrEqual(width);
      }
      await expectNoA11yViolations(desk);

      // « Remi », without its accent, finds the DUPONTs' file.
      await desk.goto(`${DESK}/familles?nom=Remi`);
      await expectNoA11yViolations(desk);
      await desk.getByRole('link', { name: 'F-2026-0001', exact: true }).click();
      await expect(heading(desk)).toHaveText('Dossier famille F-2026-0001');
      await expect(desk.getByRole('heading', { level: 2, name: 'Ce que fait la famille' })).toBeVisible();
      await expectNoHorizontalScroll(desk);
      await expectNoA11yViolations(desk);
    }
  } finally {
    await deskContext.close();
  }
});

test('the guichet pages are not reachable without a login', async ({ page }) => {
  for (const path of [DESK, `${DESK}/familles?nom=Martin`, `${DESK}/agents`, `${DESK}/journal`]) {
    await page.goto(path);
    await expect(page, `${path} sends to the login`).toHaveURL(`${DESK}/connexion`);
  }
  await expect(heading(page)).toHaveText('Connexion au guichet unique');
  await expectNoA11yViolations(page);
});
