import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAgent, createFamily } from '../../../../../test/agentFactories.js';
import { useTestApp } from '../../../../../test/appFixture.js';
import { inputValue, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { errorsOf, familyPaths, pendingTexts, writtenForFamily } from '../../../../../test/familyFilePages.js';
import { linkedParent } from '../../../../../test/familyFactories.js';
import { agentAuthor } from '../../../accounts/agentsPolicy.js';
import { familyAdults, familyMembers, memberContacts } from '../../familiesSchema.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

describe.each(testDatabases())('the family file, from the family’s side, on $name', ({ open }) => {
  const { t } = useTestApp(open);

  const db = () => t.container.database.db;
  const memberRow = async (id: string) => (await db().select().from(familyMembers).where(eq(familyMembers.id, id)))[0]!;
  const upper = (name: string) => name.toLocaleUpperCase('fr-FR');

  /** A commune, a family whose représentante is logged in, and a second family of the same commune. */
  async function setUp() {
    const commune = await createCommune(t.container.communes);
    const parent = await linkedParent(t, commune);
    const other = await createFamily(t.container, commune);
    return { commune, parent, other, paths: familyPaths(commune), last: upper(parent.representative.lastName) };
  }

  it('shows Ma famille: the file number, the adults and their accounts, the members as links, and the other pages', async () => {
    const { commune, parent, paths, last } = await setUp();
    const page = await parent.client.get(paths.myFamily);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const text = textOf(page.html);
    expect(text).toContain(`Dossier famille n° ${parent.family.reference}`);
    expect(text).toContain(`Aurélie ${last} — Représentante — a son espace citoyen`);
    expect(text).toContain(`Xavier ${last} — Co-représentant — n’a pas encore d’espace citoyen`);
    expect(text).toContain(`Rémi ${last}, né(e) le 14/05/2018`);
    expect(text).toContain('Aucune modification n’attend la validation du guichet unique.');
    for (const href of [
      paths.member(parent.child.id),
      paths.newMember,
      paths.history,
      `/${commune.slug}/ma-famille/mes-donnees`,
      paths.contactDetails,
      paths.entourage,
    ]) {
      expect(page.html, href).toContain(`href="${href}"`);
    }
  });

  it('shows a member’s page with each section, its « Modifier » link and the agenda to come', async () => {
    const { parent, paths, last } = await setUp();
    const { child } = parent;
    await db()
      .update(familyMembers)
      .set({ schoolName: 'École Victor Hugo', schoolClass: 'CE2', diet: 'sans-porc' })
      .where(eq(familyMembers.id, child.id));
    const page = await parent.client.get(paths.member(child.id));
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(page.html).toContain(`<h1>Rémi ${last}</h1>`);
    for (const heading of [
      'Identité',
      'École et classe',
      'Régime alimentaire',
      'Informations de santé',
      'Personnes autorisées et contacts d’urgence',
      'Autorisations',
      'Agenda',
    ]) {
      expect(text, heading).toContain(heading);
    }
    for (const fact of [
      'Date de naissance 14/05/2018',
      'École École Victor Hugo',
      'Classe CE2',
      'Régime alimentaire Sans porc',
      'Autorisé à rentrer seul Non',
    ])
      expect(text, fact).toContain(fact);
    expect(text).toContain('Personnes autorisées à venir chercher l’enfant Personne n’est indiqué.');
    expect(text).toContain('Les 7 prochains jours Rien n’est prévu pour Rémi dans les 7 prochains jours.');
    expect(page.html).toContain(`href="${paths.member(child.id)}/agenda"`);
    for (const group of ['identity', 'school', 'diet', 'health', 'contacts', 'consents'])
      expect(page.html, group).toContain(`href="${paths.editMember(child.id, group)}"`);
  });

  it('answers 404 for another family’s member, another commune’s, a made-up group or an id that is not one, on every member route', async () => {
    const { parent, other, paths } = await setUp();
    const elsewhere = await createFamily(t.container, await createCommune(t.container.communes));
    const before = await writtenForFamily(t, other.family.id);
    await parent.client.get(paths.editMember(parent.child.id, 'school'));
    for (const id of [other.child.id, elsewhere.child.id, 'pas-un-identifiant', `${parent.child.id}x`]) {
      expect((await parent.client.get(paths.member(id))).status, id).toBe(404);
      expect((await parent.client.get(paths.editMember(id, 'school'))).status, id).toBe(404);
      await parent.client.get(paths.editMember(parent.child.id, 'school'));
      expect(
        (await parent.client.post(paths.editMember(id, 'school'), { schoolName: 'Intrus', schoolClass: 'CM2' })).status,
        id,
      ).toBe(404);
    }
    expect((await parent.client.get(paths.editMember(parent.child.id, 'new-member'))).status).toBe(404);
    expect((await parent.client.get(paths.editMember(parent.child.id, 'address'))).status).toBe(404);
    expect((await memberRow(other.child.id)).schoolName).toBe('');
    expect(await writtenForFamily(t, other.family.id)).toEqual(before);
  });

  it('applies a direct change (the contacts, by default) at once, and writes it in the history', async () => {
    const { parent, paths, last } = await setUp();
    const { child } = parent;
    const form = await parent.client.get(paths.editMember(child.id, 'contacts'));
    expect(textOf(form.html)).toContain('Cette modification sera enregistrée immédiatement');
    const saved = await parent.client.post(paths.editMember(child.id, 'contacts'), {
      'pickup-0-name': 'Jeanne Martin',
      'pickup-0-phone': '06 11 22 33 44',
      'pickup-0-relation': 'grand-mère',
      'emergency-1-name': 'Paul Voisin',
      'emergency-1-phone': '01 23 45 67 89',
    });
    expect([saved.status, saved.location]).toEqual([303, `${paths.member(child.id)}?fait=enregistre`]);
    const page = textOf((await parent.client.follow()).html);
    expect(page).toContain('Modification enregistrée.');
    expect(page).toContain('Jeanne Martin (grand-mère) — 06 11 22 33 44');
    expect(page).toContain('Paul Voisin — 01 23 45 67 89');
    const rows = await db().select().from(memberContacts).where(eq(memberContacts.memberId, child.id));
    expect(rows.map((r) => [r.kind, r.name]).sort()).toEqual([
      ['emergency', 'Paul Voisin'],
      ['pickup', 'Jeanne Martin'],
    ]);
    expect((await writtenForFamily(t, parent.family.id)).requests).toBe(0);

    const again = await parent.client.get(paths.editMember(child.id, 'contacts'));
    expect(inputValue(again.html, 'pickup-0-name')).toBe('Jeanne Martin');
    expect(inputValue(again.html, 'emergency-0-name')).toBe('Paul Voisin');

    const history = textOf((await parent.client.get(paths.history)).html);
    expect(history).toContain(`Aurélie ${last} Personnes autorisées et contacts d’urgence — Rémi ${last}`);
    expect(history).toContain(
      'Personnes autorisées à venir chercher l’enfant : — → Jeanne Martin (grand-mère) 06 11 22 33 44',
    );
    expect(history).toContain('02/11/2026 à 12:');
  });

  it('re-renders bad input with the error summary, 400, and writes nothing', async () => {
    const { parent, paths } = await setUp();
    const { child } = parent;
    const before = await writtenForFamily(t, parent.family.id);
    await parent.client.get(paths.editMember(child.id, 'contacts'));
    const contacts = await parent.client.post(paths.editMember(child.id, 'contacts'), {
      'pickup-0-name': 'Jeanne Martin',
      'pickup-0-phone': '12',
      'emergency-2-phone': '06 11 22 33 44',
    });
    expect(contacts.status).toBe(400);
    expect(errorsOf(contacts.html)).toEqual({
      'pickup-0-phone': expect.stringContaining('10 chiffres'),
      'emergency-2-name': 'Indiquez le nom et le prénom de la personne.',
    });
    expect(contacts.html).toContain('id="champ-pickup-0-phone"');
    expect(inputValue(contacts.html, 'pickup-0-name')).toBe('Jeanne Martin');

    await parent.client.get(paths.editMember(child.id, 'identity'));
    const identity = await parent.client.post(paths.editMember(child.id, 'identity'), {
      firstName: '',
      lastName: 'Dupont',
      birthDate: '31/02/2018',
      sex: 'X',
    });
    expect(identity.status).toBe(400);
    expect(Object.keys(errorsOf(identity.html))).toEqual(['firstName', 'birthDate', 'sex']);
    expect(textOf(identity.html)).toContain('Cette date de naissance n’existe pas.');

    await parent.client.get(paths.editMember(child.id, 'health'));
    const controls = await parent.client.post(paths.editMember(child.id, 'health'), {
      allergies: 'arachide\nDROP',
      doctorName: '',
      doctorPhone: '',
    });
    expect(controls.status).toBe(400);
    expect(Object.keys(errorsOf(controls.html))).toEqual(['allergies']);

    await parent.client.get(paths.editContactDetails('address'));
    const address = await parent.client.post(paths.editContactDetails('address'), {
      street: '',
      postcode: 'abc',
      city: 'Chanteloup',
    });
    expect(address.status).toBe(400);
    expect(Object.keys(errorsOf(address.html))).toEqual(['street', 'postcode']);

    expect(await writtenForFamily(t, parent.family.id)).toEqual(before);
    expect((await db().select().from(memberContacts).where(eq(memberContacts.memberId, child.id))).length).toBe(0);
  });

  it('turns a change that needs validation (the address, by default) into a request, shows the pending value, and refuses a second while it waits', async () => {
    const { commune, parent, paths } = await setUp();
    const form = await parent.client.get(paths.editContactDetails('address'));
    expect(textOf(form.html)).toContain('Cette modification sera transmise au guichet unique, qui la validera.');
    const sent = await parent.client.post(paths.editContactDetails('address'), {
      street: '5 rue des Lilas',
      streetComplement: '',
      postcode: '78570',
      city: 'Chanteloup-les-Vignes',
    });
    expect(sent.status).toBe(303);
    expect(sent.location).toMatch(new RegExp(`^${paths.contactDetails}\\?fait=transmis&demande=${UUID}$`));
    const requestId = new URL(sent.location!, t.origin).searchParams.get('demande')!;
    const requestPath = `/${commune.slug}/mon-tableau-de-bord/demandes/${requestId}`;

    const page = await parent.client.follow();
    expect(textOf(page.html)).toContain('Votre demande de modification a été transmise au guichet unique.');
    expect(page.html).toContain(`href="${requestPath}"`);
    expect(pendingTexts(page.html)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('En attente de validation : 5 rue des Lilas'),
        expect.stringContaining('En attente de validation : 78570'),
      ]),
    );
    expect((await t.container.families.file(commune.id, parent.family.id))?.family.street).toBe('');

    const familyPage = await parent.client.get(paths.myFamily);
    expect(familyPage.html).toContain(`href="${requestPath}"`);
    expect(textOf(familyPage.html)).toContain('Adresse du foyer — demandée le 02/11/2026');

    const waiting = await parent.client.get(paths.editContactDetails('address'));
    expect(waiting.status).toBe(200);
    expect(textOf(waiting.html)).toContain('attend la validation du guichet unique');
    expect(waiting.html).not.toContain('name="street"');

    await parent.client.get(paths.contactDetails);
    const second = await parent.client.post(paths.editContactDetails('address'), {
      street: '7 rue des Roses',
      postcode: '78570',
      city: 'Chanteloup-les-Vignes',
    });
    expect(second.status).toBe(409);
    expect(textOf(second.html)).toContain(
      'Votre modification n’a pas été enregistrée. Une demande de modification de cette rubrique',
    );
    expect(second.html).toContain(`href="${requestPath}"`);
    expect((await writtenForFamily(t, parent.family.id)).requests).toBe(1);
  });

  it('shows a member’s pending value beside the current one', async () => {
    const { parent, paths } = await setUp();
    const { child } = parent;
    await parent.client.get(paths.editMember(child.id, 'health'));
    const sent = await parent.client.post(paths.editMember(child.id, 'health'), {
      allergies: 'arachide',
      pai: 'oui',
      doctorName: 'Dr Martin',
      doctorPhone: '01 39 74 29 12',
    });
    expect(sent.location).toMatch(new RegExp(`\\?fait=transmis&demande=${UUID}$`));
    const page = await parent.client.follow();
    expect(pendingTexts(page.html)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('En attente de validation : arachide'),
        expect.stringContaining('En attente de validation : Oui'),
        expect.stringContaining('Dr Martin'),
      ]),
    );
    expect((await memberRow(child.id)).allergies).toBe('');
  });

  it('says « Aucune modification » when nothing typed differs, and writes nothing', async () => {
    const { parent, paths } = await setUp();
    const before = await writtenForFamily(t, parent.family.id);
    await parent.client.get(paths.editMember(parent.child.id, 'school'));
    const same = await parent.client.post(paths.editMember(parent.child.id, 'school'), {
      schoolName: '',
      schoolClass: '',
    });
    expect(same.location).toBe(`${paths.member(parent.child.id)}?fait=inchange`);
    expect(textOf((await parent.client.follow()).html)).toContain('Aucune modification');
    expect(await writtenForFamily(t, parent.family.id)).toEqual(before);
  });

  it('follows the commune’s choice of which groups need validation, and says so before saving', async () => {
    const { commune, parent, paths } = await setUp();
    await t.container.families.setPolicies(commune.id, { contacts: true, identity: false });
    expect(textOf((await parent.client.get(paths.editMember(parent.child.id, 'contacts'))).html)).toContain(
      'transmise au guichet unique',
    );
    const identity = await parent.client.get(paths.editMember(parent.child.id, 'identity'));
    expect(textOf(identity.html)).toContain('enregistrée immédiatement');
    expect(inputValue(identity.html, 'birthDate')).toBe('14/05/2018');
    const saved = await parent.client.post(paths.editMember(parent.child.id, 'identity'), {
      firstName: 'Rémy',
      lastName: parent.child.lastName,
      birthDate: '14/05/2018',
      sex: 'M',
    });
    expect(saved.location).toBe(`${paths.member(parent.child.id)}?fait=enregistre`);
    expect(await memberRow(parent.child.id)).toMatchObject({ firstName: 'Rémy', sex: 'M', birthDate: '2018-05-14' });
  });

  it('offers going home alone from 8 years old only', async () => {
    const { commune, parent, paths } = await setUp();
    const young = await t.container.families.insertMember({
      communeId: commune.id,
      familyId: parent.family.id,
      firstName: 'Lina',
      lastName: parent.child.lastName,
      birthDate: '2021-03-02',
    });
    expect((await parent.client.get(paths.editMember(parent.child.id, 'consents'))).html).toContain(
      'name="leavesAloneConsent"',
    );
    const form = await parent.client.get(paths.editMember(young.id, 'consents'));
    expect(form.html).not.toContain('name="leavesAloneConsent"');
    expect(textOf(form.html)).toContain('qu’à partir de 8 ans');
    const saved = await parent.client.post(paths.editMember(young.id, 'consents'), {
      photoConsent: 'oui',
      leavesAloneConsent: 'oui',
    });
    expect(saved.location).toBe(`${paths.member(young.id)}?fait=enregistre`);
    expect(await memberRow(young.id)).toMatchObject({ photoConsent: true, leavesAloneConsent: false });
    expect(textOf((await parent.client.follow()).html)).not.toContain('Autorisé à rentrer seul');
  });

  it('adds a member through a request by default, or at once when the commune allows it', async () => {
    const { commune, parent, paths } = await setUp();
    const form = await parent.client.get(paths.newMember);
    expect(textOf(form.html)).toContain('Votre demande sera transmise au guichet unique');
    const before = await writtenForFamily(t, parent.family.id);
    const refused = await parent.client.post(paths.newMember, {
      firstName: 'Lina',
      lastName: 'Dupont',
      birthDate: '2021',
    });
    expect(refused.status).toBe(400);
    expect(Object.keys(errorsOf(refused.html))).toEqual(['birthDate', 'relation']);
    expect(inputValue(refused.html, 'firstName')).toBe('Lina');
    expect(await writtenForFamily(t, parent.family.id)).toEqual(before);

    const sent = await parent.client.post(paths.newMember, {
      firstName: 'Lina',
      lastName: 'Dupont',
      birthDate: '02/03/2021',
      sex: 'F',
      relation: 'enfant',
    });
    expect(sent.location).toMatch(new RegExp(`^${paths.myFamily}\\?fait=transmis&demande=${UUID}$`));
    const page = textOf((await parent.client.follow()).html);
    expect(page).toContain('Votre demande d’ajout d’un membre du foyer a été transmise au guichet unique.');
    expect(page).toContain('Nouveau membre du foyer : Lina DUPONT — demandée le 02/11/2026');
    expect((await t.container.families.file(commune.id, parent.family.id))!.members).toHaveLength(1);

    await t.container.families.setPolicies(commune.id, { 'new-member': false });
    await parent.client.get(paths.newMember);
    const added = await parent.client.post(paths.newMember, {
      firstName: 'Hugo',
      lastName: 'Dupont',
      birthDate: '01/09/1990',
      relation: 'adulte',
    });
    expect(added.location).toBe(`${paths.myFamily}?fait=ajoute`);
    expect(textOf((await parent.client.follow()).html)).toContain('Hugo DUPONT, né(e) le 01/09/1990');
    const hugo = (await t.container.families.file(commune.id, parent.family.id))!.members.find(
      (m) => m.firstName === 'Hugo',
    )!;
    const hisPage = await parent.client.get(paths.member(hugo.id));
    expect(textOf(hisPage.html)).not.toContain('Régime alimentaire');
    expect((await parent.client.get(paths.editMember(hugo.id, 'diet'))).status).toBe(404);
    expect(textOf((await parent.client.get(paths.history)).html)).toContain('Nouveau membre du foyer — Hugo DUPONT');
  });

  it('shows the changes of the guichet unique in the history as such', async () => {
    const { commune, parent, paths } = await setUp();
    const { agent } = await createAgent(t.container, commune, { firstName: 'Nadia', lastName: 'Benali' });
    const outcome = await t.container.familyFile.change(
      commune,
      parent.family.id,
      { kind: 'member', id: parent.child.id },
      'school',
      { schoolName: 'École Victor Hugo', schoolClass: 'CE2' },
      agentAuthor(agent),
      '127.0.0.1',
    );
    expect(outcome).toEqual({ ok: true, done: 'applied' });
    const history = textOf((await parent.client.get(paths.history)).html);
    expect(history).toContain('Guichet unique');
    expect(history).not.toContain('Nadia BENALI');
    expect(history).toContain('École : — → École Victor Hugo');
  });

  it('shows Coordonnées with the parent’s own contact group, changed at once by default; another group is 404', async () => {
    const { parent, paths } = await setUp();
    const page = await parent.client.get(paths.contactDetails);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Adresse e-mail aurelie@example.org');
    const form = await parent.client.get(paths.editContactDetails('contact'));
    expect(inputValue(form.html, 'email')).toBe('aurelie@example.org');
    expect(form.html).toMatch(/id="champ-preferredContact" name="preferredContact" value="email" checked/);
    const saved = await parent.client.post(paths.editContactDetails('contact'), {
      email: 'aurelie.new@example.org',
      phone: '06 12 34 56 78',
      homePhone: '',
      workPhone: '',
      preferredContact: 'sms',
    });
    expect(saved.location).toBe(`${paths.contactDetails}?fait=enregistre`);
    expect(textOf((await parent.client.follow()).html)).toContain('Téléphone portable 06 12 34 56 78');
    const [own] = await db().select().from(familyAdults).where(eq(familyAdults.id, parent.representative.id));
    expect(own).toMatchObject({ email: 'aurelie.new@example.org', preferredContact: 'sms' });
    const [co] = await db().select().from(familyAdults).where(eq(familyAdults.id, parent.coRepresentative.id));
    expect(co!.email).toBe('');
    for (const group of ['identity', 'new-member', 'foo'])
      expect((await parent.client.get(paths.editContactDetails(group))).status, group).toBe(404);
    expect((await parent.client.post(paths.editContactDetails('foo'), { email: 'x@example.org' })).status).toBe(404);
  });
});
