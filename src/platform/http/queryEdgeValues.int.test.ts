import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/appFixture.js';
import { WebClient } from '../../../test/browserSession.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { linkedParent } from '../../../test/familyFactories.js';
import { registeredRoutes } from '../../../test/ownershipMatrix.js';
import { addressRequest, deskAgent } from '../../../test/requestFactories.js';
import { enrol, setUpServices } from '../../../test/serviceFactories.js';
import { sessionsOfFamily } from '../../../test/sessionFactories.js';
import type { Commune } from '../../modules/communes/domain/commune.js';
import { calendarPeriods } from '../../modules/services/servicesSchema.js';

/**
 * Every query parameter of every GET route, fed its edge values over real HTTP, as the right kind of
 * user (the desk's routes as an administrator, the family's as a parent whose child is enrolled):
 * whatever the value, the answer is a page (a 4xx or the nearest valid value), never a 500.
 *
 * The parameters a route reads are found by watching it: each request's query is wrapped in a proxy
 * that records the names read, so that a parameter added to a route later is fed its edge values
 * without anyone listing it here.
 */

/** What each parameter reads when it is valid: a route's other parameters keep these while one is fed an edge value. */
const validValues = (ids: { serviceId: string }): Record<string, string> => ({
  mois: '2026-11',
  jour: '2026-11-17',
  service: ids.serviceId,
  enregistre: String(Date.parse('2026-11-16T10:00:00Z')),
  vue: 'liste',
});

/** The edge values, as they are written in the address (already percent-encoded where needed). */
const EDGE_VALUES: string[] = [
  '9999-12',
  '0000-01',
  '2026-13',
  '2026-00',
  '1000-01',
  '1999-12',
  '2101-01',
  '9999-12-31',
  '0000-01-01',
  '2026-02-30',
  '1000-01-01',
  '17%2F11%2F9999',
  '-1',
  '0',
  '999999999999999',
  '99999999999999999999999',
  '1e400',
  'NaN',
  'Infinity',
  '',
  '%20',
  'x'.repeat(5000),
  encodeURIComponent('é'.repeat(2000)),
  'constructor',
  '__proto__',
  'toString',
  '%3Cscript%3E',
  // Not UTF-8, or not a percent sequence at all.
  '%ff',
  '%c3%28',
  '%ed%a0%80',
  '%',
  '%zz',
  '%00',
  '%E2%80%AE',
];

/** The names the routes read, found by grepping `queryOf(request)` and `request.query`: each must be seen on some route. */
const KNOWN_PARAMETERS = [
  ...[
    'mois',
    'enregistre',
    'vue',
    'fait',
    'jour',
    'service',
    'ecole',
    'nom',
    'statut',
    'cible',
    'revoquee',
    'attention',
    'demande',
    'invitation',
    'jeton',
  ],
  ...['retour', 'deconnecte', 'expiree', 'active', 'nouveau', 'email', 'texte', 'action', 'du', 'au', 'page'],
];

/** Names of Object.prototype, read by code paths that are not about the query (e.g. a template's checks). */
const NOT_PARAMETERS = new Set([
  'constructor',
  'toJSON',
  'then',
  'valueOf',
  'toString',
  'hasOwnProperty',
  '__proto__',
  'length',
]);

