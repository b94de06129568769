import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectNoA11yViolations, expectNoHorizontalScroll } from './support/axe.js';

interface DemoCommune {
  slug: string;
  name: string;
  postcode: string;
  accessibilityStatus: string;
  mainSiteUrl: string;
  phone: string;
  tel: string;
  /** The header band, as the browser computes it from the commune's brand colour. */
  band: string;
}

const chanteloup: DemoCommune = {
  slug: 'chanteloup-les-vignes',
  name: 'Chanteloup-les-Vignes',
  postcode: '78570',
  accessibilityStatus: 'partiellement conforme',
  mainSiteUrl: 'https://www.chanteloup-les-vignes.fr/',
  phone: '01 39 74 29 12',
  tel: 'tel:+33139742912',
  band: 'rgb(122, 31, 92)',
};

const belrive: DemoCommune = {
  slug: 'belrive-sur-oise',
  name: 'Belrive-sur-Oise',
  postcode: '95999',
  accessibilityStatus: 'totalement conforme',
  mainSiteUrl: 'https://belrive-sur-oise.example.org/',
  phone: '01 30 00 00 95',
  tel: 'tel:+33130000095',
  band: 'rgb(242, 194, 48)',
};

const communes = [chanteloup, belrive];

function publicPages(commune: DemoCommune): { label: string; path: string; h1: string }[] {
  const base = `/${commune.slug}`;
  return [
    { label: 'accueil', path: base, h1: `Bienvenue sur l'espace citoyens de ${commune.name}` },
    { label: 'mentions légales', path: `${base}/mentions-legales`, h1: 'Mentions légales' },
    { label: 'CGU', path: `${base}/conditions-generales-d-utilisation`, h1: "Conditions générales d'utilisation" },
    { label: 'accessibilité', path: `${base}/accessibilite`, h1: 'Déclaration d’accessibilité' },
    { label: 'contacts', path: `${base}/contacts`, h1: 'Contacts' },
    { label: "mode d'emploi", path: `${base}/mode-d-emploi`, h1: "Mode d'emploi de votre espace citoyens" },
  ];
}

/** Axe and reflow at the desktop width, then again at 320 px wide (WCAG 1.4.10). */
async function expectAccessibleAtAllWidths(page: Page, h1: string): Promise<void> {
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(h1);
  await expect(heading).toBeVisible();
  await expectNoA11yViolations(page);
  await expectNoHorizontalScroll(page);

  await page.setViewportSize({ width: 320, height: 640 });
  await expect(heading).toBeVisible();
  await expectNoHorizontalScroll(page);
  await expectNoA11yViolations(page);
}

