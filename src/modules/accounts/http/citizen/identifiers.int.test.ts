import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { WebClient } from '../../../../../test/browserSession.js';
import {
  activeCitizen,
  citizenNamed,
  inputValue,
  logIn,
  loggedIn,
  summaryOf,
  textOf,
  tokenOf,
  unique,
  waitForLink,
} from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { waitForMail } from '../../../../../test/mailbox.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { accountTokens } from '../../accountsSchema.js';

const WRONG = 'Pas le bon mot de passe du tout';
const NEW_PASSWORD = 'Un nouveau printemps au verger';
const wrongCurrent = 'Le mot de passe actuel est incorrect.';

describe.each(testDatabases())('Identifiants on $name', (testDatabase) => {
  const { t } = useTestApp(testDatabase.open);

  /** A commune, an account in it, and a browser logged into it on the Identifiants page. */
  async function atIdentifiers() {
    const commune = await createCommune(t.container.communes);
    const citizen = await activeCitizen(t, commune);
    const client = await loggedIn(t, commune, citizen.username);
    await client.get(`/${commune.slug}/mon-espace/identifiants`);
    return { commune, citizen, client, path: (form: string) => `/${commune.slug}/mon-espace/identifiants/${form}` };
  }
  const emailChanges = (citizenId: string) =>
    t.container.database.db
      .select()
      .from(accountTokens)
      .where(and(eq(accountTokens.subjectId, citizenId), eq(accountTokens.purpose, 'email-change')));
  const canLogIn = async (commune: Commune, identifier: string, password: string) =>
    (await logIn(t, commune, identifier, password)).page.status === 303;

  it('asks the current password to change the e-mail, and sends nothing without it', async () => {
    const { citizen, client, path } = await atIdentifiers();
    const email = `nouvelle.${unique()}@example.org`;
    for (const [currentPasswordForEmail, message] of [
      [WRONG, wrongCurrent],
      ['', 'Indiquez votre mot de passe actuel.'],
    ] as const) {
      const page = await client.post(path('e-mail'), { email, currentPasswordForEmail });
      expect(page.status).toBe(400);
      expect(summaryOf(page.html)).toEqual({ currentPasswordForEmail: expect.stringContaining(message) });
      expect(inputValue(page.html, 'email')).toBe(email);
      expect(inputValue(page.html, 'currentPasswordForEmail')).toBe('');
    }
    expect(await emailChanges(citizen.id)).toEqual([]);
  });

  it('switches to the new address only once its link is followed, and tells the old address', async () => {
    const { commune, citizen, client, path } = await atIdentifiers();
    const email = `nouvelle.${unique()}@example.org`;
    const asked = await client.post(path('e-mail'), { email, currentPasswordForEmail: citizen.password });
    expect([asked.status, asked.location]).toEqual([303, `/${commune.slug}/mon-espace/identifiants?fait=email`]);
    expect(textOf((await client.follow()).html)).toContain(
      'Un lien de confirmation a été envoyé à la nouvelle adresse.',
    );
    const link = await waitForLink(t, email, 'Confirmez votre nouvelle adresse e-mail', '/confirmer-e-mail');
    const told = await waitForMail(
      t.container.database.db,
      (m) => m.to === citizen.email && m.subject.startsWith('Changement d’adresse e-mail demandé'),
    );
    expect(told.text).toContain(`vers ${email} a été demandé`);

    expect(await canLogIn(commune, citizen.email, citizen.password), 'the old address, before the link').toBe(true);
    expect(await canLogIn(commune, email, citizen.password), 'the new address, before the link').toBe(false);
    const phone = new WebClient(t.origin); // the mail opened elsewhere, logged out
    await phone.get(`/${commune.slug}/connexion`);
    const confirm = await phone.get(link);
    expect(confirm.status).toBe(200);
    expect(textOf(confirm.html)).toContain(`La nouvelle adresse ${email} remplacera l'ancienne`);
    expect((await citizenNamed(t, commune, citizen.username))?.email, 'a GET changes nothing').toBe(citizen.email);
    const done = await phone.post(`/${commune.slug}/confirmer-e-mail`, { jeton: tokenOf(link) });
    expect([done.status, done.location]).toEqual([303, `/${commune.slug}/connexion?email=1`]);
    expect(await canLogIn(commune, email, citizen.password), 'the new address, after the link').toBe(true);
    expect(await canLogIn(commune, citizen.email, citizen.password), 'the old address, after the link').toBe(false);
    expect((await phone.post(`/${commune.slug}/confirmer-e-mail`, { jeton: tokenOf(link) })).status).toBe(410);
  });

  it('asks the current password to change the password, then ends the other sessions but not this one', async () => {
    const { commune, citizen, client, path } = await atIdentifiers();
    const elsewhere = await loggedIn(t, commune, citizen.username);
    const change = (currentPassword: string, password: string) =>
      client.post(path('mot-de-passe'), { currentPassword, password, passwordConfirmation: password });
    const refusals = [
      [await change(WRONG, NEW_PASSWORD), 'currentPassword', wrongCurrent],
      [await change(citizen.password, 'Ours brun 7'), 'password', 'au moins 12 caractères'],
    ] as const;
    for (const [page, field, message] of refusals) {
      expect(page.status).toBe(400);
      expect(summaryOf(page.html)).toEqual({ [field]: expect.stringContaining(message) });
    }
    expect((await elsewhere.get(`/${commune.slug}/mon-accueil`)).status, 'a refusal ends nothing').toBe(200);

    const changed = await change(citizen.password, NEW_PASSWORD);
    expect([changed.status, changed.location]).toEqual([
      303,
      `/${commune.slug}/mon-espace/identifiants?fait=mot-de-passe`,
    ]);
    expect(textOf((await client.follow()).html)).toContain(
      'Votre mot de passe a été changé. Vos autres connexions ont été fermées.',
    );
    expect((await client.get(`/${commune.slug}/mon-accueil`)).status, 'this session goes on').toBe(200);
    expect((await elsewhere.get(`/${commune.slug}/mon-accueil`)).location, 'the other one is over').toMatch(
      new RegExp(`^/${commune.slug}/connexion\\?`),
    );
    expect(await canLogIn(commune, citizen.username, citizen.password)).toBe(false);
    expect(await canLogIn(commune, citizen.username, NEW_PASSWORD)).toBe(true);
    await waitForMail(
      t.container.database.db,
      (m) => m.to === citizen.email && m.subject.startsWith('Votre mot de passe a été changé'),
    );
  });

  it('asks the current password to change the username, and says nothing of the name when it is wrong', async () => {
    const { commune, citizen, client, path } = await atIdentifiers();
    const neighbour = await activeCitizen(t, commune);
    const free = `libre-${unique()}`;
    const answers: string[] = [];
    for (const username of [neighbour.username, free]) {
      for (const [currentPasswordForUsername, message] of [
        [WRONG, wrongCurrent],
        ['', 'Indiquez votre mot de passe actuel.'],
      ] as const) {
        const page = await client.post(path('identifiant'), { username, currentPasswordForUsername });
        expect(page.status, username).toBe(400);
        expect(summaryOf(page.html)).toEqual({ currentPasswordForUsername: expect.stringContaining(message) });
        expect(page.html).not.toContain('déjà utilisé');
        expect(inputValue(page.html, 'currentPasswordForUsername')).toBe('');
        answers.push(textOf(page.html).replace(username, '<nom>'));
      }
    }
    // A taken name and a free one get the same page, word for word.
    expect(answers[0]).toBe(answers[2]);
    expect(answers[1]).toBe(answers[3]);
    expect((await citizenNamed(t, commune, citizen.email))?.username).toBe(citizen.username);
  });

  it('counts wrong passwords on the username form as the login does: after five, even the right one waits', async () => {
    const { commune, citizen, client, path } = await atIdentifiers();
    for (let i = 0; i < 3; i++)
      expect(
        (await client.post(path('identifiant'), { username: `essai-${unique()}`, currentPasswordForUsername: WRONG }))
          .status,
      ).toBe(400);
    // Two more through the e-mail form: one counter for the account, whatever the form.
    for (let i = 0; i < 2; i++)
      expect(
        (await client.post(path('e-mail'), { email: `x.${unique()}@example.org`, currentPasswordForEmail: WRONG }))
          .status,
      ).toBe(400);
    const locked = await client.post(path('identifiant'), {
      username: `camille-${unique()}`,
      currentPasswordForUsername: citizen.password,
    });
    expect(locked.status).toBe(400);
    expect(summaryOf(locked.html)).toEqual({
      currentPasswordForUsername: expect.stringContaining('Trop de mots de passe erronés'),
    });
    expect((await citizenNamed(t, commune, citizen.email))?.username).toBe(citizen.username);
  });

  it('changes the username, and refuses a taken or malformed one with its message', async () => {
    const { commune, citizen, client, path } = await atIdentifiers();
    const neighbour = await activeCitizen(t, commune);
    for (const [username, message] of [
      [neighbour.username.toUpperCase(), 'Cet identifiant est déjà utilisé. Choisissez-en un autre.'],
      ['é', "L'identifiant comporte de 3 à 40 caractères : lettres sans accent, chiffres, point, tiret ou tiret bas."],
    ]) {
      const page = await client.post(path('identifiant'), {
        username: username!,
        currentPasswordForUsername: citizen.password,
      });
      expect(page.status, username).toBe(400);
      expect(summaryOf(page.html)).toEqual({ username: message });
      expect(inputValue(page.html, 'username')).toBe(username);
    }
    expect((await citizenNamed(t, commune, citizen.email))?.username).toBe(citizen.username);

    const renamed = `camille-${unique()}`;
    const done = await client.post(path('identifiant'), {
      username: renamed,
      currentPasswordForUsername: citizen.password,
    });
    expect([done.status, done.location]).toEqual([303, `/${commune.slug}/mon-espace/identifiants?fait=identifiant`]);
    expect(textOf((await client.follow()).html)).toContain('Votre identifiant a été changé.');
    expect(await canLogIn(commune, renamed, citizen.password)).toBe(true);
    expect(await canLogIn(commune, citizen.username, citizen.password)).toBe(false);
  });

  it('refuses with 403 a password change without its token or with another browser’s, changing nothing', async () => {
    const { commune, citizen, client, path } = await atIdentifiers();
    const other = await loggedIn(t, commune, (await activeCitizen(t, commune)).username);
    const fields = { currentPassword: citizen.password, password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD };
    expect((await client.post(path('mot-de-passe'), fields, { csrf: false })).status).toBe(403);
    const forged = await client.post(path('mot-de-passe'), { ...fields, _csrf: other.csrfToken! });
    expect(forged.status).toBe(403);
    expect(textOf(forged.html)).toContain('Formulaire expiré');
    expect((await citizenNamed(t, commune, citizen.username))?.passwordHash).toBe(citizen.passwordHash);
    expect(await canLogIn(commune, citizen.username, citizen.password)).toBe(true);
  });

  it('ends a pending e-mail change when the password changes: whoever asked for it with the old password loses it', async () => {
    const { commune, citizen, client, path } = await atIdentifiers();
    const attacker = `intrus.${unique()}@example.org`;
    expect(
      (await client.post(path('e-mail'), { email: attacker, currentPasswordForEmail: citizen.password })).status,
    ).toBe(303);
    const link = await waitForLink(t, attacker, 'Confirmez votre nouvelle adresse e-mail', '/confirmer-e-mail');
    await client.get(`/${commune.slug}/mon-espace/identifiants`);
    const changed = await client.post(path('mot-de-passe'), {
      currentPassword: citizen.password,
      password: NEW_PASSWORD,
      passwordConfirmation: NEW_PASSWORD,
    });
    expect(changed.status).toBe(303);
    const stranger = new WebClient(t.origin);
    expect((await stranger.get(link)).status).toBe(410);
    await stranger.get(`/${commune.slug}/connexion`);
    expect((await stranger.post(`/${commune.slug}/confirmer-e-mail`, { jeton: tokenOf(link) })).status).toBe(410);
    expect((await citizenNamed(t, commune, citizen.username))!.email).toBe(citizen.email);
  });
});
