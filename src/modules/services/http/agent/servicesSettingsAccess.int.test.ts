import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { WebClient, type WebPage } from '../../../../../test/browserSession.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { routesWithParameters } from '../../../../../test/ownershipMatrix.js';
import { deskAgent } from '../../../../../test/requestFactories.js';
import { createSession, setUpServices } from '../../../../../test/serviceFactories.js';
import { formFields, setUpFingerprint } from '../../../../../test/settingsPages.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { calendarPeriods } from '../../servicesSchema.js';
import { settingsPaths } from './settingsPaths.js';

/**
 * Who reaches the set-up (SECURITY.md « Access control on every object »): the administrators of the
 * commune, and nobody else. Another commune's administrator, an agent without the 'settings'
 * permission and an animateur get 404 on every page and every id, a visitor the login page; an id
 * that is no uuid or nobody's is not found; and none of them writes anything.
 */

type Slot = 'schoolYear' | 'period' | 'service' | 'session' | 'documentType';
const UNKNOWN = '7d0f3a52-9c1e-4b6a-8f2d-3e5b6c7d8e9f';

/** Each route of the set-up that names an object, as registered. */
const USES: { method: 'GET' | 'POST'; route: string; slot: Slot }[] = [
  { method: 'GET', route: '/:commune/guichet/parametres/annees-scolaires/:yearId', slot: 'schoolYear' },
  { method: 'POST', route: '/:commune/guichet/parametres/annees-scolaires/:yearId', slot: 'schoolYear' },
  { method: 'GET', route: '/:commune/guichet/parametres/calendrier/periodes/:periodId', slot: 'period' },
  { method: 'POST', route: '/:commune/guichet/parametres/calendrier/periodes/:periodId', slot: 'period' },
  { method: 'POST', route: '/:commune/guichet/parametres/calendrier/periodes/:periodId/supprimer', slot: 'period' },
  { method: 'GET', route: '/:commune/guichet/parametres/services/:serviceId', slot: 'service' },
  { method: 'POST', route: '/:commune/guichet/parametres/services/:serviceId', slot: 'service' },
  { method: 'GET', route: '/:commune/guichet/parametres/sessions/:sessionId', slot: 'session' },
  { method: 'POST', route: '/:commune/guichet/parametres/sessions/:sessionId', slot: 'session' },
  { method: 'GET', route: '/:commune/guichet/parametres/pieces/:typeId', slot: 'documentType' },
  { method: 'POST', route: '/:commune/guichet/parametres/pieces/:typeId', slot: 'documentType' },
];

