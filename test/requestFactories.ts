import { eq, inArray } from 'drizzle-orm';
import type { AgentRole } from '../src/modules/accounts/agentsPolicy.js';
import type { Commune } from '../src/modules/communes/domain/commune.js';
import { citizenAuthor } from '../src/modules/families/http/citizen/familyRequest.js';
import { requests } from '../src/modules/requests/requestsSchema.js';
import { mailbox } from '../src/platform/mail/mailSchema.js';
import { createAgent, loggedInAgent } from './agentFactories.js';
import type { WebClient } from './browserSession.js';
import { activeCitizen, loggedIn } from './citizenFactories.js';
import { linkedParent } from './familyFactories.js';
import type { TestApp } from './testApp.js';

/**
 * The requests' test data: requests made the way the family pages make them (a change of the file
 * that needs validation, a new member), agents logged into the guichet, and readers of what the
 * requests wrote (their row, the mails the family got).
 */

type Family = Awaited<ReturnType<typeof linkedParent>>;
type Person = { id: string; firstName: string; lastName: string };

/** A family whose two parents both have an account linked to the file, both logged in. */
export async function familyOfTwoParents(t: TestApp, commune: Commune) {
  const family = await linkedParent(t, commune);
  const other = await activeCitizen(t, commune, {
    firstName: family.coRepresentative.firstName,
    lastName: family.coRepresentative.lastName,
    civility: 'monsieur',
  });
  if (!(await t.container.families.linkCitizen(commune.id, family.coRepresentative.id, other.id)))
    throw new Error('familyOfTwoParents: could not link');
  const otherClient = await loggedIn(t, commune, other.username, other.password);
  return { ...family, otherCitizen: other, otherClient };
}

/** The family asks for a new address (a group that needs validation by default): a request « déposée ». */
export async function addressRequest(
  t: TestApp,
  commune: Commune,
  family: Pick<Family, 'family' | 'citizen'>,
  street = '12 rue des Glycines',
): Promise<string> {
  const outcome = await t.container.familyFile.change(
    commune,
    family.family.id,
    { kind: 'family' },
    'address',
    { street, streetComplement: '', postcode: '78570', city: 'Chanteloup-les-Vignes' },
    citizenAuthor(family.citizen),
    '127.0.0.1',
  );
  if (!outcome.ok || outcome.done !== 'requested') throw new Error(`addressRequest: ${JSON.stringify(outcome)}`);
  return outcome.requestId;
}

/** The family asks to add a member to the household (needs validation by default). */
export async function newMemberRequest(
  t: TestApp,
  commune: Commune,
  family: Pick<Family, 'family' | 'citizen'>,
  firstName = 'Lina',
): Promise<string> {
  const outcome = await t.container.familyFile.addMember(
    commune,
    family.family.id,
    { firstName, lastName: 'Martin', birthDate: '2021-03-02', sex: 'F', relation: 'enfant' },
    citizenAuthor(family.citizen),
    '127.0.0.1',
  );
  if (!outcome.ok || outcome.done !== 'requested') throw new Error(`newMemberRequest: ${JSON.stringify(outcome)}`);
  return outcome.requestId;
}

/** The family asks to change one parent's phones and e-mail, once the commune has made that group need validation. */
export async function contactRequest(
  t: TestApp,
  commune: Commune,
  family: Pick<Family, 'family' | 'citizen'>,
  adult: Person,
): Promise<string> {
  await t.container.families.setPolicies(commune.id, { contact: true });
  const outcome = await t.container.familyFile.change(
    commune,
    family.family.id,
    { kind: 'adult', id: adult.id },
    'contact',
    { email: 'xavier@example.org', phone: '06 11 22 33 44', homePhone: '', workPhone: '', preferredContact: 'email' },
    citizenAuthor(family.citizen),
    '127.0.0.1',
  );
  if (!outcome.ok || outcome.done !== 'requested') throw new Error(`contactRequest: ${JSON.stringify(outcome)}`);
  return outcome.requestId;
}

/** An agent of the commune logged into the guichet (password and second factor). */
export async function deskAgent(
  t: TestApp,
  commune: Commune,
  options: { role?: AgentRole; firstName?: string; lastName?: string } = {},
): Promise<{ agent: Awaited<ReturnType<typeof createAgent>>['agent']; client: WebClient }> {
  const created = await createAgent(t.container, commune, options);
  return { agent: created.agent, client: await loggedInAgent(t, commune, created) };
}

export async function requestRow(t: TestApp, id: string) {
  const [row] = await t.container.database.db.select().from(requests).where(eq(requests.id, id));
  return row;
}

/** The subjects of the mails sent to these addresses, without the portal's name that ends each one. */
export async function mailSubjects(t: TestApp, to: string[]): Promise<string[]> {
  const rows = await t.container.database.db.select().from(mailbox).where(inArray(mailbox.to, to)).orderBy(mailbox.seq);
  return rows.map((row) => row.subject.replace(/ — Espace citoyens de .*$/, ''));
}

/** The version a page's forms send back. */
export function versionIn(html: string): string {
  const found = /name="version" value="(\d+)"/.exec(html)?.[1];
  if (found === undefined) throw new Error('no version field in the page');
  return found;
}
