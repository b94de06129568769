import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../../test/appFixture.js';
import { activeCitizen, auditOf, loggedIn, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { linkedParent } from '../../../../../test/familyFactories.js';
import { WebClient } from '../../../../../test/browserSession.js';
import { familyMembers } from '../../familiesSchema.js';

describe.each(testDatabases())('« Télécharger mes données » on $name', ({ open }) => {
  const { t, database } = useTestApp(open);

  it('shows the family’s data as a page and as a JSON file, each export in the audit log', async () => {
    const commune = await createCommune(t.container.communes);
    const mine = await linkedParent(t, commune, 'Garnier');
    const theirs = await linkedParent(t, commune, 'Fontaine');
    await database.db
      .update(familyMembers)
      .set({ allergies: 'Arachide', schoolName: 'École Victor Hugo' })
      .where(eq(familyMembers.id, mine.child.id));
    const base = `/${commune.slug}/ma-famille`;

    const page = await mine.client.get(`${base}/mes-donnees`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain('<h1>Mes données</h1>');
    expect(page.html).toContain(`href="${base}/mes-donnees.json"`);
    const text = textOf(page.html);
    for (const expected of [
      'Télécharger (JSON)',
      mine.family.reference,
      'Le dossier famille',
      'Les responsables',
      'Aurélie GARNIER',
      'Xavier GARNIER',
      'Rémi GARNIER',
      '14/05/2018',
      'École Victor Hugo',
      'Arachide',
      'Les comptes de l’espace citoyens',
      mine.citizen.username,
      mine.citizen.email,
      'Le journal de sécurité',
      'Connexion',
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect(text).not.toContain(theirs.family.reference);
    expect(text).not.toContain('FONTAINE');

    const file = await mine.client.get(`${base}/mes-donnees.json`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="mes-donnees-${mine.family.reference}.json"`,
    );
    expect(file.headers.get('cache-control')).toBe('no-store');
    const data = JSON.parse(file.html);
    expect(data.families).toEqual([expect.objectContaining({ id: mine.family.id, reference: mine.family.reference })]);
    expect(data.family_members).toEqual([expect.objectContaining({ id: mine.child.id, allergies: 'Arachide' })]);
    expect(data.citizens).toEqual([expect.objectContaining({ id: mine.citizen.id, email: mine.citizen.email })]);
    expect(data.citizens[0]).not.toHaveProperty('passwordHash');
    expect(file.html).not.toContain(theirs.family.id);
    expect(file.html).not.toContain(theirs.citizen.id);
    expect(file.html).not.toContain('Fontaine');

    const exports = (await auditOf(t, commune)).filter((e) => e.action === 'family.exported');
    expect(exports).toHaveLength(2);
    for (const line of exports)
      expect(line).toMatchObject({
        actorKind: 'citizen',
        actorId: mine.citizen.id,
        subjectKind: 'family',
        subjectId: mine.family.id,
      });
    expect(exports.map((e) => e.details.format).sort()).toEqual(['json', 'page']);
    // The second export holds the first one's line: the family sees its own downloads.
    expect(JSON.stringify(data.audit_events)).toContain('family.exported');
  });

  it('gives nothing to a visitor or an account without a family, and limits the exports per address', async () => {
    const commune = await createCommune(t.container.communes);
    const base = `/${commune.slug}/ma-famille`;
    const anonymous = new WebClient(t.origin);
    const away = await anonymous.get(`${base}/mes-donnees.json`);
    expect(away.status).toBe(303);
    expect(away.location).toContain(`/${commune.slug}/connexion`);

    const lonely = await activeCitizen(t, commune);
    const client = await loggedIn(t, commune, lonely.username, lonely.password);
    const none = await client.get(`${base}/mes-donnees.json`);
    expect(none.headers.get('content-type')).toContain('text/html');
    expect(none.headers.get('content-disposition')).toBeNull();
    expect((await auditOf(t, commune)).some((e) => e.action === 'family.exported')).toBe(false);

    const { client: parent } = await linkedParent(t, commune);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await parent.get(`${base}/mes-donnees.json`)).status);
    // Ten a quarter of an hour from one address, the tries above included.
    expect(statuses.slice(0, 5).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