describe.each(testDatabases())('who reaches the commune’s set-up on $name', ({ open }) => {
  const { t } = useTestApp(open);
  let communeA: Commune;
  let communeB: Commune;
  let ids: Record<'A' | 'B', Record<Slot, string>>;
  let adminA: WebClient;
  let adminB: WebClient;
  let agentA: WebClient;
  let animateurA: WebClient;
  /** A valid form for each object, which writes when its owner sends it. */
  let forms: Record<Slot, Record<string, string>>;

  const setUp = async (commune: Commune) => {
    const set = await setUpServices(t.container, commune);
    const session = await createSession(t.container, commune, set.services.vacances.id);
    const [period] = await t.container.database.db
      .insert(calendarPeriods)
      .values({ communeId: commune.id, kind: 'fermeture', label: 'Pont', startsOn: '2026-11-12', endsOn: '2026-11-13' })
      .returning();
    await t.container.documentTypes.addStandardCatalogue(commune, { kind: 'system' });
    const [documentType] = await t.container.documentTypes.types(commune);
    return {
      schoolYear: set.schoolYear.id,
      period: period!.id,
      service: set.services.restauration.id,
      session: session.id,
      documentType: documentType!.id,
    };
  };

  beforeAll(async () => {
    communeA = await createCommune(t.container.communes);
    communeB = await createCommune(t.container.communes);
    ids = { A: await setUp(communeA), B: await setUp(communeB) };
    adminA = (await deskAgent(t, communeA, { role: 'administrateur' })).client;
    adminB = (await deskAgent(t, communeB, { role: 'administrateur' })).client;
    agentA = (await deskAgent(t, communeA, { role: 'agent' })).client;
    animateurA = (await deskAgent(t, communeA, { role: 'animateur' })).client;
    const paths = settingsPaths(communeA);
    const fieldsOf = async (path: string) => formFields((await adminA.get(path)).html, path);
    forms = {
      schoolYear: { label: 'Intrus', startsOn: '01/09/2030', endsOn: '30/06/2031', rentreeWindowEndsOn: '' },
      period: { kind: 'fermeture', label: 'Intrus', startsOn: '01/12/2026', endsOn: '02/12/2026' },
      service: { ...(await fieldsOf(paths.service(ids.A.service))), name: 'Intrus' },
      session: { ...(await fieldsOf(paths.session(ids.A.session))), name: 'Intrus' },
      documentType: { name: 'Intrus', description: '', validityKind: 'unlimited', keepExpiredDays: '30' },
    };
  });

  const addressOf = (route: string, commune: Commune, id: string) =>
    route.replace(':commune', commune.slug).replace(/:\w+Id/, id);

  /** A call with the browser's cookies and, for a form, the CSRF token of its last page. */
  const call = async (
    client: WebClient,
    method: 'GET' | 'POST',
    path: string,
    fields: Record<string, string> = {},
  ): Promise<WebPage> => (method === 'GET' ? client.get(path) : client.post(path, fields));

  it('has a row for every route of the set-up that takes an id', () => {
    // The démarches' and the tariffs' set-ups are other modules', checked in demarches/http/demarches.int.test.ts
    // and billing/http/agent/billingPages.int.test.ts.
    const registered = routesWithParameters(t.app).filter(
      (route) =>
        route.includes('/guichet/parametres/') &&
        !route.includes('/parametres/demarches/') &&
        !route.includes('/parametres/tarifs/'),
    );
    expect(registered).toEqual(USES.map((use) => `${use.method} ${use.route}`).sort());
  });

  it('opens the set-up to the commune’s administrators only: everyone else gets 404 or the login page, and nothing is written', async () => {
    const failures: string[] = [];
    const before = await setUpFingerprint(t.container.database.db, [communeA, communeB]);
    const expectStatus = (what: string, page: WebPage, status: number, location?: string) => {
      if (page.status !== status || (location && !page.location?.startsWith(location)))
        failures.push(`${what}: expected ${status}, got ${page.status} ${page.location ?? ''}`);
      if (page.html.includes('Intrus') || page.html.includes('Restauration scolaire'))
        failures.push(`${what}: the answer shows the set-up`);
    };
    // Each browser's CSRF token comes from a page of its own door.
    for (const client of [adminA, agentA, animateurA]) await client.get(`/${communeA.slug}/guichet`);
    await adminB.get(`/${communeB.slug}/guichet`);
    const visitor = new WebClient(t.origin);
    await visitor.get(`/${communeA.slug}/guichet/connexion`);

    for (const use of USES) {
      const form = use.method === 'POST' ? forms[use.slot] : {};
      const own = addressOf(use.route, communeA, ids.A[use.slot]);
      for (const [name, client] of [
        ['agent', agentA],
        ['animateur', animateurA],
      ] as const) {
        expectStatus(`${name} of A: ${use.method} ${own}`, await call(client, use.method, own, form), 404);
      }
      expectStatus(
        `visitor: ${use.method} ${own}`,
        await call(visitor, use.method, own, form),
        303,
        `/${communeA.slug}/guichet/connexion`,
      );
      // Commune B's administrator, at B's door, with A's ids.
      const foreign = addressOf(use.route, communeB, ids.A[use.slot]);
      expectStatus(`administrator of B: ${use.method} ${foreign}`, await call(adminB, use.method, foreign, form), 404);
      for (const id of ['pas-un-uuid', UNKNOWN]) {
        const wrong = addressOf(use.route, communeA, id);
        expectStatus(`administrator of A: ${use.method} ${wrong}`, await call(adminA, use.method, wrong, form), 404);
      }
    }
    const paths = settingsPaths(communeA);
    const pages: ['GET' | 'POST', string, Record<string, string>][] = [
      ['GET', paths.schoolYears, {}],
      ['POST', paths.schoolYears, forms.schoolYear],
      ['GET', paths.calendar, {}],
      ['POST', paths.calendar, forms.period],
      ['GET', paths.services, {}],
      ['POST', paths.standardCatalogue, {}],
      ['GET', paths.sessions, {}],
      ['GET', paths.newSession, {}],
      ['POST', paths.sessions, forms.session],
      ['GET', paths.documentTypes, {}],
      ['POST', `${paths.documentTypes}/catalogue-standard`, {}],
    ];
    for (const [method, path, form] of pages) {
      for (const [name, client] of [
        ['agent', agentA],
        ['animateur', animateurA],
      ] as const) {
        expectStatus(`${name} of A: ${method} ${path}`, await call(client, method, path, form), 404);
      }
    }
    expect(failures).toEqual([]);
    expect(await setUpFingerprint(t.container.database.db, [communeA, communeB])).toEqual(before);

    const home = await agentA.get(`/${communeA.slug}/guichet`);
    expect(home.html).not.toContain(`href="${paths.services}"`);
  });

  it('lets the commune’s administrator open each object and send each form, which writes', async () => {
    for (const use of USES) {
      const path = addressOf(use.route, communeA, ids.A[use.slot]);
      if (use.method === 'GET') {
        const page = await adminA.get(path);
        expect(page.status, path).toBe(200);
        expect(page.headers.get('cache-control')).toBe('no-store');
        continue;
      }
      await adminA.get(path.replace(/\/supprimer$/, ''));
      const before = await setUpFingerprint(t.container.database.db, [communeA]);
      const sent = await adminA.post(path, forms[use.slot]);
      expect(sent.status, path).toBe(303);
      expect(await setUpFingerprint(t.container.database.db, [communeA]), path).not.toEqual(before);
    }
  });
});
