import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAgent, createFamily } from '../../../../../test/agentFactories.js';
import { useTestApp } from '../../../../../test/appFixture.js';
import { WebClient } from '../../../../../test/browserSession.js';
import {
  HOUR,
  activationLink,
  activeCitizen,
  auditOf,
  inputValue,
  loggedIn,
  postSignUp,
  signUpFields,
  textOf,
  tokenOf,
  unique,
} from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { errorsOf, familyPaths } from '../../../../../test/familyFilePages.js';
import { linkedParent } from '../../../../../test/familyFactories.js';
import { waitForMail } from '../../../../../test/mailbox.js';
import { agentActor } from '../../../accounts/agentsPolicy.js';
import { childKeys } from '../../../accounts/accountsSchema.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { mailbox } from '../../../../platform/mail/mailSchema.js';
import { familyAdults } from '../../familiesSchema.js';

const KEY = /Votre Clé Enfance personnelle : ([2-9A-HJ-NP-Z]{4}(?:-[2-9A-HJ-NP-Z]{4}){3})/;

describe.each(testDatabases())('Entourage and the co-représentant’s invitation on $name', ({ open }) => {
  const { t } = useTestApp(open);

  const db = () => t.container.database.db;
  const invitedLines = async (commune: Commune) =>
    (await auditOf(t, commune)).filter((event) => event.action === 'co-representant.invited');
  const keysOf = (adultId: string) => db().select().from(childKeys).where(eq(childKeys.adultId, adultId));
  const mailsTo = (to: string) => db().select().from(mailbox).where(eq(mailbox.to, to));

  /** A family whose représentante is logged in on Entourage; the co-représentant's e-mail is on file unless said otherwise. */
  async function onEntourage({ emailOnFile = true } = {}) {
    const commune = await createCommune(t.container.communes);
    const parent = await linkedParent(t, commune);
    const email = emailOnFile ? `xavier.${unique()}@example.org` : '';
    await db().update(familyAdults).set({ email }).where(eq(familyAdults.id, parent.coRepresentative.id));
    const paths = familyPaths(commune);
    const page = await parent.client.get(paths.entourage);
    return { commune, parent, paths, page, email };
  }

  it('shows the co-représentant without an account with the invitation form, and the members of the household', async () => {
    const { parent, paths, page, email } = await onEntourage();
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain(`href="${paths.entourage}" aria-current="page"`);
    const text = textOf(page.html);
    const last = parent.representative.lastName.toLocaleUpperCase('fr-FR');
    expect(text).toContain(
      `Xavier ${last} — Co-représentant — n’a pas encore d’espace citoyen relié au dossier famille`,
    );
    expect(text).not.toContain(`Aurélie ${last} — Représentant`);
    // The address the guichet unique recorded is where the invitation goes: nothing to type.
    expect(inputValue(page.html, 'email')).toBeNull();
    expect(text).toContain(`L’invitation sera envoyée à l’adresse e-mail enregistrée au dossier famille : ${email}.`);
    expect(page.html).toContain(`name="adultId" value="${parent.coRepresentative.id}"`);
    expect(page.html).toContain(`action="${paths.invitation}"`);
    expect(page.html).toContain(`href="${paths.member(parent.child.id)}"`);
    expect(page.html).toContain(`href="${paths.newMember}"`);
  });

  it('invites the co-représentant at the address on file: the guichet’s key stays good, and signing up with the mailed one joins the same family and its history', async () => {
    const { commune, parent, paths, email } = await onEntourage();
    const { agent } = await createAgent(t.container, commune);
    const printed = await t.container.childKeys.issue(
      commune,
      parent.coRepresentative.id,
      agentActor(agent),
      '127.0.0.1',
    );
    // The représentante changes the file first: the co-représentant must find it in the history.
    await parent.client.get(paths.editMember(parent.child.id, 'contacts'));
    expect(
      (
        await parent.client.post(paths.editMember(parent.child.id, 'contacts'), {
          'pickup-0-name': 'Jeanne Martin',
          'pickup-0-phone': '06 11 22 33 44',
        })
      ).status,
    ).toBe(303);

    const typed = `xavier.${unique()}@example.org`;
    await parent.client.get(paths.entourage);
    // An address slipped into the form is not read: the file has one.
    const sent = await parent.client.post(paths.invitation, { adultId: parent.coRepresentative.id, email: typed });
    expect([sent.status, sent.location]).toEqual([303, `${paths.entourage}?invitation=envoyee`]);
    expect(textOf((await parent.client.follow()).html)).toContain('L’invitation est envoyée.');

    const mail = await waitForMail(db(), (m) => m.to === email);
    expect(await mailsTo(typed)).toHaveLength(0);
    const last = parent.representative.lastName.toLocaleUpperCase('fr-FR');
    expect(mail.subject).toBe(`Invitation à rejoindre votre dossier famille — Espace citoyens de ${commune.name}`);
    expect(mail.text).toContain(`Bonjour Monsieur ${last},`);
    expect(mail.text).toContain(
      `Aurélie ${last} vous invite à rejoindre le dossier famille n° ${parent.family.reference}`,
    );
    expect(mail.text).toContain('Mon espace → Clé Enfance');
    const key = KEY.exec(mail.text)?.[1];
    expect(key).toBeTruthy();
    const link = new RegExp(`${t.origin}(/${commune.slug}/creer-mon-espace\\?cle=[A-Z0-9-]+)`).exec(mail.text)?.[1];
    expect(link).toBe(`/${commune.slug}/creer-mon-espace?cle=${key}`);

    // The key printed by the guichet stays good beside the mailed one; the audit says who invited, never the key nor the address.
    const keys = await keysOf(parent.coRepresentative.id);
    expect(keys).toHaveLength(2);
    expect(keys.filter((k) => k.revokedAt === null && k.usedAt === null)).toHaveLength(2);
    expect(await t.container.childKeys.check(commune, printed!.key, '127.0.0.1')).not.toBe('unknown');
    const [line] = await invitedLines(commune);
    expect(line).toMatchObject({ actorKind: 'citizen', actorId: parent.citizen.id, subjectId: parent.family.id });
    const audit = JSON.stringify(await auditOf(t, commune));
    for (const secret of [key!, key!.replaceAll('-', ''), email, typed]) expect(audit).not.toContain(secret);

    // The invited parent follows the link: the key is in the form, the account is made, activated, linked.
    const visitor = new WebClient(t.origin);
    const form = await visitor.get(link!);
    expect(inputValue(form.html, 'childKey')).toBe(key);
    const fields = signUpFields({
      civility: 'monsieur',
      firstName: 'Xavier',
      lastName: parent.representative.lastName,
      email,
      childKey: inputValue(form.html, 'childKey')!,
    });
    expect((await postSignUp(t, commune, fields, visitor)).status).toBe(303);
    const activation = await activationLink(t, email);
    await visitor.get(activation);
    expect((await visitor.post(`/${commune.slug}/activation`, { jeton: tokenOf(activation) })).status).toBe(303);
    const coParent = await loggedIn(t, commune, fields.username!);

    const family = textOf((await coParent.get(paths.myFamily)).html);
    expect(family).toContain(`Dossier famille n° ${parent.family.reference}`);
    expect(family).toContain(`Xavier ${last} — Co-représentant — a son espace citoyen`);
    const history = textOf((await coParent.get(paths.history)).html);
    expect(history).toContain(`Aurélie ${last} Personnes autorisées et contacts d’urgence — Rémi ${last}`);
    expect(history).toContain('Jeanne Martin');

    // Each sees the other as linked; nobody is left to invite.
    const theirs = await coParent.get(paths.entourage);
    expect(textOf(theirs.html)).toContain(`Aurélie ${last} — Représentante — a son propre espace citoyen`);
    expect(theirs.html).not.toContain(`action="${paths.invitation}"`);
    const hers = await parent.client.get(paths.entourage);
    expect(hers.html).not.toContain(`action="${paths.invitation}"`);
    const again = await parent.client.post(paths.invitation, { adultId: parent.coRepresentative.id, email: typed });
    expect(again.status).toBe(404);
  });

  it('takes the address typed when the file has none; re-renders a wrong one with the error summary, 400, and sends nothing', async () => {
    const { commune, parent, paths } = await onEntourage({ emailOnFile: false });
    const keysBefore = await keysOf(parent.coRepresentative.id);
    for (const email of ['', 'xavier@', 'xavier\n@example.org']) {
      await parent.client.get(paths.entourage);
      const page = await parent.client.post(paths.invitation, { adultId: parent.coRepresentative.id, email });
      expect(page.status, email).toBe(400);
      expect(Object.keys(errorsOf(page.html)), email).toEqual(['email']);
      expect(page.html).toContain('id="champ-email"');
    }
    expect(await keysOf(parent.coRepresentative.id)).toEqual(keysBefore);
    expect(await invitedLines(commune)).toHaveLength(0);

    const typed = `xavier.${unique()}@example.org`;
    expect(
      (await parent.client.post(paths.invitation, { adultId: parent.coRepresentative.id, email: typed })).status,
    ).toBe(303);
    expect((await waitForMail(db(), (m) => m.to === typed)).subject).toContain(
      'Invitation à rejoindre votre dossier famille',
    );
  });

  it('answers 404 for another family’s adult, a linked adult or an id that is not one, and sends nothing', async () => {
    const { commune, parent, paths } = await onEntourage();
    const other = await createFamily(t.container, commune);
    for (const adultId of [other.coRepresentative.id, parent.representative.id, 'pas-un-identifiant', '']) {
      await parent.client.get(paths.entourage);
      expect(
        (await parent.client.post(paths.invitation, { adultId, email: 'xavier@example.org' })).status,
        adultId,
      ).toBe(404);
    }
    expect(await keysOf(other.coRepresentative.id)).toHaveLength(0);
    expect(await invitedLines(commune)).toHaveLength(0);
    expect(
      await mailsTo('xavier@example.org').then((rows) => rows.filter((m) => m.communeId === commune.id)),
    ).toHaveLength(0);
  });

  it('sends at most 5 invitations per family in 24 hours', async () => {
    const { commune, parent, paths } = await onEntourage();
    const email = `xavier.${unique()}@example.org`;
    for (let i = 0; i < 5; i++) {
      await parent.client.get(paths.entourage);
      expect((await parent.client.post(paths.invitation, { adultId: parent.coRepresentative.id, email })).status).toBe(
        303,
      );
    }
    await parent.client.get(paths.entourage);
    const refused = await parent.client.post(paths.invitation, { adultId: parent.coRepresentative.id, email });
    expect(refused.status).toBe(429);
    expect(textOf(refused.html)).toContain(
      'L’invitation n’a pas été envoyée : 5 invitations ont déjà été envoyées pour votre famille ces dernières 24 heures.',
    );
    expect(await invitedLines(commune)).toHaveLength(5);
    expect(await keysOf(parent.coRepresentative.id)).toHaveLength(5);

    t.clock.advance(24 * HOUR + 60_000); // the session has ended too: a new login
    const tomorrow = await loggedIn(t, commune, parent.citizen.username);
    await tomorrow.get(paths.entourage);
    expect((await tomorrow.post(paths.invitation, { adultId: parent.coRepresentative.id, email })).status).toBe(303);
    expect(await invitedLines(commune)).toHaveLength(6);
  });

  it('says, without a co-représentant in the file, that the guichet unique adds one, with its contact', async () => {
    const commune = await createCommune(t.container.communes);
    const { families } = t.container;
    const family = await families.insertFamily(commune.id, `F-${unique()}`);
    const adult = await families.insertAdult({
      communeId: commune.id,
      familyId: family.id,
      role: 'representant',
      civility: 'madame',
      firstName: 'Inès',
      lastName: 'Seule',
    });
    const citizen = await activeCitizen(t, commune);
    await families.linkCitizen(commune.id, adult.id, citizen.id);
    const client = await loggedIn(t, commune, citizen.username);
    const paths = familyPaths(commune);
    const page = await client.get(paths.entourage);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain(
      'Aucun autre responsable n’est inscrit dans votre dossier famille. C’est le guichet unique qui l’ajoute',
    );
    expect(textOf(page.html)).toContain(commune.desk.name);
    expect(page.html).toContain(`href="mailto:${commune.desk.email}"`);
    expect(page.html).not.toContain(`action="${paths.invitation}"`);
    expect(textOf(page.html)).toContain('Aucun membre du foyer n’est enregistré.');
    expect((await client.post(paths.invitation, { adultId: adult.id, email: 'x@example.org' })).status).toBe(404);
    expect(
      await db()
        .select()
        .from(childKeys)
        .where(and(eq(childKeys.communeId, commune.id))),
    ).toHaveLength(0);
  });
});
