import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAgent, createFamily, loggedInAgent } from '../../../../../test/agentFactories.js';
import { useTestApp } from '../../../../../test/appFixture.js';
import { auditOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { families, familyAdults, familyFieldPolicies, familyMembers, memberContacts } from '../../familiesSchema.js';
import { FIELD_GROUPS } from '../../domain/fieldGroups.js';

const address = { street: '12 rue des Tilleuls', streetComplement: '', postcode: '78570', city: 'Andrésy' };
const healthActions = (events: { action: string }[]) => events.filter((e) => e.action === 'health.viewed');

describe.each(testDatabases())('the desk’s edits of a family file on $name', ({ open }) => {
  const { t, database } = useTestApp(open);

  const base = (commune: Commune) => `/${commune.slug}/guichet`;
  const filePath = (commune: Commune, familyId: string) => `${base(commune)}/familles/${familyId}`;

  it('writes an agent’s changes at once, in the file, its history and the audit log', async () => {
    const commune = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune, { firstName: 'Camille', lastName: 'Bernard' });
    const { family, representative, child } = await createFamily(t.container, commune, 'Leroy');
    const client = await loggedInAgent(t, commune, agent);
    const file = filePath(commune, family.id);

    const page = await client.get(file);
    expect(page.status).toBe(200);
    for (const link of [
      `${file}/modifier/adresse`,
      `${file}/modifier/coordonnees?cible=${representative.id}`,
      `${file}/nouveau-membre`,
      `${file}/membres/${child.id}`,
    ]) {
      expect(page.html, link).toContain(`href="${link}"`);
    }

    // The household's address.
    const form = await client.get(`${file}/modifier/adresse`);
    expect(form.status).toBe(200);
    expect(form.headers.get('cache-control')).toBe('no-store');
    const saved = await client.post(`${file}/modifier/adresse`, address);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${file}?fait=modifie`);
    const [row] = await database.db.select().from(families).where(eq(families.id, family.id));
    expect(row).toMatchObject(address);

    // An adult's contact details, with the target in the address.
    await client.post(`${file}/modifier/coordonnees?cible=${representative.id}`, {
      email: 'aurelie.leroy@example.org',
      phone: '06 11 22 33 44',
      homePhone: '',
      workPhone: '',
      preferredContact: 'sms',
    });
    expect(client.last!.status).toBe(303);
    const [adult] = await database.db.select().from(familyAdults).where(eq(familyAdults.id, representative.id));
    expect(adult).toMatchObject({
      email: 'aurelie.leroy@example.org',
      phone: '06 11 22 33 44',
      preferredContact: 'sms',
    });

    // A member's pick-up people: back to the member's page.
    const contacts = await client.post(`${file}/modifier/contacts?cible=${child.id}`, {
      'pickup-0-name': 'Josette Leroy',
      'pickup-0-phone': '06 98 76 54 32',
      'pickup-0-relation': 'grand-mère',
    });
    expect(contacts.location).toBe(`${file}/membres/${child.id}?fait=modifie`);
    const member = await client.follow();
    expect(member.html).toContain('La modification est enregistrée.');
    expect(member.html).toContain('Josette Leroy');
    expect(await database.db.select().from(memberContacts).where(eq(memberContacts.memberId, child.id))).toHaveLength(
      1,
    );

    // The same values again: nothing written, and the page says so.
    expect((await client.post(`${file}/modifier/adresse`, address)).location).toBe(`${file}?fait=inchange`);

    const after = await client.get(file);
    const text = textOf(after.html);
    expect(text).toContain('Historique du dossier');
    expect(text).toContain('Camille BERNARD (guichet unique)');
    expect(text).toContain('Numéro et voie : — → 12 rue des Tilleuls');
    expect(text).toContain('Moyen de contact préféré : E-mail → SMS');
    expect(text).toContain('aurelie.leroy@example.org');
    expect(text).toContain('Andrésy');

    const changed = (await auditOf(t, commune)).filter((e) => e.action === 'family.changed');
    expect(changed).toHaveLength(3);
    expect(changed[0]).toMatchObject({
      actorKind: 'agent',
      actorId: agent.agent.id,
      subjectKind: 'family',
      subjectId: family.id,
    });
    // Identifiers only in the log: the values are the family's history's.
    expect(JSON.stringify(changed)).not.toContain('Tilleuls');
    expect(JSON.stringify(changed)).not.toContain('Josette');
  });

  it('re-renders a wrong form with its errors and changes nothing; adds a member at once', async () => {
    const commune = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune);
    const { family, child } = await createFamily(t.container, commune);
    const client = await loggedInAgent(t, commune, agent);
    const file = filePath(commune, family.id);
    await client.get(file);

    const wrong = await client.post(`${file}/modifier/adresse`, { ...address, street: '', postcode: '785' });
    expect(wrong.status).toBe(400);
    expect(wrong.html).toContain('class="error-summary"');
    expect(wrong.html).toContain('href="#champ-street"');
    expect(wrong.html).toContain('href="#champ-postcode"');
    expect(wrong.html).toContain('value="Andrésy"');
    const identity = await client.post(`${file}/modifier/identite?cible=${child.id}`, {
      firstName: 'Rémi',
      lastName: 'X',
      birthDate: '31/02/2018',
      sex: 'M',
    });
    expect(identity.status).toBe(400);
    expect(identity.html).toContain('href="#champ-birthDate"');
    const [row] = await database.db.select().from(families).where(eq(families.id, family.id));
    expect(row!.street).toBe('');

    const added = await client.post(`${file}/nouveau-membre`, {
      firstName: 'Lina',
      lastName: 'Martin',
      birthDate: '03/09/2020',
      sex: 'F',
      relation: 'enfant',
    });
    expect(added.location).toBe(`${file}?fait=ajoute`);
    const members = await database.db.select().from(familyMembers).where(eq(familyMembers.familyId, family.id));
    expect(members.map((m) => m.firstName).sort()).toEqual(['Lina', 'Rémi']);
    expect(members.find((m) => m.firstName === 'Lina')!.birthDate).toBe('2020-09-03');
    expect((await client.follow()).html).toContain('Le membre du foyer est ajouté au dossier.');
    expect(
      (await auditOf(t, commune)).some((e) => e.action === 'family.member-added' && e.subjectId === family.id),
    ).toBe(true);
    const empty = await client.post(`${file}/nouveau-membre`, {
      firstName: '',
      lastName: '',
      birthDate: '',
      relation: '',
    });
    expect(empty.status).toBe(400);
    expect(await database.db.select().from(familyMembers).where(eq(familyMembers.familyId, family.id))).toHaveLength(2);
  });

  it('shows the family’s pending changes with their requests, the health values hidden', async () => {
    const commune = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune);
    const { family, child } = await createFamily(t.container, commune);
    const parent = { kind: 'citizen' as const, id: randomUUID(), label: 'Aurélie FAMILLE' };
    const moved = await t.container.familyFile.change(
      commune,
      family.id,
      { kind: 'family' },
      'address',
      address,
      parent,
      '127.0.0.1',
    );
    const health = await t.container.familyFile.change(
      commune,
      family.id,
      { kind: 'member', id: child.id },
      'health',
      { allergies: 'Arachide', pai: true, doctorName: '', doctorPhone: '' },
      parent,
      '127.0.0.1',
    );
    expect(moved).toMatchObject({ ok: true, done: 'requested' });
    expect(health).toMatchObject({ ok: true, done: 'requested' });
    const client = await loggedInAgent(t, commune, agent);

    const page = await client.get(filePath(commune, family.id));
    expect(page.html).toContain(`href="${base(commune)}/demandes/${(moved as { requestId: string }).requestId}"`);
    expect(page.html).toContain(`href="${base(commune)}/demandes/${(health as { requestId: string }).requestId}"`);
    expect(textOf(page.html)).toContain('En attente de validation : 12 rue des Tilleuls');
    expect(textOf(page.html)).toContain('Allergies : modifié');
    expect(page.html).not.toContain('Arachide');
    const member = await client.get(`${filePath(commune, family.id)}/membres/${child.id}`);
    expect(member.html).not.toContain('Arachide');
    // The agent's edit page points at the family's request rather than deciding it.
    const edit = await client.get(`${filePath(commune, family.id)}/modifier/adresse`);
    expect(textOf(edit.html)).toContain('attend une décision');
  });

  it('answers 404 for another commune’s family, another family’s member, unknown groups and targets', async () => {
    const commune = await createCommune(t.container.communes);
    const other = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune);
    const mine = await createFamily(t.container, commune);
    const neighbours = await createFamily(t.container, commune);
    const theirs = await createFamily(t.container, other);
    const client = await loggedInAgent(t, commune, agent);
    const their = filePath(commune, theirs.family.id);
    const my = filePath(commune, mine.family.id);
    await client.get(my);

    for (const path of [
      their,
      `${their}/modifier/adresse`,
      `${their}/modifier/coordonnees?cible=${theirs.representative.id}`,
      `${their}/membres/${theirs.child.id}`,
      `${their}/membres/${theirs.child.id}/sante`,
      `${their}/nouveau-membre`,
      `${my}/membres/${neighbours.child.id}`,
      `${my}/membres/${neighbours.child.id}/sante`,
      `${my}/membres/pas-un-uuid`,
      `${my}/modifier/identite?cible=${neighbours.child.id}`,
      `${my}/modifier/coordonnees?cible=${neighbours.representative.id}`,
      `${my}/modifier/coordonnees`,
      `${my}/modifier/coordonnees?cible=${mine.child.id}`,
      `${my}/modifier/nouveau-membre`,
      `${my}/modifier/inconnu`,
      `${base(commune)}/familles/pas-un-uuid/modifier/adresse`,
    ]) {
      expect((await client.get(path)).status, path).toBe(404);
    }
    expect((await client.post(`${their}/modifier/adresse`, address)).status).toBe(404);
    expect(
      (
        await client.post(`${their}/nouveau-membre`, {
          firstName: 'A',
          lastName: 'B',
          birthDate: '01/01/2019',
          relation: 'enfant',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await client.post(`${my}/modifier/identite?cible=${neighbours.child.id}`, {
          firstName: 'Intrus',
          lastName: 'X',
          birthDate: '01/01/2019',
        })
      ).status,
    ).toBe(404);
    const [theirRow] = await database.db.select().from(families).where(eq(families.id, theirs.family.id));
    expect(theirRow!.street).toBe('');
    const [neighbour] = await database.db.select().from(familyMembers).where(eq(familyMembers.id, neighbours.child.id));
    expect(neighbour!.firstName).toBe('Rémi');
    expect(
      await database.db.select().from(familyMembers).where(eq(familyMembers.familyId, theirs.family.id)),
    ).toHaveLength(1);
    expect(healthActions(await auditOf(t, commune))).toHaveLength(0);
  });

  it('gives an animateur 404 on the file, its edits and the health notes', async () => {
    const commune = await createCommune(t.container.communes);
    const { family, child } = await createFamily(t.container, commune);
    const client = await loggedInAgent(t, commune, await createAgent(t.container, commune, { role: 'animateur' }));
    const file = filePath(commune, family.id);
    await client.get(base(commune));
    for (const path of [
      `${file}/membres/${child.id}`,
      `${file}/membres/${child.id}/sante`,
      `${file}/modifier/adresse`,
      `${file}/modifier/sante?cible=${child.id}`,
      `${file}/nouveau-membre`,
    ]) {
      expect((await client.get(path)).status, path).toBe(404);
    }
    expect((await client.post(`${file}/modifier/adresse`, address)).status).toBe(404);
    const [row] = await database.db.select().from(families).where(eq(families.id, family.id));
    expect(row!.street).toBe('');
    expect(healthActions(await auditOf(t, commune))).toHaveLength(0);
  });

  it('writes one audit line per view of the health notes, none for the member page', async () => {
    const commune = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune);
    const { family, child } = await createFamily(t.container, commune);
    await database.db
      .update(familyMembers)
      .set({ allergies: 'Arachide', pai: true, doctorName: 'Dr Martin', diet: 'pai-panier-repas' })
      .where(eq(familyMembers.id, child.id));
    const client = await loggedInAgent(t, commune, agent);
    const file = filePath(commune, family.id);
    const healthPath = `${file}/membres/${child.id}/sante`;

    const member = await client.get(`${file}/membres/${child.id}`);
    expect(member.status).toBe(200);
    expect(member.html).not.toContain('Arachide');
    expect(member.html).not.toContain('Dr Martin');
    expect(textOf(member.html)).toContain('Allergie avec PAI (panier repas fourni)');
    expect(textOf(member.html)).toContain('Projet d’accueil individualisé (PAI) : Oui');
    expect(member.html).toContain(`href="${healthPath}"`);
    expect(textOf(member.html)).toContain('Voir les informations de santé');
    expect(healthActions(await auditOf(t, commune))).toHaveLength(0);

    const first = await client.get(healthPath);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.html).toContain('Arachide');
    expect(first.html).toContain('Dr Martin');
    expect(first.html).toContain(`href="${file}/modifier/sante?cible=${child.id}"`);
    await client.get(healthPath);
    const views = healthActions(await auditOf(t, commune));
    expect(views).toHaveLength(2);
    for (const view of views)
      expect(view).toMatchObject({
        actorKind: 'agent',
        actorId: agent.agent.id,
        subjectKind: 'member',
        subjectId: child.id,
      });
    expect(JSON.stringify(views)).not.toMatch(/Arachide|Dr Martin/);

    // The edit form shows the stored notes: opening it is a view too. The change's values stay off the other pages.
    await client.get(`${file}/modifier/sante?cible=${child.id}`);
    expect(healthActions(await auditOf(t, commune))).toHaveLength(3);
    const saved = await client.post(`${file}/modifier/sante?cible=${child.id}`, {
      allergies: 'Kiwi',
      pai: 'oui',
      doctorName: 'Dr Martin',
      doctorPhone: '',
    });
    expect(saved.location).toBe(`${file}/membres/${child.id}?fait=modifie`);
    expect((await client.get(file)).html).not.toContain('Kiwi');
    expect((await client.get(`${file}/membres/${child.id}`)).html).not.toContain('Kiwi');
    expect(textOf((await client.get(healthPath)).html)).toContain('Allergies : Arachide → Kiwi');
    expect(healthActions(await auditOf(t, commune))).toHaveLength(4);
    const [row] = await database.db.select().from(familyMembers).where(eq(familyMembers.id, child.id));
    expect(row!.allergies).toBe('Kiwi');
  });

  it('lets administrators only choose what needs validation; the choice turns a family’s phone change into a request', async () => {
    const commune = await createCommune(t.container.communes);
    const { family, representative } = await createFamily(t.container, commune);
    const settings = `${base(commune)}/parametres/dossier-famille`;
    const all = Object.fromEntries(FIELD_GROUPS.map((group) => [group, 'directe']));

    const plainAgent = await loggedInAgent(t, commune, await createAgent(t.container, commune, { role: 'agent' }));
    expect((await plainAgent.get(settings)).status).toBe(404);
    await plainAgent.get(base(commune));
    expect((await plainAgent.post(settings, { ...all, contact: 'validation' })).status).toBe(404);
    expect(
      await database.db.select().from(familyFieldPolicies).where(eq(familyFieldPolicies.communeId, commune.id)),
    ).toHaveLength(0);

    const admin = await createAgent(t.container, commune, { role: 'administrateur' });
    const client = await loggedInAgent(t, commune, admin);
    expect((await client.get(base(commune))).html).toContain(`href="${settings}"`);
    const page = await client.get(settings);
    expect(page.status).toBe(200);
    // The defaults: phones direct, address through validation.
    expect(page.html).toMatch(/name="contact" value="directe" checked/);
    expect(page.html).toMatch(/name="address" value="validation" checked/);

    const { health: _left, ...incomplete } = all;
    const wrong = await client.post(settings, { ...incomplete, contact: 'peut-etre' });
    expect(wrong.status).toBe(400);
    expect(textOf(wrong.html)).toContain(
      'Choisissez comment les familles modifient la rubrique « Informations de santé ».',
    );
    expect(textOf(wrong.html)).toContain(
      'Choisissez comment les familles modifient la rubrique « Téléphones et e-mail ».',
    );
    expect(
      await database.db.select().from(familyFieldPolicies).where(eq(familyFieldPolicies.communeId, commune.id)),
    ).toHaveLength(0);

    const saved = await client.post(settings, { ...all, contact: 'validation' });
    expect(saved.location).toBe(`${settings}?fait=enregistre`);
    const shown = await client.follow();
    expect(shown.html).toContain('Les réglages sont enregistrés.');
    expect(shown.html).toMatch(/name="contact" value="validation" checked/);
    expect(shown.html).toMatch(/name="address" value="directe" checked/);
    const audit = (await auditOf(t, commune)).filter((e) => e.action === 'family-policies.changed');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorKind: 'agent', actorId: admin.agent.id });

    const phone = {
      email: 'aurelie@example.org',
      phone: '06 00 00 00 01',
      homePhone: '',
      workPhone: '',
      preferredContact: 'email',
    };
    const parent = { kind: 'citizen' as const, id: randomUUID(), label: 'Aurélie FAMILLE' };
    const asked = await t.container.familyFile.change(
      commune,
      family.id,
      { kind: 'adult', id: representative.id },
      'contact',
      phone,
      parent,
      '127.0.0.1',
    );
    expect(asked).toMatchObject({ ok: true, done: 'requested' });
    const [unchanged] = await database.db
      .select()
      .from(familyAdults)
      .where(and(eq(familyAdults.id, representative.id)));
    expect(unchanged!.phone).toBe('');
    // The agents' own edits are still written at once.
    await client.get(filePath(commune, family.id));
    const direct = await client.post(
      `${filePath(commune, family.id)}/modifier/coordonnees?cible=${representative.id}`,
      phone,
    );
    expect(direct.location).toBe(`${filePath(commune, family.id)}?fait=modifie`);
    const [written] = await database.db.select().from(familyAdults).where(eq(familyAdults.id, representative.id));
    expect(written!.phone).toBe('06 00 00 00 01');
  });
});