for (const commune of communes) {
  test.describe(`${commune.name}: public pages`, () => {
    for (const { label, path, h1 } of publicPages(commune)) {
      test(`${label} (${path}) answers 200, passes axe and reflows at 320 px`, async ({ page }) => {
        const response = await page.goto(path);
        expect(response?.status()).toBe(200);
        await expectAccessibleAtAllWidths(page, h1);
      });
    }

    test('the home shows the blocks a family looks for', async ({ page }) => {
      await page.goto(`/${commune.slug}`);
      const main = page.getByRole('main');

      for (const name of ['Mon espace perso', 'Aide', 'Repères', 'Documents', 'Contact']) {
        await expect(main.getByRole('heading', { level: 2, name, exact: true })).toBeVisible();
      }

      const login = main.getByRole('region', { name: 'Mon espace perso' });
      await expect(login.getByRole('link', { name: 'Connexion', exact: true })).toHaveAttribute(
        'href',
        `/${commune.slug}/connexion`,
      );
      await expect(login.getByRole('link', { name: "J'ai oublié mon mot de passe", exact: true })).toHaveAttribute(
        'href',
        `/${commune.slug}/mot-de-passe-oublie`,
      );
      await expect(login.getByRole('link', { name: 'Créer mon espace', exact: true })).toHaveAttribute(
        'href',
        `/${commune.slug}/creer-mon-espace`,
      );

      const documents = main.getByRole('region', { name: 'Documents' });
      await expect(documents.getByRole('link', { name: /PDF/ })).toHaveAttribute(
        'href',
        `/${commune.slug}/mode-d-emploi.pdf`,
      );

      const contact = main.getByRole('region', { name: 'Contact' });
      const phone = contact.getByRole('link', { name: commune.phone, exact: true });
      await expect(phone).toBeVisible();
      await expect(phone).toHaveAttribute('href', commune.tel);

      const footer = page.getByRole('contentinfo');
      const footerLinks: [string, string][] = [
        [`Retour au site de la commune de ${commune.name}`, commune.mainSiteUrl],
        ['Mentions légales', `/${commune.slug}/mentions-legales`],
        ["Conditions générales d'utilisation", `/${commune.slug}/conditions-generales-d-utilisation`],
        ['Contacts', `/${commune.slug}/contacts`],
        [`Accessibilité : ${commune.accessibilityStatus}`, `/${commune.slug}/accessibilite`],
      ];
      for (const [name, href] of footerLinks) {
        const link = footer.getByRole('link', { name, exact: true });
        await expect(link).toBeVisible();
        await expect(link).toHaveAttribute('href', href);
      }
    });

    test('the footer links lead to their pages', async ({ page }) => {
      await page.goto(`/${commune.slug}`);
      const footer = page.getByRole('contentinfo');
      await footer.getByRole('link', { name: `Accessibilité : ${commune.accessibilityStatus}`, exact: true }).click();
      await expect(page).toHaveURL(`/${commune.slug}/accessibilite`);
      await expect(page.getByRole('main')).toContainText(`L'espace citoyens est ${commune.accessibilityStatus}`);

      await page.getByRole('contentinfo').getByRole('link', { name: 'Mentions légales', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mentions légales');
    });

    test('the guide page offers the PDF guide as a download', async ({ page }) => {
      await page.goto(`/${commune.slug}/mode-d-emploi`);
      const pdfLink = page.getByRole('main').getByRole('link', { name: /Télécharger le mode d'emploi \(PDF, .+\)/ });
      const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
      expect(download.suggestedFilename()).toBe(`mode-d-emploi-espace-citoyens-${commune.slug}.pdf`);
      const file = await readFile(await download.path());
      expect(file.length).toBeGreaterThan(1000);
      expect(file.subarray(0, 4).toString('latin1')).toBe('%PDF');
    });
  });
}

test.describe('two communes, one deployment', () => {
  test('each commune has its own header colour', async ({ page }) => {
    const bands: string[] = [];
    for (const commune of communes) {
      await page.goto(`/${commune.slug}`);
      const band = await page.getByRole('banner').evaluate((header) => getComputedStyle(header).backgroundColor);
      expect(band).toBe(commune.band);
      bands.push(band);
    }
    expect(new Set(bands).size).toBe(communes.length);
  });

  test("Belrive's pages show nothing of Chanteloup", async ({ page }) => {
    for (const { path } of publicPages(belrive)) {
      await page.goto(path);
      await expect(page.locator('body')).not.toContainText('Chanteloup');
      expect((await page.content()).toLowerCase()).not.toContain('chanteloup');
    }
  });
});

test.describe('deployment pages', () => {
  test('the directory lists both communes', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    const main = page.getByRole('main');
    for (const commune of communes) {
      await expect(
        main.getByRole('link', { name: `${commune.name} (${commune.postcode})`, exact: true }),
      ).toHaveAttribute('href', `/${commune.slug}`);
    }
    await expectAccessibleAtAllWidths(page, 'Espaces citoyens');
  });

  test('a commune can be reached from the directory', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: `${belrive.name} (${belrive.postcode})`, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      `Bienvenue sur l'espace citoyens de ${belrive.name}`,
    );
  });

  for (const [name, heading] of [
    ['Mentions légales', 'Mentions légales'],
    ['Accessibilité : partiellement conforme', 'Déclaration d’accessibilité'],
  ] as const) {
    test(`the deployment's « ${name} » page is linked from its footer`, async ({ page }) => {
      await page.goto('/');
      await page.getByRole('contentinfo').getByRole('link', { name, exact: true }).click();
      await expectAccessibleAtAllWidths(page, heading);
    });
  }

  for (const path of ['/chanteloup-les-vignes/page-inconnue', '/commune-inconnue']) {
    test(`an unknown address (${path}) shows the French 404 page`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByText('Page introuvable').first()).toBeVisible();
      await expectAccessibleAtAllWidths(page, 'Page introuvable');
      await expect(page.getByRole('link', { name: "Retour à l'accueil", exact: true })).toBeVisible();
    });
  }
});
