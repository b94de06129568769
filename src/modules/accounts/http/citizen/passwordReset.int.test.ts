import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { WebClient } from '../../../../../test/browserSession.js';
import {
  HOUR,
  PASSWORD,
  activeCitizen,
  auditOf,
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

const NEW_PASSWORD = 'Un nouveau printemps au verger';
const deadLink = 'Ce lien ne fonctionne plus';

describe.each(testDatabases())("J'ai oublié mon mot de passe on $name", (testDatabase) => {
  const { t } = useTestApp(testDatabase.open);

  /** « J'ai oublié mon mot de passe » sent from a browser of its own. */
  async function forgot(commune: Commune, identifier: string, client = new WebClient(t.origin)) {
    await client.get(`/${commune.slug}/mot-de-passe-oublie`);
    return client.post(`/${commune.slug}/mot-de-passe-oublie`, { identifier });
  }
  const resetLink = (email: string, seen?: Set<string>) =>
    waitForLink(t, email, 'Choisissez un nouveau mot de passe', '/mot-de-passe-oublie/nouveau', seen);
  /** Opens the link and sends a new password with its form (a dead link has none: the token comes from the page before). */
  async function choose(commune: Commune, link: string, password: string, passwordConfirmation = password) {
    const client = new WebClient(t.origin);
    await client.get(`/${commune.slug}/mot-de-passe-oublie`);
    const form = await client.get(link);
    const sent = await client.post(`/${commune.slug}/mot-de-passe-oublie/nouveau`, {
      jeton: tokenOf(link),
      password,
      passwordConfirmation,
    });
    return { form, sent };
  }

  it('answers a real account and an unknown one alike, and mails only the real one', async () => {
    const commune = await createCommune(t.container.communes);
    const citizen = await activeCitizen(t, commune);
    const stranger = `inconnu-${unique()}@example.org`;
    const unknown = await forgot(commune, stranger);
    const known = await forgot(commune, citizen.username);
    expect([unknown.status, unknown.location]).toEqual([303, `/${commune.slug}/mot-de-passe-oublie?envoye=1`]);
    expect([known.status, known.location]).toEqual([unknown.status, unknown.location]);
    expect(textOf((await new WebClient(t.origin).get(known.location!)).html)).toContain(
      "Si un espace correspond, un e-mail vient d'être envoyé à son adresse.",
    );
    const mail = await waitForMail(t.container.database.db, (m) => m.to === citizen.email);
    expect(mail.subject).toBe(`Choisissez un nouveau mot de passe — Espace citoyens de ${commune.name}`);
    expect(mail.text).toContain('Bonjour Madame DUPONT,');
    // The unknown address was asked first: its mail, if any, would have left by now.
    await expect(waitForMail(t.container.database.db, (m) => m.to === stranger, 1500)).rejects.toThrow();
  });

  it('does the same work for a real account and an unknown one: it only queues the same job', async () => {
    // SECURITY.md asks the same answer « and roughly the same time ». Rather than timing requests (a
    // busy machine makes medians meaningless), this checks why the times cannot differ: the request
    // never looks the account up. It queues one job with what was typed, and the job makes the link,
    // the mail and the audit line, after the answer has left.
    const commune = await createCommune(t.container.communes);
    const citizen = await activeCitizen(t, commune);
    const stranger = `inconnu-${unique()}`;
    const sent = vi.spyOn(t.container.jobs, 'send');
    const queued = (identifier: string) =>
      sent.mock.calls
        .filter(([, data]) => (data as { identifier?: string }).identifier === identifier)
        .map(([queue, data]) => [queue, Object.keys(data).sort()]);
    const known = await forgot(commune, citizen.username);
    const unknown = await forgot(commune, stranger);
    expect([known.status, known.location]).toEqual([unknown.status, unknown.location]);
    const job = ['accounts.reset-requested', ['identifier', 'ip', 'slug']];
    expect(queued(citizen.username)).toEqual([job]);
    expect(queued(stranger)).toEqual([job]);
    sent.mockRestore();
  });

  it('keeps a link one hour: 59:59 works, 1:00:00 is « Ce lien ne fonctionne plus » (410)', async () => {
    const commune = await createCommune(t.container.communes);
    const citizen = await activeCitizen(t, commune);
    const seen = new Set<string>();
    await forgot(commune, citizen.email);
    const late = await resetLink(citizen.email, seen);
    t.clock.advance(HOUR);
    const expired = await choose(commune, late, NEW_PASSWORD);
    expect([expired.form.status, expired.sent.status]).toEqual([410, 410]);
    expect(textOf(expired.form.html)).toContain(deadLink);
    expect(textOf(expired.sent.html)).toContain(deadLink);

    await forgot(commune, citizen.email);
    const inTime = await resetLink(citizen.email, seen);
    t.clock.advance(HOUR - 1000);
    const used = await choose(commune, inTime, NEW_PASSWORD);
    expect(used.form.status).toBe(200);
    expect([used.sent.status, used.sent.location]).toEqual([303, `/${commune.slug}/connexion?nouveau=1`]);
    expect((await logIn(t, commune, citizen.username, NEW_PASSWORD)).page.status).toBe(303);
  });

  it('works once, ends every other session, mails a notice, and keeps only hashes of its tokens', async () => {
    const commune = await createCommune(t.container.communes);
    const citizen = await activeCitizen(t, commune);
    const elsewhere = await loggedIn(t, commune, citizen.username); // another browser, logged in before
    await forgot(commune, citizen.username);
    const link = await resetLink(citizen.email);
    const token = tokenOf(link);
    const rows = await t.container.database.db
      .select()
      .from(accountTokens)
      .where(eq(accountTokens.subjectId, citizen.id));
    expect(rows.map((row) => row.tokenHash)).toContain(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows), 'no clear token in account_tokens').not.toContain(token);

    const { form, sent } = await choose(commune, link, NEW_PASSWORD);
    expect(form.status).toBe(200);
    expect(sent.status).toBe(303);
    expect(textOf((await new WebClient(t.origin).get(sent.location!)).html)).toContain(
      'Votre mot de passe a été changé.',
    );

    const kicked = await elsewhere.get(`/${commune.slug}/mon-accueil`);
    expect(kicked.status).toBe(303);
    expect(kicked.location).toMatch(new RegExp(`^/${commune.slug}/connexion\\?`));
    expect((await logIn(t, commune, citizen.username, PASSWORD)).page.status).toBe(401);
    expect((await logIn(t, commune, citizen.username, NEW_PASSWORD)).page.status).toBe(303);

    const again = await choose(commune, link, 'Encore un autre printemps');
    expect([again.form.status, again.sent.status]).toEqual([410, 410]);
    expect((await logIn(t, commune, citizen.username, NEW_PASSWORD)).page.status).toBe(303);

    const notice = await waitForMail(
      t.container.database.db,
      (m) => m.to === citizen.email && m.subject.startsWith('Votre mot de passe a été changé'),
    );
    expect(notice.text).toContain('Toutes les autres connexions ouvertes ont été fermées.');
    const audit = await auditOf(t, commune);
    expect(audit.map((event) => event.action)).toEqual(
      expect.arrayContaining(['citizen.reset.requested', 'citizen.reset.done']),
    );
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD);
  });

  it('lets the new password in at once after a reset, as the lock message promises', async () => {
    const commune = await createCommune(t.container.communes);
    const citizen = await activeCitizen(t, commune);
    const { client } = await logIn(t, commune, citizen.username, 'Pas le bon mot de passe du tout');
    for (let i = 0; i < 4; i++)
      await client.post(`/${commune.slug}/connexion`, {
        identifier: citizen.username,
        password: 'Pas le bon mot de passe du tout',
      });
    expect(textOf(client.last!.html)).toContain(
      "ou choisissez un nouveau mot de passe avec « J'ai oublié mon mot de passe »",
    );
    await forgot(commune, citizen.username);
    expect((await choose(commune, await resetLink(citizen.email), NEW_PASSWORD)).sent.status).toBe(303);
    const after = await logIn(t, commune, citizen.username, NEW_PASSWORD);
    expect(
      after.page.status,
      'BUG if it fails: a reset leaves the login delay in place, so the way out the lock message offers does not work',
    ).toBe(303);
  });

  it('holds the new password to the rules, says why, and keeps the link for another try', async () => {
    const commune = await createCommune(t.container.communes);
    const citizen = await activeCitizen(t, commune);
    await forgot(commune, citizen.username);
    const link = await resetLink(citizen.email);
    const refusals: [string, string, string, string][] = [
      ['Ours brun 7', 'Ours brun 7', 'password', 'au moins 12 caractères'],
      [`Mon ${citizen.username} à moi`, `Mon ${citizen.username} à moi`, 'password', 'ni votre identifiant'],
      [NEW_PASSWORD, 'Une autre phrase', 'passwordConfirmation', 'ne sont pas identiques'],
    ];
    for (const [password, confirmation, field, message] of refusals) {
      const { sent } = await choose(commune, link, password, confirmation);
      expect(sent.status, password).toBe(400);
      expect(summaryOf(sent.html)).toEqual({ [field]: expect.stringContaining(message) });
      expect(sent.html).not.toContain(password);
    }
    expect((await logIn(t, commune, citizen.username, PASSWORD)).page.status).toBe(303);
    expect((await choose(commune, link, NEW_PASSWORD)).sent.status).toBe(303);
  });
});
