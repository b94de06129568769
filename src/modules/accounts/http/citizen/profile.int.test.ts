import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { activeCitizen, loggedIn, summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { linkedParent } from '../../../../../test/familyFactories.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { auditEvents } from '../../../audit/auditSchema.js';
import { families, familyAdults } from '../../../families/familiesSchema.js';
import { citizens } from '../../accountsSchema.js';

const chanteloup = {
  street: '2 rue des Chariots',
  streetComplement: '',
  postcode: '78570',
  city: 'Chanteloup-les-Vignes',
};

describe.each(testDatabases())('« Profil » of Mon espace on $name', ({ open }) => {
  const { t } = useTestApp(open);
  const db = () => t.container.database.db;
  const accountOf = async (id: string) => (await db().select().from(citizens).where(eq(citizens.id, id)))[0]!;
  const profileEvents = (commune: Commune) =>
    db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.communeId, commune.id), eq(auditEvents.action, 'citizen.profile.changed')));

  async function unlinkedParent() {
    const commune = await createCommune(t.container.communes);
    const citizen = await activeCitizen(t, commune, { mobilePhone: '06 12 34 56 78' });
    const client = await loggedIn(t, commune, citizen.username, citizen.password);
    return { commune, citizen, client, paths: { profile: `/${commune.slug}/mon-espace` } };
  }

  it('changes the address and phones at once, audited by field names only; the e-mail stays with « Identifiants »', async () => {
    const { commune, citizen, client, paths } = await unlinkedParent();
    const page = await client.get(paths.profile);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Adresse de votre profil 2 rue des Chariots 78570 Chanteloup-les-Vignes');
    expect(text).toContain('Elle sert aussi à vous connecter : elle se change dans Identifiants');
    expect(text).toContain('Votre espace n’est pas encore relié à un dossier famille');
    expect(page.html).toContain(`href="/${commune.slug}/mon-espace/profil"`);

    const form = await client.get(`${paths.profile}/profil`);
    expect(form.status).toBe(200);
    expect(form.html).toContain('value="06 12 34 56 78"');
    expect(form.html, 'the e-mail is not a field here').not.toContain('name="email"');
    const saved = await client.post(`${paths.profile}/profil`, {
      ...chanteloup,
      street: '10 allée des Tilleuls',
      streetComplement: 'Bâtiment B',
      mobilePhone: '06 12 34 56 78',
      homePhone: '01 39 00 00 00',
      // A field the form does not hold is not taken.
      email: 'intrus@example.org',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${paths.profile}?fait=enregistre`);
    expect(textOf((await client.follow()).html)).toContain('Votre profil est enregistré.');
    const stored = await accountOf(citizen.id);
    expect([stored.street, stored.streetComplement, stored.homePhone, stored.email]).toEqual([
      '10 allée des Tilleuls',
      'Bâtiment B',
      '01 39 00 00 00',
      citizen.email,
    ]);
    const events = await profileEvents(commune);
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toEqual({
      fields: 'Numéro et voie, Complément d’adresse, Téléphone fixe',
      source: 'formulaire du profil',
    });
    expect(JSON.stringify(events[0]), 'no value in the audit log').not.toContain('Tilleuls');

    // The same values again: nothing written, and the page says so.
    await client.get(`${paths.profile}/profil`);
    const again = await client.post(`${paths.profile}/profil`, {
      street: '10 allée des Tilleuls',
      streetComplement: 'Bâtiment B',
      postcode: '78570',
      city: 'Chanteloup-les-Vignes',
      mobilePhone: '06 12 34 56 78',
      homePhone: '01 39 00 00 00',
    });
    expect(again.location).toBe(`${paths.profile}?fait=inchange`);
    expect(await profileEvents(commune)).toHaveLength(1);
  });

  it('refuses wrong values with a French summary linked to each field, keeping what was typed, writing nothing', async () => {
    const { commune, citizen, client, paths } = await unlinkedParent();
    await client.get(`${paths.profile}/profil`);
    const refused = await client.post(`${paths.profile}/profil`, {
      street: '  ',
      streetComplement: '',
      postcode: '7857',
      city: 'Chanteloup-les-Vignes',
      mobilePhone: '06 12',
      homePhone: '',
    });
    expect(refused.status).toBe(400);
    expect(summaryOf(refused.html)).toEqual({
      street: 'Indiquez le numéro et la voie de votre adresse, par exemple 2 rue des Chariots.',
      postcode: 'Le code postal comporte 5 chiffres, par exemple 78570.',
      mobilePhone: 'Le numéro de téléphone comporte 10 chiffres, par exemple 06 12 34 56 78.',
    });
    for (const field of ['street', 'postcode', 'mobilePhone']) expect(refused.html).toContain(`id="champ-${field}"`);
    expect(refused.html).toContain('value="7857"');
    expect(textOf(refused.html)).toContain('Erreur : Modifier mon adresse et mes téléphones');
    expect((await accountOf(citizen.id)).postcode).toBe('78570');
    expect(await profileEvents(commune)).toHaveLength(0);

    // Without the form's token, nothing either.
    const forged = await client.post(
      `${paths.profile}/profil`,
      { ...chanteloup, street: '1 rue Forgée', mobilePhone: '', homePhone: '' },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
    expect((await accountOf(citizen.id)).street).toBe('2 rue des Chariots');
    // A copy of the file's address needs a file.
    await client.get(paths.profile);
    expect((await client.post(`${paths.profile}/profil/adresse-du-dossier`)).status).toBe(404);
    expect((await client.post(`${paths.profile}/profil/telephones-du-dossier`)).status).toBe(404);
  });

  it('shows which address the commune uses, and copies one into the other', async () => {
    const commune = await createCommune(t.container.communes);
    const parent = await linkedParent(t, commune);
    const profilePath = `/${commune.slug}/mon-espace`;
    const contactDetails = `/${commune.slug}/mon-tableau-de-bord/coordonnees`;

    // The file has no address yet: the profile's may be proposed for it, through the guichet unique.
    let text = textOf((await parent.client.get(profilePath)).html);
    expect(text).toContain(
      'Les factures, l’attestation fiscale et les courriers du guichet unique portent l’adresse du foyer',
    );
    expect(text).toContain('Adresse du foyer (dossier famille) Pas encore indiquée');
    expect(text).toContain('le guichet unique valide ce changement avant qu’il ne s’applique');
    expect(text).not.toContain('Reprendre l’adresse du dossier famille');
    const proposed = await parent.client.post(`${contactDetails}/modifier/address`, {
      street: parent.citizen.street,
      streetComplement: parent.citizen.streetComplement,
      postcode: parent.citizen.postcode,
      city: parent.citizen.city,
    });
    expect(proposed.status).toBe(303);
    expect(proposed.location).toMatch(new RegExp(`^${contactDetails}\\?fait=`));
    text = textOf((await parent.client.get(profilePath)).html);
    expect(text).toContain('Un changement de l’adresse du foyer attend déjà la validation du guichet unique');
    expect(text).not.toContain('Utiliser l’adresse de mon profil');

    // The file holds another address (the desk wrote it): the parent may take it into the profile.
    await db()
      .update(families)
      .set({ street: '10 allée des Tilleuls', streetComplement: '', postcode: '78570', city: 'Chanteloup-les-Vignes' })
      .where(eq(families.id, parent.family.id));
    text = textOf((await parent.client.get(profilePath)).html);
    expect(text).toContain('Adresse du foyer (dossier famille) 10 allée des Tilleuls 78570 Chanteloup-les-Vignes');
    expect(text).toContain('Elle diffère de celle de votre profil.');
    const copied = await parent.client.post(`${profilePath}/profil/adresse-du-dossier`);
    expect(copied.status).toBe(303);
    expect(copied.location).toBe(`${profilePath}?fait=reprise`);
    text = textOf((await parent.client.follow()).html);
    expect(text).toContain('L’adresse de votre dossier famille est maintenant aussi celle de votre profil.');
    expect(text).toContain('Adresse de votre profil 10 allée des Tilleuls 78570 Chanteloup-les-Vignes');
    expect(text).toContain('Elle est la même que celle de votre profil.');
    const events = await profileEvents(commune);
    expect(events.map((event) => event.details)).toEqual([
      { fields: 'Numéro et voie', source: 'adresse du dossier famille' },
    ]);
  });

  it('shows which phones the guichet unique uses, and copies them one way or the other', async () => {
    const commune = await createCommune(t.container.communes);
    const parent = await linkedParent(t, commune);
    const profilePath = `/${commune.slug}/mon-espace`;
    const contactDetails = `/${commune.slug}/mon-tableau-de-bord/coordonnees`;
    const ownEntry = and(eq(familyAdults.familyId, parent.family.id), eq(familyAdults.citizenId, parent.citizen.id));
    await db()
      .update(familyAdults)
      .set({ phone: '', homePhone: '', email: 'famille@example.org', workPhone: '01 30 00 00 01' })
      .where(ownEntry);
    await db()
      .update(citizens)
      .set({ mobilePhone: '06 12 34 56 78', homePhone: '' })
      .where(eq(citizens.id, parent.citizen.id));

    // The file has no phone of the parent's: the profile's may be proposed for it, and nothing else.
    const page = await parent.client.get(profilePath);
    let text = textOf(page.html);
    expect(text).toContain('Le guichet unique vous appelle aux téléphones de votre fiche dans le dossier famille');
    expect(text).toContain('Vos numéros dans le dossier famille Aucun téléphone indiqué');
    expect(text).not.toContain('Reprendre les téléphones du dossier famille');
    expect(page.html).toContain(`action="${contactDetails}/modifier/contact"`);
    expect((await parent.client.post(`${profilePath}/profil/telephones-du-dossier`)).status).toBe(404);
    // The button sends the profile's phones and the rest of the entry as it is: its hidden fields, as a browser would.
    const form = /<form[^>]*action="[^"]*\/modifier\/contact"[^>]*>([\s\S]*?)<\/form>/.exec(page.html)![1]!;
    const fields = Object.fromEntries(
      // An empty value is rendered without its attribute, and a browser sends it empty.
      [...form.matchAll(/<input type="hidden" name="(\w+)"(?: value="([^"]*)")?/g)]
        .map((match) => [match[1]!, match[2] ?? ''])
        .filter(([name]) => name !== '_csrf'),
    );
    expect(fields).toEqual({
      email: 'famille@example.org',
      phone: '06 12 34 56 78',
      homePhone: '',
      workPhone: '01 30 00 00 01',
      preferredContact: 'email',
    });
    const proposed = await parent.client.post(`${contactDetails}/modifier/contact`, fields);
    expect(proposed.status).toBe(303);
    const [entry] = await db().select().from(familyAdults).where(ownEntry);
    expect(entry).toMatchObject({ phone: '06 12 34 56 78', email: 'famille@example.org', workPhone: '01 30 00 00 01' });
    text = textOf((await parent.client.get(profilePath)).html);
    expect(text).toContain('Ce sont les mêmes que ceux de votre profil.');

    // The desk wrote other numbers in the file: the parent may take them into the profile.
    await db().update(familyAdults).set({ phone: '+33 6 98 76 54 32', homePhone: '01 39 00 00 00' }).where(ownEntry);
    text = textOf((await parent.client.get(profilePath)).html);
    expect(text).toContain('Vos numéros dans le dossier famille +33 6 98 76 54 32 — 01 39 00 00 00');
    expect(text).toContain('Ils diffèrent de ceux de votre profil.');
    const copied = await parent.client.post(`${profilePath}/profil/telephones-du-dossier`);
    expect(copied.status).toBe(303);
    expect(copied.location).toBe(`${profilePath}?fait=telephones-repris`);
    text = textOf((await parent.client.follow()).html);
    expect(text).toContain('Les téléphones de votre dossier famille sont maintenant aussi ceux de votre profil.');
    expect(text).toContain('Téléphones +33 6 98 76 54 32 — 01 39 00 00 00');
    expect(text).toContain('Ce sont les mêmes que ceux de votre profil.');
    expect((await profileEvents(commune)).map((event) => event.details)).toEqual([
      { fields: 'Téléphone portable, Téléphone fixe', source: 'téléphones du dossier famille' },
    ]);
  });
});
