import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/appFixture.js';
import {
  citizenNamed,
  postSignUp,
  signUpFields,
  summaryOf,
  unique,
  writtenFor,
} from '../../../test/citizenFactories.js';
import { testDatabases } from '../../../test/databases.js';
import { createCommune } from '../../../test/factories.js';
import { linkedParent } from '../../../test/familyFactories.js';
import { errorsOf, familyPaths, writtenForFamily } from '../../../test/familyFilePages.js';
import { deskAgent } from '../../../test/requestFactories.js';
import { agents, childKeys } from '../../modules/accounts/accountsSchema.js';
import type { Commune } from '../../modules/communes/domain/commune.js';
import { EMAIL_MESSAGE } from './formFields.js';
import { INVISIBLE_MESSAGE } from './formText.js';

/**
 * The shared form layer over real forms: a name that would read differently from what is stored
 * (a right-to-left override, a zero-width space) is refused with the French message and nothing is
 * written; text is stored in NFC; an address a mail relay would refuse is refused by every form that
 * takes one.
 */

const RLO = '\u202E';
const ZWSP = '\u200B';
const NOT_MAILABLE = [
  'x"><svg onload=alert(1)>@example.org',
  'a@example.org,extra',
  'a b@example.org',
  'a@example',
  '<a@example.org>',
];

describe.each(testDatabases())('names and e-mail addresses in forms on $name', ({ open }) => {
  const { t } = useTestApp(open);
  let commune: Commune;
  beforeAll(async () => {
    commune = await createCommune(t.container.communes);
  });

  const agentsOf = async (c: Commune) =>
    (await t.container.database.db.select({ n: count() }).from(agents).where(eq(agents.communeId, c.id)))[0]!.n;

  it('refuses a bidi override or a zero-width character in the sign-up’s names and identifier, writing nothing', async () => {
    const fresh = await createCommune(t.container.communes);
    for (const [field, value] of [
      ['lastName', `Dup${RLO}tno`],
      ['firstName', `Cam${ZWSP}ille`],
      ['firstName', `Camille\uFEFF`],
      ['lastName', `Du\u2066pont\u2069`],
    ] as const) {
      const page = await postSignUp(t, fresh, signUpFields({ [field]: value }));
      expect(page.status, `${field} ${JSON.stringify(value)}`).toBe(400);
      expect(summaryOf(page.html)).toEqual({ [field]: INVISIBLE_MESSAGE });
    }
    expect(await writtenFor(t, fresh)).toEqual({ accounts: 0, links: 0 });
  });

  it('stores a name typed with a combining accent as the same name in NFC', async () => {
    const fields = signUpFields({ firstName: 'Ame\u0301lie', lastName: 'Le\u0301vesque' });
    const page = await postSignUp(t, commune, fields);
    expect(page.status).toBe(303);
    const citizen = await citizenNamed(t, commune, fields.username!);
    expect([citizen?.firstName, citizen?.lastName]).toEqual(['Amélie', 'Lévesque']);
    expect(citizen?.firstName.length).toBe(6);
  });

  it('refuses an address a relay would refuse, on the sign-up and on the agents’ invitation', async () => {
    const fresh = await createCommune(t.container.communes);
    for (const email of NOT_MAILABLE) {
      const page = await postSignUp(t, fresh, signUpFields({ email }));
      expect(page.status, email).toBe(400);
      expect(summaryOf(page.html), email).toEqual({ email: EMAIL_MESSAGE });
    }
    expect(await writtenFor(t, fresh)).toEqual({ accounts: 0, links: 0 });

    const { client } = await deskAgent(t, fresh, { role: 'administrateur' });
    const before = await agentsOf(fresh);
    for (const email of NOT_MAILABLE) {
      const page = await client.post(`/${fresh.slug}/guichet/agents`, {
        email,
        firstName: 'Claire',
        lastName: 'Moreau',
        role: 'agent',
      });
      expect(page.status, email).toBe(400);
      expect(summaryOf(page.html), email).toEqual({ email: EMAIL_MESSAGE });
    }
    expect(await agentsOf(fresh)).toBe(before);
  });

  it('refuses an invisible character in an agent’s name at the invitation, and stores a decomposed accent in NFC', async () => {
    const { client } = await deskAgent(t, commune, { role: 'administrateur' });
    const before = await agentsOf(commune);
    const refused = await client.post(`/${commune.slug}/guichet/agents`, {
      email: `claire.${unique()}@example.org`,
      firstName: `Cl${ZWSP}aire`,
      lastName: `Mor${RLO}uae`,
      role: 'agent',
    });
    expect(refused.status).toBe(400);
    expect(summaryOf(refused.html)).toEqual({ firstName: INVISIBLE_MESSAGE, lastName: INVISIBLE_MESSAGE });
    expect(await agentsOf(commune)).toBe(before);

    const email = `helene.${unique()}@example.org`;
    const invited = await client.post(`/${commune.slug}/guichet/agents`, {
      email,
      firstName: 'He\u0301le\u0300ne',
      lastName: 'Moreau',
      role: 'agent',
    });
    expect(invited.status).toBe(303);
    const [row] = await t.container.database.db.select().from(agents).where(eq(agents.email, email));
    expect(row?.firstName).toBe('Hélène');
  });

  it('refuses an invisible character in a family member’s name and in a contact’s name, writing nothing', async () => {
    const family = await linkedParent(t, commune);
    const paths = familyPaths(commune);
    const before = await writtenForFamily(t, family.family.id);
    await family.client.get(paths.editMember(family.child.id, 'identity'));
    const identity = await family.client.post(paths.editMember(family.child.id, 'identity'), {
      firstName: `R${RLO}imé`,
      lastName: family.child.lastName,
      birthDate: '14/05/2018',
      sex: 'M',
    });
    expect(identity.status).toBe(400);
    expect(errorsOf(identity.html)).toEqual({ firstName: INVISIBLE_MESSAGE });
    await family.client.get(paths.editMember(family.child.id, 'contacts'));
    const contacts = await family.client.post(paths.editMember(family.child.id, 'contacts'), {
      'pickup-0-name': `Mamie${ZWSP}`,
      'pickup-0-phone': '06 12 34 56 78',
      'pickup-0-relation': 'Grand-mère',
    });
    expect(contacts.status).toBe(400);
    expect(errorsOf(contacts.html)).toEqual({ 'pickup-0-name': INVISIBLE_MESSAGE });
    expect(await writtenForFamily(t, family.family.id)).toEqual(before);
  });

  it('refuses an address a relay would refuse on the co-représentant’s invitation, sending nothing', async () => {
    const family = await linkedParent(t, commune);
    const paths = familyPaths(commune);
    await family.client.get(paths.entourage);
    // Each invitation mails a fresh Clé Enfance for the adult: none is issued when the address is refused.
    const countInvitations = async () =>
      (
        await t.container.database.db
          .select({ n: count() })
          .from(childKeys)
          .where(eq(childKeys.adultId, family.coRepresentative.id))
      )[0]!.n;
    const before = await countInvitations();
    for (const email of NOT_MAILABLE) {
      const page = await family.client.post(paths.invitation, { adultId: family.coRepresentative.id, email });
      expect(page.status, email).toBe(400);
      expect(errorsOf(page.html), email).toEqual({ email: EMAIL_MESSAGE });
    }
    expect(await countInvitations()).toBe(before);
  });
});
