import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/appFixture.js';
import { WebClient } from '../../../../test/browserSession.js';
import { testDatabases } from '../../../../test/databases.js';
import { createCommune } from '../../../../test/factories.js';
import { activeCitizen, postSignUp, signUpFields, unique } from '../../../../test/citizenFactories.js';
import { waitForMail } from '../../../../test/mailbox.js';
import type { Commune } from '../../../modules/communes/domain/commune.js';

/**
 * The demo mail box over real HTTP, two browsers with their own cookie jars: each reads the mails
 * its own requests sent, never the other's — a reset link read by another visitor would open the account.
 */
describe.each(testDatabases())('the demo mail box on $name', (testDatabase) => {
  const { t, database } = useTestApp(testDatabase.open, { mode: 'demo' });
  let commune: Commune;
  let elsewhere: Commune;
  const box = () => `/${commune.slug}/boite-mail-demo`;

  beforeAll(async () => {
    commune = await createCommune(t.container.communes);
    elsewhere = await createCommune(t.container.communes);
  });

  /** The path of the mail box's page of the first mail whose row says it was sent `to`. */
  const mailIdTo = async (to: string) =>
    (await waitForMail(database.db, (mail) => mail.to === to && mail.communeId === commune.id)).id;

  it('shows each browser only the mails its own actions sent; the reset link of one is not the other’s to read', async () => {
    const alice = new WebClient(t.origin);
    const bob = new WebClient(t.origin);
    const aliceAccount = await activeCitizen(t, commune);

    // Alice asks for a reset link; Bob signs up.
    await alice.get(`/${commune.slug}/mot-de-passe-oublie`);
    expect(
      (await alice.post(`/${commune.slug}/mot-de-passe-oublie`, { identifier: aliceAccount.username })).status,
    ).toBe(303);
    const bobEmail = `bob.${unique()}@example.org`;
    expect(
      (await postSignUp(t, commune, signUpFields({ email: bobEmail, username: `bob-${unique()}` }), bob)).status,
    ).toBe(303);
    const resetId = await mailIdTo(aliceAccount.email);
    const activationId = await mailIdTo(bobEmail);

    const aliceBox = await alice.get(box());
    expect(aliceBox.status).toBe(200);
    expect(aliceBox.headers.get('cache-control')).toBe('no-store');
    expect(aliceBox.html).toContain('Choisissez un nouveau mot de passe');
    expect(aliceBox.html).not.toContain(bobEmail);
    const reset = await alice.get(`${box()}/${resetId}`);
    expect(reset.status).toBe(200);
    expect(reset.html).toMatch(/mot-de-passe-oublie\/nouveau\?jeton=[A-Za-z0-9_-]{20,}/);

    const bobBox = await bob.get(box());
    expect(bobBox.html).toContain('Activez votre espace');
    expect(bobBox.html).not.toContain(aliceAccount.email);
    expect(bobBox.html).not.toContain('Choisissez un nouveau mot de passe');
    // Bob knows the reset mail's address (it is in no page of his): still not his to read.
    expect((await bob.get(`${box()}/${resetId}`)).status).toBe(404);
    expect((await alice.get(`${box()}/${activationId}`)).status).toBe(404);

    // A browser without the cookie (a fresh visitor, or a script) sees none of them.
    const stranger = await t.get(box());
    expect(stranger.status).toBe(200);
    const strangerPage = await stranger.text();
    expect(strangerPage).toContain('Aucun message pour le moment.');
    expect((await t.get(`${box()}/${resetId}`)).status).toBe(404);
    // Nor does the same browser in another commune.
    expect((await alice.get(`/${elsewhere.slug}/boite-mail-demo/${resetId}`)).status).toBe(404);
  });

  it('keeps the browser’s cookie HttpOnly and SameSite, and stores only a hash of it', async () => {
    const client = new WebClient(t.origin);
    const response = await t.get(`/${commune.slug}/mot-de-passe-oublie`);
    const line = response.headers.getSetCookie().find((cookie) => cookie.startsWith('parvis-demo='))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/SameSite=Lax/i);
    const account = await activeCitizen(t, commune);
    await client.get(`/${commune.slug}/mot-de-passe-oublie`);
    await client.post(`/${commune.slug}/mot-de-passe-oublie`, { identifier: account.username });
    const mail = await waitForMail(database.db, (m) => m.to === account.email);
    expect(mail.demoBrowser).toBeTruthy();
    expect(mail.demoBrowser).not.toBe(client.cookie('parvis-demo'));
  });

  it('shows a mail with its links clickable and everything else as text', async () => {
    const client = new WebClient(t.origin);
    const account = await activeCitizen(t, commune, { lastName: 'Du<b>pont' });
    await client.get(`/${commune.slug}/mot-de-passe-oublie`);
    await client.post(`/${commune.slug}/mot-de-passe-oublie`, { identifier: account.username });
    const id = await mailIdTo(account.email);
    const page = await client.get(`${box()}/${id}`);
    expect(page.html).toMatch(/DU&lt;B>PONT|Du&lt;b>pont/);
    expect(page.html).not.toMatch(/<b>/i);
    expect(page.html).toMatch(/<a href="http:\/\/127\.0\.0\.1:\d+\/[^"]+\/mot-de-passe-oublie\/nouveau\?jeton=[^"]+">/);
    expect(page.html).toContain('Boîte mail de démonstration : en production, ces messages partent par e-mail.');
    expect((await client.get(`${box()}/pas-un-identifiant`)).status).toBe(404);
    expect((await client.get(`${box()}/${randomUUID()}`)).status).toBe(404);
  });
});
