import { beforeAll, describe, expect, it } from 'vitest';
import { SHARED_PAGE_MS } from './pages.js';
import { useTestApp } from '../../../test/appFixture.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { buildTestApp } from '../../../test/testApp.js';

describe.each(testDatabases())('HTTP pipeline on $name', ({ open }) => {
  const { t } = useTestApp(open, {
    extraRoutes: (app) =>
      app.get('/test-failure', async () => {
        throw new Error('secret detail: connection string postgres://user:pw@db');
      }),
  });
  let slug: string;

  beforeAll(async () => {
    slug = (await createCommune(t.container.communes)).slug;
  });

  it('sets the security headers of SECURITY.md on every page', async () => {
    const response = await t.get(`/${slug}`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d{8}/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets them on every kind of response: pages, errors, files', async () => {
    for (const path of ['/', `/${slug}/page-inconnue`, '/test-failure', `/${slug}/mode-d-emploi.pdf`, '/healthz']) {
      const response = await t.get(path);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('strict-transport-security'), path).toMatch(/max-age=/);
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
    }
  });

  it('gives every response a fresh nonce, the one the inline style carries', async () => {
    const nonces = [];
    for (let i = 0; i < 2; i++) {
      const response = await t.get(`/${slug}`);
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
      expect(nonce).toBeTruthy();
      expect(await response.text()).toContain(`<style nonce="${nonce}">`);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it('serves assets under hashed names, cached for a year, and only those', async () => {
    const html = await (await t.get(`/${slug}`)).text();
    const css = /<link rel="stylesheet" href="(\/assets\/app\.[0-9a-f]{12}\.css)"/.exec(html)?.[1];
    expect(css).toBeTruthy();
    const response = await t.get(css!);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const stylesheet = await response.text();
    // The fonts are ours too, named by hash, never fetched from another host.
    const font = /url\("(\/assets\/atkinson-400\.[0-9a-f]{12}\.woff2)"\)/.exec(stylesheet)?.[1];
    expect(font).toBeTruthy();
    expect(stylesheet).not.toMatch(/url\("?https?:/);
    expect((await t.get(font!)).headers.get('content-type')).toBe('font/woff2');
    expect((await t.get('/assets/app.000000000000.css')).status).toBe(404);
  });

  it('answers an unexpected error with a French page and its request id, never the detail', async () => {
    const response = await t.get('/test-failure');
    expect(response.status).toBe(500);
    const page = await response.text();
    expect(page).toContain('Une erreur est survenue');
    expect(page).toContain(response.headers.get('x-request-id'));
    expect(page).not.toContain('secret detail');
    expect(page).not.toMatch(/at .+\.(ts|js):\d+/);
    expect(page).not.toContain('Error:');
  });

  it('answers a French 404 page for an unknown address', async () => {
    const response = await t.get(`/${slug}/page-inconnue`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toContain('Page introuvable');
  });

  it('answers a URL the router refuses (bad %, over-long segment) with the French page, every header and a request id, never the URL', async () => {
    const refused = [
      { path: `/${slug}/marqueur-%zz-url`, status: 400 },
      { path: `/${slug}/marqueur-%E9-url`, status: 400 },
      { path: `/marqueur-${'a'.repeat(200)}-url`, status: 414 },
      { path: `/${slug}/ma-famille/membres/marqueur-${'b'.repeat(200)}-url/reservations`, status: 414 },
    ];
    for (const { path, status } of refused) {
      const response = await t.get(path);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('strict-transport-security'), path).toMatch(/max-age=\d{8}/);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
      expect(nonce, path).toBeTruthy();
      const requestId = response.headers.get('x-request-id');
      expect(requestId, path).toMatch(/^[0-9a-f-]{36}$/);
      const page = await response.text();
      expect(page, path).toContain('Demande incorrecte');
      expect(page, path).toContain(requestId);
      expect(page, path).toContain(`<style nonce="${nonce}">`);
      expect(page, path).not.toContain('marqueur');
      expect(page, path).not.toContain('FST_ERR');
    }
  });

  it('reports its health from the database', async () => {
    const response = await t.get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'up' });
  });
});

describe.each(testDatabases())('with the database gone, on $name', ({ openBreakable }) => {
  it('answers 503 to the health check and a French page to visitors', async () => {
    const { database, takeAway } = await openBreakable();
    const t = await buildTestApp(database);
    try {
      const commune = await createCommune(t.container.communes);
      expect((await t.get(`/${commune.slug}`)).status).toBe(200);
      await takeAway();
      const health = await t.get('/healthz');
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'unavailable', database: 'down' });
      // The commune is still known to this instance, but this page needs the database.
      const legal = await t.get(`/${commune.slug}/mentions-legales`);
      expect(legal.status).toBe(503);
      expect(await legal.text()).toContain('Service momentanément indisponible');
      // The home rendered a moment ago is served a few seconds more, then it needs the database too.
      expect((await t.get(`/${commune.slug}`)).status).toBe(200);
      t.clock.advance(SHARED_PAGE_MS + 1);
      const home = await t.get(`/${commune.slug}`);
      expect(home.status).toBe(503);
      expect(await home.text()).toContain('Service momentanément indisponible');
      const other = await t.get('/une-autre-commune');
      expect(other.status).toBe(503);
    } finally {
      await t.close();
      await database.close().catch(() => {});
    }
  });
});
