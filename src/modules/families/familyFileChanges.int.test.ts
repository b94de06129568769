import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAgent } from '../../../test/agentFactories.js';
import { useTestApp } from '../../../test/appFixture.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { linkedParent } from '../../../test/familyFactories.js';
import { agentAuthor } from '../accounts/agentsPolicy.js';
import { requests } from '../requests/requestsSchema.js';
import { families, familyMembers } from './familiesSchema.js';
import { citizenAuthor } from './http/citizen/familyRequest.js';

const address = (street: string) => ({
  street,
  streetComplement: '',
  postcode: '78570',
  city: 'Chanteloup-les-Vignes',
});

describe.each(testDatabases())('changes of a family file that meet on $name', ({ open }) => {
  const { t } = useTestApp(open);

  const requestsOf = (familyId: string) =>
    t.container.database.db.select().from(requests).where(eq(requests.familyId, familyId));

  it('files one request when the same group is asked several times at once (a double click, both parents)', async () => {
    const commune = await createCommune(t.container.communes);
    const parent = await linkedParent(t, commune);
    const author = citizenAuthor(parent.citizen);
    const outcomes = await Promise.all(
      ['1 rue A', '2 rue B', '3 rue C', '4 rue D'].map((street) =>
        t.container.familyFile.change(
          commune,
          parent.family.id,
          { kind: 'family' },
          'address',
          address(street),
          author,
          '127.0.0.1',
        ),
      ),
    );
    expect(outcomes.filter((o) => o.ok && o.done === 'requested')).toHaveLength(1);
    expect(outcomes.filter((o) => !o.ok && o.reason === 'pending')).toHaveLength(3);
    expect(await requestsOf(parent.family.id)).toHaveLength(1);

    const member = { firstName: 'Lina', lastName: 'Dupont', birthDate: '2021-03-02', sex: 'F', relation: 'enfant' };
    const twice = await Promise.all(
      [1, 2].map(() => t.container.familyFile.addMember(commune, parent.family.id, member, author, '127.0.0.1')),
    );
    expect(twice.filter((o) => o.ok && o.done === 'requested')).toHaveLength(1);
    expect(await requestsOf(parent.family.id)).toHaveLength(2);
  });

  it('applies only the fields the family asked to change, and refuses when one of them was changed since', async () => {
    const commune = await createCommune(t.container.communes);
    const parent = await linkedParent(t, commune);
    const { agent } = await createAgent(t.container, commune);
    const desk = agentAuthor(agent);
    const { familyFile, requests: engine } = t.container;
    const child = { kind: 'member' as const, id: parent.child.id };
    const identity = {
      firstName: parent.child.firstName,
      lastName: parent.child.lastName,
      birthDate: parent.child.birthDate,
      sex: '',
    };

    // The family asks for a new first name; meanwhile the desk corrects the birth date.
    const asked = await familyFile.change(
      commune,
      parent.family.id,
      child,
      'identity',
      { ...identity, firstName: 'Rémy' },
      citizenAuthor(parent.citizen),
      '127.0.0.1',
    );
    if (!asked.ok || asked.done !== 'requested') throw new Error('expected a request');
    expect(
      await familyFile.change(
        commune,
        parent.family.id,
        child,
        'identity',
        { ...identity, birthDate: '2018-06-14' },
        desk,
        '10.0.0.1',
      ),
    ).toEqual({ ok: true, done: 'applied' });
    const accepted = await engine.decide(commune, asked.requestId, desk, 'accepter', '', 0);
    expect(accepted.ok).toBe(true);
    const [member] = await t.container.database.db
      .select()
      .from(familyMembers)
      .where(eq(familyMembers.id, parent.child.id));
    expect({ firstName: member!.firstName, birthDate: member!.birthDate }).toEqual({
      firstName: 'Rémy',
      birthDate: '2018-06-14',
    });

    // The family asks for a new street; the desk changes the street first: the request can no longer apply.
    const moved = await familyFile.change(
      commune,
      parent.family.id,
      { kind: 'family' },
      'address',
      address('5 rue Neuve'),
      citizenAuthor(parent.citizen),
      '127.0.0.1',
    );
    if (!moved.ok || moved.done !== 'requested') throw new Error('expected a request');
    await familyFile.change(
      commune,
      parent.family.id,
      { kind: 'family' },
      'address',
      address('7 rue du Guichet'),
      desk,
      '10.0.0.1',
    );
    const refused = await engine.decide(commune, moved.requestId, desk, 'accepter', '', 0);
    expect(refused).toMatchObject({ ok: false, reason: 'not-applicable' });
    if (!refused.ok && refused.reason === 'not-applicable') expect(refused.message).toContain('Numéro et voie');
    const [file] = await t.container.database.db.select().from(families).where(eq(families.id, parent.family.id));
    expect(file!.street).toBe('7 rue du Guichet');
    const [request] = await t.container.database.db.select().from(requests).where(eq(requests.id, moved.requestId));
    expect({ status: request!.status, version: request!.version }).toEqual({ status: 'deposee', version: 0 });
  });
});
