import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { WebClient } from '../../../../../test/browserSession.js';
import {
  HOUR,
  MINUTE,
  activeCitizen,
  auditOf,
  citizenNamed,
  logIn,
  loggedIn,
  signUpFields,
  textOf,
  unique,
  writtenFor,
} from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { sessions } from '../../../../platform/sessions/sessionsSchema.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { NewsRepository } from '../../../news/newsRepository.js';
import { CitizensRepository } from '../../citizensRepository.js';

const sessionCookie = (commune: Commune) => `parvis-citizen-${commune.slug}`;
const ended = 'Votre session a pris fin.';

/** One Set-Cookie line of a response, by cookie name: its value and its attributes in lower case. */
function setCookie(headers: Headers, name: string) {
  const line = headers.getSetCookie().find((l) => l.startsWith(`${name}=`));
  if (!line) return null;
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  return { value: pair!.slice(name.length + 1), attributes: attributes.map((a) => a.toLowerCase()) };
}

// The app trusts X-Forwarded-Proto, as behind the HTTPS proxy of a deployment.
describe.each(testDatabases())('citizen sessions on $name', (testDatabase) => {
  const { t } = useTestApp(testDatabase.open, { trustProxy: true });

  /** A request with a cookie the browser never received from this commune: a replay, a plant, another commune's. */
  const withCookie = (path: string, cookie: string) => t.get(path, { headers: { cookie } });
  const sessionRow = (token: string) =>
    t.container.database.db
      .select()
      .from(sessions)
      .where(eq(sessions.idHash, createHash('sha256').update(token).digest('hex')));

  it('sets HttpOnly, SameSite=Lax, Path=/ cookies without Secure over http, with a session id of 256 bits', async () => {
    const commune = await createCommune(t.container.communes);
    const citizen = await activeCitizen(t, commune);
    const client = new WebClient(t.origin);
    const form = await client.get(`/${commune.slug}/connexion`);
    const login = await client.post(`/${commune.slug}/connexion`, {
      identifier: citizen.username,
      password: citizen.password,
    });
    for (const cookie of [setCookie(form.headers, 'parvis-csrf'), setCookie(login.headers, sessionCookie(commune))]) {
      expect(cookie).not.toBeNull();
      expect(cookie!.attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']));
      expect(cookie!.attributes.some((a) => a === 'secure' || a.startsWith('domain='))).toBe(false);
    }
    expect(
      Buffer.from(setCookie(login.headers, sessionCookie(commune))!.value, 'base64url').length,
    ).toBeGreaterThanOrEqual(16);
  });

  it('behind HTTPS, names the cookies __Host- and marks them Secure', async () => {
    const commune = await createCommune(t.container.communes);
    const citizen = await activeCitizen(t, commune);
    const https = { 'x-forwarded-proto': 'https' };
    const form = await t.get(`/${commune.slug}/connexion`, { headers: https });
    const csrf = setCookie(form.headers, '__Host-parvis-csrf');
    const token = /name="_csrf" value="([^"]*)"/.exec(await form.text())![1]!;
    const login = await t.get(`/${commune.slug}/connexion`, {
      method: 'POST',
      headers: {
        ...https,
        cookie: `__Host-parvis-csrf=${csrf!.value}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ _csrf: token, identifier: citizen.username, password: citizen.password }).toString(),
    });
    expect(login.status).toBe(303);
    const session = setCookie(login.headers, `__Host-${sessionCookie(commune)}`);
    for (const cookie of [csrf, session]) {
      expect(cookie!.attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
      expect(cookie!.attributes.some((a) => a.startsWith('domain='))).toBe(false);
    }
    const home = await t.get(`/${commune.slug}/mon-accueil`, {
      headers: { ...https, cookie: `__Host-${sessionCookie(commune)}=${session!.value}` },
    });
    expect(home.status).toBe(200);
  });

  it('gives a new session id at login: neither a planted cookie nor the previous session survives', async () => {
    const commune = await createCommune(t.container.communes);
    const citizen = await activeCitizen(t, commune);
    const name = sessionCookie(commune);
    const planted = `plante-${unique()}${'x'.repeat(40)}`;
    const form = await t.get(`/${commune.slug}/connexion`);
    const csrf = setCookie(form.headers, 'parvis-csrf')!.value;
    const token = /name="_csrf" value="([^"]*)"/.exec(await form.text())![1]!;
    const login = await t.get(`/${commune.slug}/connexion`, {
      method: 'POST',
      headers: {
        cookie: `parvis-csrf=${csrf}; ${name}=${planted}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ _csrf: token, identifier: citizen.username, password: citizen.password }).toString(),
    });
    const given = setCookie(login.headers, name)!.value;
    expect(given).not.toBe(planted);
    expect(given).not.toBe(csrf);
    expect((await withCookie(`/${commune.slug}/mon-accueil`, `${name}=${planted}`)).status).toBe(303);

    const client = await loggedIn(t, commune, citizen.username);
    const before = client.cookie(name)!;
    expect(
      (await client.post(`/${commune.slug}/connexion`, { identifier: citizen.username, password: citizen.password }))
        .status,
    ).toBe(303);
    expect(client.cookie(name)).not.toBe(before);
    expect(await sessionRow(before)).toEqual([]);
    expect((await withCookie(`/${commune.slug}/mon-accueil`, `${name}=${before}`)).headers.get('location')).toMatch(
      /\/connexion\?/,
    );
    expect((await client.get(`/${commune.slug}/mon-accueil`)).status).toBe(200);
  });

  it('ends the session on the server at logout; a GET never logs out', async () => {
    const commune = await createCommune(t.container.communes);
    const client = await loggedIn(t, commune, (await activeCitizen(t, commune)).username);
    const name = sessionCookie(commune);
    const token = client.cookie(name)!;
    expect((await client.get(`/${commune.slug}/deconnexion`)).status).toBe(404);
    expect((await client.get(`/${commune.slug}/mon-accueil`)).status).toBe(200);
    const out = await client.post(`/${commune.slug}/deconnexion`);
    expect([out.status, out.location]).toEqual([303, `/${commune.slug}/connexion?deconnecte=1`]);
    expect(client.cookieNames()).not.toContain(name);
    expect(textOf((await client.follow()).html)).toContain('Vous êtes déconnecté.');
    expect(await sessionRow(token)).toEqual([]);
    const replay = await withCookie(`/${commune.slug}/mon-accueil`, `${name}=${token}`);
    expect(replay.status).toBe(303);
    expect(textOf(await (await t.get(replay.headers.get('location')!)).text())).toContain(ended);
  });

  it('ends a session after 30 idle minutes (29:59 still in), any activity restarting the count', async () => {
    const commune = await createCommune(t.container.communes);
    const citizen = await activeCitizen(t, commune);
    const [active, idle] = [await loggedIn(t, commune, citizen.username), await loggedIn(t, commune, citizen.username)];
    t.clock.advance(30 * MINUTE - 1000);
    expect((await active.get(`/${commune.slug}/mon-espace`)).status).toBe(200);
    t.clock.advance(1000);
    const out = await idle.get(`/${commune.slug}/mon-espace`);
    expect(out.status).toBe(303);
    expect(out.location).toBe(
      `/${commune.slug}/connexion?retour=${encodeURIComponent(`/${commune.slug}/mon-espace`)}&expiree=1`,
    );
    expect(textOf((await idle.follow()).html)).toContain(ended);
    expect((await active.get(`/${commune.slug}/mon-espace`)).status).toBe(200);
  });

  it('ends a session 12 hours after login however active', async () => {
    const commune = await createCommune(t.container.communes);
    const client = await loggedIn(t, commune, (await activeCitizen(t, commune)).username);
    for (let minutes = 25; minutes <= 700; minutes += 25) {
      t.clock.advance(25 * MINUTE);
      expect((await client.get(`/${commune.slug}/mon-accueil`)).status, `${minutes} minutes`).toBe(200);
    }
    t.clock.advance(20 * MINUTE - 1000);
    expect((await client.get(`/${commune.slug}/mon-accueil`)).status, '11:59:59').toBe(200);
    t.clock.advance(1000);
    const out = await client.get(`/${commune.slug}/mon-accueil`);
    expect(out.location).toMatch(/expiree=1$/);
  });

  it('sends Cache-Control: no-store with every page behind the login', async () => {
    const commune = await createCommune(t.container.communes);
    const item = await new NewsRepository(t.container.database.db).insert({
      communeId: commune.id,
      title: 'Message',
      summary: 'Résumé.',
      body: ['Texte.'],
      publishedAt: new Date(t.clock.now().getTime() - HOUR),
    });
    const client = await loggedIn(t, commune, (await activeCitizen(t, commune)).username);
    const base = `/${commune.slug}`;
    for (const path of [
      '/mon-accueil',
      `/actualites/${item.id}`,
      '/mon-espace',
      '/mon-espace/identifiants',
      '/mon-espace/cle-enfance',
      '/ma-famille',
      '/actualites/pas-un-identifiant',
    ]) {
      const page = await client.get(base + path);
      expect([page.status, page.headers.get('cache-control')], path).toEqual([
        path.includes('pas-un') ? 404 : 200,
        'no-store',
      ]);
    }
    const refused = await client.post(`${base}/mon-espace/identifiants/identifiant`, { username: 'é' });
    expect([refused.status, refused.headers.get('cache-control')]).toEqual([400, 'no-store']);
  });

  it("keeps a commune's session to that commune, even for the same username", async () => {
    const [a, b] = [await createCommune(t.container.communes), await createCommune(t.container.communes)];
    const username = `homonyme-${unique()}`;
    await activeCitizen(t, a, { username, password: 'Le mot de passe choisi chez A' });
    await activeCitizen(t, b, { username, password: 'Le mot de passe choisi chez B' });
    const client = await loggedIn(t, a, username, 'Le mot de passe choisi chez A');
    const inB = await client.get(`/${b.slug}/mon-accueil`);
    expect([inB.status, inB.location?.startsWith(`/${b.slug}/connexion?`)]).toEqual([303, true]);
    const borrowed = await withCookie(
      `/${b.slug}/mon-accueil`,
      `${sessionCookie(b)}=${client.cookie(sessionCookie(a))}`,
    );
    expect(borrowed.headers.get('location')).toMatch(new RegExp(`^/${b.slug}/connexion\\?`));
    expect((await logIn(t, b, username, 'Le mot de passe choisi chez A')).page.status).toBe(401);
    expect((await logIn(t, b, username, 'Le mot de passe choisi chez B')).page.status).toBe(303);
  });

  it("opens no family page with an agent's session, and ends a session whose account is no longer active", async () => {
    const commune = await createCommune(t.container.communes);
    const citizen = await activeCitizen(t, commune);
    // A session of the desk's door for the same id, its token put in the families' cookie.
    const agentSide = await t.container.sessions.create({
      communeId: commune.id,
      realm: 'agent',
      subjectId: citizen.id,
    });
    const asAgent = await withCookie(`/${commune.slug}/mon-espace`, `${sessionCookie(commune)}=${agentSide.token}`);
    expect(asAgent.status).toBe(303);
    expect(asAgent.headers.get('location')).toMatch(new RegExp(`^/${commune.slug}/connexion\\?.*expiree=1$`));
    expect(await sessionRow(agentSide.token)).toHaveLength(1);

    const client = await loggedIn(t, commune, citizen.username);
    expect((await client.get(`/${commune.slug}/mon-espace`)).status).toBe(200);
    const token = client.cookie(sessionCookie(commune))!;
    await new CitizensRepository(t.container.database.db).update(commune.id, citizen.id, { status: 'pending' });
    const out = await client.get(`/${commune.slug}/mon-espace`);
    expect(out.status).toBe(303);
    expect(out.location).toMatch(new RegExp(`^/${commune.slug}/connexion\\?`));
    expect(await sessionRow(token)).toHaveLength(0);
  });

  it('refuses with 403 a login, a sign-up or a logout without its token or with another browser’s, and changes nothing', async () => {
    const commune = await createCommune(t.container.communes);
    const citizen = await activeCitizen(t, commune);
    const post = (client: WebClient, path: string, fields: Record<string, string>, foreign: string | null) =>
      foreign === null ? client.post(path, fields, { csrf: false }) : client.post(path, { ...fields, _csrf: foreign });
    const stranger = new WebClient(t.origin);
    await stranger.get(`/${commune.slug}/connexion`);
    for (const foreign of [null, stranger.csrfToken!]) {
      const visitor = new WebClient(t.origin);
      await visitor.get(`/${commune.slug}/connexion`);
      const login = await post(
        visitor,
        `/${commune.slug}/connexion`,
        { identifier: citizen.username, password: citizen.password },
        foreign,
      );
      expect(
        [login.status, setCookie(login.headers, sessionCookie(commune))],
        `login, ${foreign ? 'foreign' : 'no'} token`,
      ).toEqual([403, null]);
      expect(textOf(login.html)).toContain('Formulaire expiré');
      expect(
        (await post(visitor, `/${commune.slug}/creer-mon-espace`, signUpFields(), foreign)).status,
        'sign-up',
      ).toBe(403);
    }
    expect((await citizenNamed(t, commune, citizen.username))?.lastLoginAt).toBeNull();
    expect((await auditOf(t, commune)).filter((event) => event.action.startsWith('citizen.'))).toEqual([]);
    expect(await writtenFor(t, commune)).toEqual({ accounts: 1, links: 0 });

    const [member, other] = [
      await loggedIn(t, commune, citizen.username),
      await loggedIn(t, commune, citizen.username),
    ];
    for (const foreign of [null, other.csrfToken!]) {
      expect((await post(member, `/${commune.slug}/deconnexion`, {}, foreign)).status, 'logout').toBe(403);
      expect((await member.get(`/${commune.slug}/mon-accueil`)).status).toBe(200);
    }
  });
});
