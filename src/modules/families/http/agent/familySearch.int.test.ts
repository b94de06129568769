import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAgent, createFamily, loggedInAgent } from '../../../../../test/agentFactories.js';
import { useTestApp } from '../../../../../test/appFixture.js';
import { textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { familyAdults, familyMembers } from '../../familiesSchema.js';

describe.each(testDatabases())('the desk’s « Familles » search on $name', ({ open }) => {
  const { t, database } = useTestApp(open);

  it('ignores accents and case, finds by a child’s name, a phone number however written or an e-mail, and shows the children', async () => {
    const commune = await createCommune(t.container.communes);
    const agent = await createAgent(t.container, commune);
    const dupont = await createFamily(t.container, commune, 'Dupont');
    const lefevre = await createFamily(t.container, commune, 'Lefèvre');
    await database.db
      .update(familyAdults)
      .set({ phone: '06 12 34 56 78', email: 'Aurelie.Dupont@Example.org' })
      .where(eq(familyAdults.id, dupont.representative.id));
    await database.db
      .update(familyAdults)
      .set({ workPhone: '+33 1 39 74 00 00', email: 'xavier@exemple.fr' })
      .where(eq(familyAdults.id, lefevre.representative.id));
    await database.db
      .update(familyMembers)
      .set({ firstName: 'Chloé', sex: 'F' })
      .where(eq(familyMembers.id, lefevre.child.id));
    const client = await loggedInAgent(t, commune, agent);
    const found = async (typed: string) => {
      const page = await client.get(`/${commune.slug}/guichet/familles?${new URLSearchParams({ nom: typed })}`);
      expect(page.status).toBe(200);
      const html = page.html;
      return [dupont, lefevre]
        .filter((file) => html.includes(`/guichet/familles/${file.family.id}"`))
        .map((file) => file.representative.lastName);
    };

    expect(await found('Remi')).toEqual(['Dupont']);
    expect(await found('RÉMI DUPONT')).toEqual(['Dupont']);
    expect(await found('lefevre')).toEqual(['Lefèvre']);
    expect(await found('chloe')).toEqual(['Lefèvre']);
    expect(await found('LEFÈVRE Chloé')).toEqual(['Lefèvre']);
    for (const phone of ['06 12 34 56 78', '0612345678', '+33 6 12 34 56 78', '06.12.34'])
      expect(await found(phone), phone).toEqual(['Dupont']);
    expect(await found('01 39 74')).toEqual(['Lefèvre']);
    expect(await found('aurelie.dupont@example')).toEqual(['Dupont']);
    expect(await found('EXEMPLE.FR')).toEqual(['Lefèvre']);
    expect(await found('50%')).toEqual([]);

    const page = textOf((await client.get(`/${commune.slug}/guichet/familles?nom=chloe`)).html);
    expect(page).toContain('LEFÈVRE Chloé (enfant, née le 14/05/2018)');
  });
});
