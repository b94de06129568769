import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/appFixture.js';
import { WebClient } from '../../../test/browserSession.js';
import { activeCitizen, textOf } from '../../../test/citizenFactories.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { type TestApp, buildTestApp } from '../../../test/testApp.js';
import { SessionStore } from '../sessions/sessionStore.js';
import { TestClock } from '../clock.js';

/** A form posted with the given cookie and `_csrf` field, as a page of another site or a planted cookie would send it. */
function post(
  t: TestApp,
  path: string,
  fields: Record<string, string>,
  cookie: string,
  headers: Record<string, string> = {},
) {
  return t.get(path, {
    method: 'POST',
    headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

const tokenIn = (html: string) => /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? null;

// ADR 0004: before login, the token is the cookie's, and only a value the server signed counts.
describe.each(testDatabases())('the CSRF token of the forms shown before login, on $name', ({ open }) => {
  const { t, database } = useTestApp(open, { trustProxy: true });

  const planted = [
    // Any value of 32 characters or more was once taken as the token.
    randomBytes(32).toString('base64url'),
    // The shape of a real token, with a signature of nobody's.
    `${randomBytes(24).toString('base64url')}.${randomBytes(32).toString('base64url')}`,
    // A real token, but of another deployment (another secret).
    // (making a token reads no database)
    new SessionStore(null as never, new TestClock(), 'another-deployment-secret-0123456789abcdef').preLoginToken(),
  ];

  for (const door of ['citizen', 'agent'] as const) {
    for (const https of [false, true]) {
      it(`${door} door${https ? ' behind HTTPS' : ' over plain HTTP'}: a planted cookie and the same value in the form are refused (403), the server's own token is accepted`, async () => {
        const commune = await createCommune(t.container.communes);
        const citizen = door === 'citizen' ? await activeCitizen(t, commune) : null;
        const path = door === 'citizen' ? `/${commune.slug}/connexion` : `/${commune.slug}/guichet/connexion`;
        const fields = citizen
          ? { identifier: citizen.username, password: citizen.password }
          : { identifier: 'personne@example.org', password: 'pas le bon mot de passe' };
        const proto: Record<string, string> = https ? { 'x-forwarded-proto': 'https' } : {};
        const cookieName = https ? '__Host-parvis-csrf' : 'parvis-csrf';

        for (const value of planted) {
          const refused = await post(t, path, { ...fields, _csrf: value }, `${cookieName}=${value}`, proto);
          expect(refused.status, value).toBe(403);
          expect(textOf(await refused.text())).toContain('Formulaire expiré');
        }

        // Showing the form to a browser holding a planted cookie gives it a token of the server's instead.
        const form = await t.get(path, { headers: { ...proto, cookie: `${cookieName}=${planted[0]}` } });
        const token = tokenIn(await form.text());
        expect(token).not.toBe(planted[0]);
        const given = form.headers.getSetCookie().find((line) => line.startsWith(`${cookieName}=`));
        expect(given).toContain(`${cookieName}=${token};`);

        const accepted = await post(t, path, { ...fields, _csrf: token! }, `${cookieName}=${token}`, proto);
        expect(accepted.status).not.toBe(403);
        if (citizen) expect(accepted.status).toBe(303);
        else expect(textOf(await accepted.text())).not.toContain('Formulaire expiré');
      });
    }
  }

  it('a token the server made is good on every instance of the deployment', async () => {
    const other = await buildTestApp(database);
    try {
      const commune = await createCommune(t.container.communes);
      const citizen = await activeCitizen(t, commune);
      const client = new WebClient(t.origin);
      await client.get(`/${commune.slug}/connexion`);
      const token = client.csrfToken!;
      const login = await post(
        other,
        `/${commune.slug}/connexion`,
        { identifier: citizen.username, password: citizen.password, _csrf: token },
        `parvis-csrf=${token}`,
      );
      expect(login.status).toBe(303);
    } finally {
      await other.close();
    }
  });
});
