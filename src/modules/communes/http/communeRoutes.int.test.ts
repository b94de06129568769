import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/appFixture.js';
import { testDatabases } from '../../../../test/databases.js';
import { createCommune, defaultTexts } from '../../../../test/factories.js';
import { buildTestApp } from '../../../../test/testApp.js';
import { SHARED_PAGE_MS } from '../../../platform/http/pages.js';
import { CommunesRepository } from '../communesRepository.js';

describe.each(testDatabases())('commune pages on $name', ({ open }) => {
  const { t } = useTestApp(open);

  it('shows the commune public home with every block', async () => {
    const commune = await createCommune(t.container.communes, {}, defaultTexts('maison'));
    const response = await t.get(`/${commune.slug}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    for (const text of [
      commune.name,
      'Mon espace perso',
      'Connexion',
      "J'ai oublié mon mot de passe",
      "Je n'ai pas d'espace",
      'Créer mon espace',
      'Aide maison.',
      'Repère maison.',
      "Mode d'emploi de votre espace citoyens",
      commune.desk.name,
      'href="tel:+33123456789"',
      'Mentions légales',
      'Accessibilité : partiellement conforme',
      `href="${commune.mainSiteUrl}"`,
    ]) {
      expect(html, text).toContain(text);
    }
  });

  it('keeps each commune to its own data', async () => {
    const a = await createCommune(t.container.communes, {}, defaultTexts('alpha'));
    const b = await createCommune(t.container.communes, { brandColor: '#f2c230' }, defaultTexts('beta'));
    const homeA = await (await t.get(`/${a.slug}`)).text();
    const homeB = await (await t.get(`/${b.slug}`)).text();
    expect(homeA).toContain('Aide alpha.');
    expect(homeA).not.toContain('beta');
    expect(homeA).not.toContain(b.name);
    expect(homeB).toContain('Aide beta.');
    expect(homeB).not.toContain('alpha');
    // B's light colour stays on the band, with black text; links on white use the portal's accent.
    expect(homeB).toMatch(/--band:#f2c230;--on-band:#000000;--accent:#1d4e89/);
    expect(homeA).toMatch(/--band:#00558c;--on-band:#ffffff;--accent:#00558c/);
    const legalA = await (await t.get(`/${a.slug}/mentions-legales`)).text();
    expect(legalA).toContain('Mentions alpha.');
    expect(legalA).not.toContain('Mentions beta.');
  });

  it('serves the legal pages, the contacts and the guide', async () => {
    const commune = await createCommune(t.container.communes);
    for (const [path, heading] of [
      ['mentions-legales', 'Mentions légales'],
      ['conditions-generales-d-utilisation', "Conditions générales d'utilisation"],
      ['accessibilite', 'Déclaration d’accessibilité'],
      ['contacts', 'Contacts'],
      ['mode-d-emploi', "Mode d'emploi de votre espace citoyens"],
    ] as const) {
      const response = await t.get(`/${commune.slug}/${path}`);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toContain(`<h1>${heading}</h1>`);
    }
  });

  it('offers the guide as a PDF download naming the commune', async () => {
    const commune = await createCommune(t.container.communes);
    const response = await t.get(`/${commune.slug}/mode-d-emploi.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="mode-d-emploi-espace-citoyens-commune-/,
    );
    const pdf = Buffer.from(await response.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Tagged, in French, with a title: what a screen reader needs.
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/MarkInfo');
    expect(raw).toContain('/Lang (fr-FR)');
    const home = await (await t.get(`/${commune.slug}`)).text();
    expect(home).toMatch(/PDF, \d+ Ko/);
  });

  it('answers a French 404 for a missing text, and for an unknown commune', async () => {
    const commune = await createCommune(t.container.communes, {}, []);
    const missing = await t.get(`/${commune.slug}/mentions-legales`);
    expect(missing.status).toBe(404);
    const page = await missing.text();
    expect(page).toContain('Page introuvable');
    expect(page).toContain(commune.name);
    const unknown = await t.get('/commune-qui-n-existe-pas');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Page introuvable');
  });

  it('serves the logo under a versioned address, kept long, unable to run scripts', async () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
    const commune = await createCommune(t.container.communes, { logo: { mediaType: 'image/svg+xml', bytes: svg } });
    const home = await (await t.get(`/${commune.slug}`)).text();
    const src = /<img class="brand__logo" src="([^"]+)"/.exec(home)?.[1];
    expect(src).toBe(`/${commune.slug}/logo/${commune.version}`);
    const logo = await t.get(src!);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/svg+xml');
    expect(logo.headers.get('cache-control')).toContain('immutable');
    expect(logo.headers.get('content-security-policy')).toContain('sandbox');
    expect(await logo.text()).toBe('<svg xmlns="http://www.w3.org/2000/svg"/>');
  });

  it('escapes what a commune wrote', async () => {
    const commune = await createCommune(t.container.communes, { presentation: ['<script>alert(1)</script>'] });
    const home = await (await t.get(`/${commune.slug}`)).text();
    expect(home).not.toContain('<script>alert(1)</script>');
    expect(home).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('lists the communes of the deployment on /', async () => {
    const commune = await createCommune(t.container.communes);
    const directory = await (await t.get('/')).text();
    expect(directory).toContain(`href="/${commune.slug}"`);
  });
});

describe.each(testDatabases())('shared public pages on $name', ({ open }) => {
  it('shows a change of a commune text within the shared-page delay, each response with its own nonce', async () => {
    const database = await open();
    const t = await buildTestApp(database);
    try {
      const commune = await createCommune(t.container.communes, {}, defaultTexts('avant'));
      const first = await t.get(`/${commune.slug}/mentions-legales`);
      const firstNonce = /<style nonce="([^"]+)">/.exec(await first.text())?.[1];
      await new CommunesRepository(database.db).saveText(commune, {
        kind: 'mentions-legales',
        title: 'Mentions légales',
        sections: [{ paragraphs: ['Mentions après.'] }],
      });
      const soon = await (await t.get(`/${commune.slug}/mentions-legales`)).text();
      expect(soon).toContain('Mentions avant.');
      expect(/<style nonce="([^"]+)">/.exec(soon)?.[1]).not.toBe(firstNonce);
      t.clock.advance(SHARED_PAGE_MS + 1);
      expect(await (await t.get(`/${commune.slug}/mentions-legales`)).text()).toContain('Mentions après.');
    } finally {
      await t.close();
      await database.close();
    }
  });
});

describe.each(testDatabases())('the deployment pages on $name', ({ open }) => {
  it('link a legal notice and an accessibility statement from the footer of pages that belong to no commune', async () => {
    const database = await open();
    const t = await buildTestApp(database);
    try {
      for (const path of ['/', '/commune-inconnue']) {
        const html = await (await t.get(path)).text();
        expect(html, path).toContain('href="/accessibilite">Accessibilité : partiellement conforme</a>');
        expect(html, path).toContain('href="/mentions-legales">Mentions légales</a>');
      }
      for (const [path, heading] of [
        ['/accessibilite', 'Déclaration d’accessibilité'],
        ['/mentions-legales', 'Mentions légales'],
      ] as const) {
        const response = await t.get(path);
        expect(response.status).toBe(200);
        expect(await response.text()).toContain(`<h1>${heading}</h1>`);
      }
    } finally {
      await t.close();
      await database.close();
    }
  });
});
