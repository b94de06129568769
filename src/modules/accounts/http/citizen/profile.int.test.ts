import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { activeCitizen, loggedIn, summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { linkedParent } from '../../../../../test/familyFactories.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { auditEvents } from '../../../audit/auditSchema.js';
import { families } from '../../../families/familiesSchema.js';
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
});
