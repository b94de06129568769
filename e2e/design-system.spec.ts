import { expect, test, type Page } from '@playwright/test';
import { demoLogins } from '../src/demo/demoPeople.js';
import { expectNoA11yViolations, expectNoHorizontalScroll } from './support/axe.js';
import { COMMUNE, login } from './support/journeys.js';
import { KeyboardUser } from './support/keyboard.js';
import { menuToggle, openMenu, openMenuByKeyboard } from './support/menu.js';

/*
 * The portal's own design system (docs/adr/0026-a-design-of-our-own.md): the components' page of the
 * demo shows each component in each state and passes axe at every width; the header's menu folds on a
 * phone and opens with a tap or the keyboard, without JavaScript too.
 */
const COMPONENTS = `${COMMUNE}/demo/composants`;
const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Menu principal' });

for (const width of [1280, 768, 320]) {
  test(`the components' page shows every component in every state, without an axe violation, at ${width} px`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(COMPONENTS);
    await expect(heading(page)).toHaveText('Composants de l’espace citoyens');

    // The breadcrumb: the steps above as links, the page itself marked as the current one.
    const crumbs = page.getByRole('navigation', { name: "Fil d'Ariane", exact: true });
    await expect(crumbs.getByRole('link', { name: 'Accueil', exact: true })).toBeVisible();
    await expect(crumbs.locator('[aria-current="page"]')).toHaveText('Composants');

    // Tabs: each set says which tab is the page shown, by aria-current, not by its look only.
    const profile = page.getByRole('navigation', { name: 'Exemple d’onglets, Profil choisi' });
    await expect(profile.getByRole('link')).toHaveText(['Profil', 'Identifiants', 'Entourage', 'Clé Enfance']);
    await expect(profile.locator('[aria-current="page"]')).toHaveText('Profil');
    const entourage = page.getByRole('navigation', { name: 'Exemple d’onglets, Entourage choisi' });
    await expect(entourage.locator('[aria-current="page"]')).toHaveText('Entourage');

    // Badges: every status says itself in words; the icons are hidden from screen readers.
    for (const word of ['Annulée', 'Déposée', 'Acceptée', 'À compléter', 'Refusée'])
      await expect(page.locator('.badge', { hasText: word }).first()).toBeVisible();
    const icons = page.locator('main svg.icon');
    expect(await icons.count()).toBeGreaterThan(20);
    expect(await icons.evaluateAll((svgs) => svgs.every((svg) => svg.getAttribute('aria-hidden') === 'true'))).toBe(
      true,
    );

    // Cards: a card that leads somewhere has one link, named by its heading.
    const linkCard = page.getByRole('region', { name: 'Carte qui mène à une page' });
    await expect(linkCard.getByRole('link')).toHaveText(['Carte qui mène à une page']);

    // The menu, folded then unfolded as on a phone.
    const folded = page.getByRole('navigation', { name: 'Exemple de menu replié' });
    await expect(folded.getByRole('link', { name: 'Ma famille', exact: true })).toBeHidden();
    const unfolded = page.getByRole('navigation', { name: 'Exemple de menu déplié' });
    await expect(unfolded.getByRole('link', { name: 'Ma famille', exact: true })).toBeVisible();

    await expectNoHorizontalScroll(page);
    await expectNoA11yViolations(page);
  });
}

test('the components’ page opens a folded menu with a tap', async ({ page }) => {
  await page.goto(COMPONENTS);
  const folded = page.getByRole('navigation', { name: 'Exemple de menu replié' });
  await folded.locator('summary').click();
  await expect(folded.getByRole('link', { name: 'Ma famille', exact: true })).toBeVisible();
  await expectNoA11yViolations(page);
});

test.describe('the header on a phone', () => {
  test.use({ viewport: { width: 375, height: 667 } });

  test('its links fold under « Menu », which opens with a tap; « Déconnexion » stays in sight', async ({ page }) => {
    const { citizen } = demoLogins;
    await login(page, citizen.username, citizen.password);
    await expect(menuToggle(page)).toBeVisible();
    await expect(mainNav(page).getByRole('link', { name: 'Ma famille', exact: true })).toBeHidden();
    await expect(page.getByRole('banner').getByRole('button', { name: 'Déconnexion', exact: true })).toBeInViewport();

    await openMenu(page);
    await expect(mainNav(page).getByRole('link')).toHaveText([
      'Mon accueil',
      'Mon espace',
      'Mon tableau de bord',
      'Ma famille',
    ]);
    await expectNoHorizontalScroll(page);
    await expectNoA11yViolations(page);
    await mainNav(page).getByRole('link', { name: 'Mon espace', exact: true }).click();
    await expect(heading(page)).toHaveText('Mon espace');

    // « Mon espace »'s tabs: links, the current one marked, side by side or wrapped but never clipped.
    const tabs = page.getByRole('navigation', { name: 'Rubriques de Mon espace' });
    await expect(tabs.locator('[aria-current="page"]')).toHaveText('Profil');
    await tabs.getByRole('link', { name: 'Identifiants', exact: true }).click();
    await expect(tabs.locator('[aria-current="page"]')).toHaveText('Identifiants');
    await expectNoHorizontalScroll(page);
    await expectNoA11yViolations(page);
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });

    test('« Menu » opens with the keyboard alone, and its links lead to their pages', async ({ page }) => {
      const { citizen } = demoLogins;
      await page.goto(`${COMMUNE}/connexion`);
      await page.getByLabel('Identifiant ou adresse e-mail (obligatoire)', { exact: true }).fill(citizen.username);
      await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill(citizen.password);
      await page.getByRole('main').getByRole('button', { name: 'Connexion', exact: true }).click();
      await expect(heading(page)).toHaveText(/^Bonjour /);

      const keys = new KeyboardUser(page);
      await openMenuByKeyboard(keys, page);
      await keys.tabTo(mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }));
      await page.keyboard.press('Enter');
      await expect(heading(page)).toHaveText('Ma famille');
      // The menu is folded again on the next page.
      await expect(mainNav(page).getByRole('link', { name: 'Ma famille', exact: true })).toBeHidden();
      await expect(
        page.getByRole('main').getByRole('link', { name: 'Modifier les réservations', exact: true }),
      ).toBeVisible();
    });
  });
});

test('on a wide screen the header shows its links and no « Menu » button', async ({ page }) => {
  const { citizen } = demoLogins;
  await login(page, citizen.username, citizen.password);
  await expect(menuToggle(page)).toBeHidden();
  await expect(mainNav(page).getByRole('link', { name: 'Ma famille', exact: true })).toBeVisible();
  await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
  await expect(heading(page)).toHaveText('Ma famille');
  // « Ma famille »'s démarches are cards, each one link named by its heading.
  const reservations = page.getByRole('region', { name: 'Modifier les réservations' });
  await expect(reservations.getByRole('link')).toHaveText(['Modifier les réservations']);
  await expectNoA11yViolations(page);
});