describe.each(testDatabases())('query parameters at their edge values on $name', ({ open }) => {
  let commune: Commune;
  let family: WebClient;
  let admin: WebClient;
  let visitor: WebClient;
  let fill: Record<string, string>;
  let valid: Record<string, string>;
  /** The names read by the request in flight (requests are sent one at a time). */
  let reads = new Set<string>();
  const { t } = useTestApp(open, {
    // Every page the test opens: 2026-11-17, a school day of the set-up year.
    extraRoutes: (app) =>
      app.addHook('onRequest', async (request) => {
        const query = request.query as Record<string, unknown>;
        const note = (key: string | symbol) => {
          if (typeof key === 'string' && !NOT_PARAMETERS.has(key)) reads.add(key);
        };
        // A parameter is read by its value, or asked for by whether it is there.
        request.query = new Proxy(query, {
          get: (target, key, receiver) => (note(key), Reflect.get(target, key, receiver)),
          has: (target, key) => (note(key), Reflect.has(target, key)),
          getOwnPropertyDescriptor: (target, key) => (note(key), Reflect.getOwnPropertyDescriptor(target, key)),
        });
      }),
  });

  beforeAll(async () => {
    t.clock.set('2026-11-17T09:00:00+01:00');
    commune = await createCommune(t.container.communes);
    const set = await setUpServices(t.container, commune);
    const parent = await linkedParent(t, commune);
    await enrol(t.container, commune, {
      familyId: parent.family.id,
      memberId: parent.child.id,
      serviceId: set.services.restauration.id,
      schoolYearId: set.schoolYear.id,
    });
    const request = await addressRequest(t, commune, parent);
    const sessions = await sessionsOfFamily(t, commune, set, {
      familyId: parent.family.id,
      memberId: parent.child.id,
      name: 'F1',
    });
    const [period] = await t.container.database.db
      .select()
      .from(calendarPeriods)
      .where(eq(calendarPeriods.communeId, commune.id));
    family = parent.client;
    admin = (await deskAgent(t, commune, { role: 'administrateur' })).client;
    visitor = new WebClient(t.origin);
    fill = {
      commune: commune.slug,
      memberId: parent.child.id,
      familyId: parent.family.id,
      id: request,
      sessionId: sessions.session,
      yearId: set.schoolYear.id,
      periodId: period!.id,
      serviceId: set.services.restauration.id,
    };
    valid = validValues({ serviceId: set.services.restauration.id });
  }, 120_000);

  /** The address of a route with its path's parameters filled; the groups a form page takes are named by the route. */
  const pathOf = (url: string) =>
    url.replace(/:(\w+)/g, (_, name: string) => {
      if (name === 'group')
        return url.includes('/guichet/') ? 'identite' : url.includes('/membres/') ? 'identity' : 'contact';
      return encodeURIComponent(fill[name] ?? 'inconnu');
    });

  const clientFor = (url: string) => {
    if (url.startsWith('/:commune/guichet')) return admin;
    if (/^\/:commune\/(ma-famille|mon-espace|mon-tableau-de-bord|mon-accueil)/.test(url)) return family;
    return visitor;
  };

  it('shows the current month for a month outside the calendar, and says so for a day outside it', async () => {
    const reservations = await family.get(
      `/${commune.slug}/ma-famille/membres/${fill.memberId}/reservations?mois=9999-12&enregistre=999999999999999`,
    );
    expect(reservations.status).toBe(200);
    expect(reservations.html).toContain('novembre 2026');
    const agenda = await family.get(`/${commune.slug}/ma-famille/membres/${fill.memberId}/agenda?mois=2101-01`);
    expect(agenda.status).toBe(200);
    expect(agenda.html).toContain('novembre 2026');
    for (const page of ['listes', 'pointage']) {
      const refused = await admin.get(`/${commune.slug}/guichet/${page}?jour=9999-12-31&service=${fill.serviceId}`);
      expect(refused.status).toBe(400);
      expect(refused.html).toContain('Indiquez un jour entre 2000 et 2100');
    }
  });

  it('answers every GET route and every parameter it reads, at every edge value, with something else than a 500', async () => {
    const routes = registeredRoutes(t.app).filter((route) => route.method === 'GET');
    const failures: string[] = [];
    const seen = new Set<string>();
    let calls = 0;
    const send = async (client: WebClient, path: string, query: string, what: string) => {
      reads = new Set();
      calls++;
      const page = await client.get(query ? `${path}?${query}` : path);
      if (page.status >= 500) failures.push(`${what}: ${page.status}`);
      return new Set(reads);
    };

    for (const route of routes) {
      const client = clientFor(route.url);
      const path = pathOf(route.url);
      // The parameters this route reads: those of a plain call, then of a call with every valid value.
      const pending = [...(await send(client, path, '', `GET ${path}`))];
      const baseline = new URLSearchParams(valid).toString();
      for (const name of await send(client, path, baseline, `GET ${path}?${baseline}`))
        if (!pending.includes(name)) pending.push(name);
      const done = new Set<string>();
      while (pending.length > 0) {
        const name = pending.shift()!;
        if (done.has(name)) continue;
        done.add(name);
        seen.add(name);
        const others = new URLSearchParams(Object.entries(valid).filter(([key]) => key !== name)).toString();
        const variants = [
          ...EDGE_VALUES.map((value) => `${name}=${value}`),
          `${name}=a&${name}=b`,
          `${name}=${encodeURIComponent(valid[name] ?? 'a')}&${name}=2026-01`,
          name,
          `${name}[]=x`,
          `${name}[a]=x`,
        ];
        for (const variant of variants) {
          const query = others ? `${others}&${variant}` : variant;
          const read = await send(client, path, query, `GET ${path}?${query.slice(0, 200)}`);
          for (const other of read) if (!done.has(other) && !pending.includes(other)) pending.push(other);
        }
      }
    }

    expect(failures).toEqual([]);
    // The watch saw every parameter the code reads: nothing escaped the walk.
    expect(KNOWN_PARAMETERS.filter((name) => !seen.has(name))).toEqual([]);
    expect(calls).toBeGreaterThan(routes.length);
  }, 600_000);
});
