import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { accountTokens, citizens } from '../src/modules/accounts/accountsSchema.js';
import { AgentsRepository } from '../src/modules/accounts/agentsRepository.js';
import { type Citizen, CitizensRepository } from '../src/modules/accounts/citizensRepository.js';
import { auditEvents } from '../src/modules/audit/auditSchema.js';
import type { Commune } from '../src/modules/communes/domain/commune.js';
import { WebClient, type WebPage } from './browserSession.js';
import { type StoredMail, waitForMail } from './mailbox.js';
import { lightHashOf } from './passwordHashes.js';
import type { TestApp } from './testApp.js';

export { inputValue, summaryOf, textOf } from './html.js';

/**
 * The citizen side's test data: accounts made through the real routes (when the journey is what is
 * tested) or straight through the repositories (when it is only the starting point), families with a
 * Clé Enfance, and the small readers the tests share (mails' links, a page's text, what was written).
 */

/** A password every rule accepts, for accounts whose password is not what the test is about. */
export const PASSWORD = 'Les lilas fleurissent au printemps';

// One hash serves every account created with the default password, as the agents' does.
let defaultHash: Promise<string> | undefined;

/**
 * The stored hash of `password`, a light argon2id (test/passwordHashes.ts): the default one's is
 * computed once. A test about the cost of a login gives its account `productionHashOf` instead.
 */
export const passwordHashOf = (password: string): Promise<string> =>
  password === PASSWORD ? (defaultHash ??= lightHashOf(PASSWORD)) : lightHashOf(password);

export const unique = () => randomBytes(4).toString('hex');

/** A complete, valid « Créer mon espace » form with a fresh username and e-mail. */
export function signUpFields(overrides: Record<string, string> = {}): Record<string, string> {
  const id = unique();
  return {
    civility: 'madame',
    firstName: 'Camille',
    lastName: 'Dupont',
    street: '2 rue des Chariots',
    streetComplement: 'Bâtiment B',
    postcode: '78570',
    city: 'Chanteloup-les-Vignes',
    mobilePhone: '06 12 34 56 78',
    homePhone: '01 39 74 29 12',
    email: `camille.${id}@example.org`,
    username: `cdupont-${id}`,
    password: PASSWORD,
    passwordConfirmation: PASSWORD,
    childKey: '',
    terms: 'oui',
    ...overrides,
  };
}

/** A visitor who opens « Créer mon espace » and sends it. */
export async function postSignUp(
  t: TestApp,
  commune: Commune,
  fields: Record<string, string>,
  client = new WebClient(t.origin),
): Promise<WebPage> {
  await client.get(`/${commune.slug}/creer-mon-espace`);
  return client.post(`/${commune.slug}/creer-mon-espace`, fields);
}

/** The path (with its `jeton`) of the link to `path` in a mail, or null. */
export function linkIn(mail: Pick<StoredMail, 'text'>, path: string): string | null {
  const found = new RegExp(`https?://[^/\\s]+(/[^\\s?]*${path.replace(/[/.-]/g, '\\$&')}\\?jeton=[A-Za-z0-9_-]+)`).exec(
    mail.text,
  );
  return found?.[1] ?? null;
}

export const tokenOf = (link: string) => new URL(link, 'http://x').searchParams.get('jeton') ?? '';

/** Waits for a mail to `to` whose subject starts with `subject` and that holds a link to `path` not seen before. */
export async function waitForLink(
  t: TestApp,
  to: string,
  subject: string,
  path: string,
  seen: Set<string> = new Set(),
): Promise<string> {
  const mail = await waitForMail(t.container.database.db, (m) => {
    const link = m.to === to && m.subject.startsWith(subject) ? linkIn(m, path) : null;
    return link !== null && !seen.has(link);
  });
  const link = linkIn(mail, path)!;
  seen.add(link);
  return link;
}

export const activationLink = (t: TestApp, email: string, seen?: Set<string>) =>
  waitForLink(t, email, 'Activez votre espace', '/activation', seen);

/** Signed up and activated through the real routes: the form, the mail, the link, the button. */
export async function signedUpCitizen(t: TestApp, commune: Commune, overrides: Record<string, string> = {}) {
  const fields = signUpFields(overrides);
  const page = await postSignUp(t, commune, fields);
  if (page.status !== 303) throw new Error(`sign-up refused (${page.status})`);
  const link = await activationLink(t, fields.email!);
  const client = new WebClient(t.origin);
  await client.get(link);
  const activated = await client.post(`/${commune.slug}/activation`, { jeton: tokenOf(link) });
  if (activated.status !== 303) throw new Error(`activation refused (${activated.status})`);
  return { ...fields, username: fields.username!, email: fields.email!, password: fields.password! };
}

/** An active account written straight into the database: quicker, when the sign-up is not what is tested. */
export async function activeCitizen(
  t: TestApp,
  commune: Commune,
  overrides: Partial<Citizen> & { password?: string } = {},
) {
  const id = unique();
  const { password = PASSWORD, ...rest } = overrides;
  const now = t.clock.now();
  const citizen = await new CitizensRepository(t.container.database.db).insert({
    communeId: commune.id,
    username: `cdupont-${id}`,
    email: `camille.${id}@example.org`,
    civility: 'madame',
    firstName: 'Camille',
    lastName: 'Dupont',
    street: '2 rue des Chariots',
    postcode: '78570',
    city: 'Chanteloup-les-Vignes',
    passwordHash: await passwordHashOf(password),
    status: 'active',
    termsAcceptedAt: now,
    activatedAt: now,
    ...rest,
  });
  if (!citizen) throw new Error('activeCitizen: username or e-mail taken');
  return { ...citizen, password };
}

/** Logs in through the form; the client keeps the session. */
export async function logIn(
  t: TestApp,
  commune: Commune,
  identifier: string,
  password = PASSWORD,
  client = new WebClient(t.origin),
) {
  await client.get(`/${commune.slug}/connexion`);
  const page = await client.post(`/${commune.slug}/connexion`, { identifier, password });
  return { client, page };
}

/** A logged-in browser, or an error: for tests where the login is only the way in. */
export async function loggedIn(
  t: TestApp,
  commune: Commune,
  identifier: string,
  password = PASSWORD,
  browser?: WebClient,
): Promise<WebClient> {
  const { client, page } = await logIn(t, commune, identifier, password, browser);
  if (page.status !== 303) throw new Error(`login refused (${page.status})`);
  await client.follow();
  return client;
}

/**
 * The login form as seen from one address, for an app built with `trustProxy` (X-Forwarded-For):
 * as a second household behind another box, or an attacker spreading tries over addresses.
 */
export async function loginFrom(t: TestApp, commune: Commune, address: string) {
  const path = `/${commune.slug}/connexion`;
  const form = await t.get(path, { headers: { 'x-forwarded-for': address } });
  const cookie = form.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]*)"/.exec(await form.text())?.[1] ?? '';
  return async (identifier: string, password: string) => {
    const response = await t.get(path, {
      method: 'POST',
      headers: { 'x-forwarded-for': address, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, identifier, password }).toString(),
    });
    return {
      status: response.status,
      headers: response.headers,
      location: response.headers.get('location'),
      html: await response.text(),
    };
  };
}

/** A family file with its représentante, a child, and a Clé Enfance issued by an agent of the commune. */
export async function familyWithKey(t: TestApp, commune: Commune) {
  const { families, childKeys, database } = t.container;
  const id = unique();
  const agent = await new AgentsRepository(database.db).insert({
    communeId: commune.id,
    email: `agent-${id}@example.org`,
    firstName: 'Alex',
    lastName: 'Guichet',
    role: 'agent',
  });
  const family = await families.insertFamily(commune.id, `F-${id}`);
  const adult = await families.insertAdult({
    communeId: commune.id,
    familyId: family.id,
    role: 'representant',
    civility: 'madame',
    firstName: 'Camille',
    lastName: 'Dupont',
  });
  const child = await families.insertMember({
    communeId: commune.id,
    familyId: family.id,
    firstName: 'Léo',
    lastName: 'Dupont',
    birthDate: '2018-05-14',
  });
  const issued = await childKeys.issue(
    commune,
    adult.id,
    { kind: 'agent', id: agent!.id, label: agent!.email },
    '127.0.0.1',
  );
  return {
    agent: { kind: 'agent' as const, id: agent!.id, label: agent!.email },
    family,
    adult,
    child,
    key: issued!.key,
  };
}

/** A well-formed Clé Enfance that no adult holds (16 characters of the key alphabet). */
export const unknownKey = () => `${randomBytes(8).toString('hex').toUpperCase().replace(/[01]/g, '7').slice(0, 16)}`;

export const citizenNamed = (t: TestApp, commune: Commune, identifier: string) =>
  new CitizensRepository(t.container.database.db).findByLogin(commune.id, identifier);

export const auditOf = (t: TestApp, commune: Commune) =>
  t.container.database.db.select().from(auditEvents).where(eq(auditEvents.communeId, commune.id));

/** How many accounts and links the commune holds: « nothing written » is these staying the same. */
export async function writtenFor(t: TestApp, commune: Commune) {
  const { db } = t.container.database;
  const [accounts] = await db.select({ n: count() }).from(citizens).where(eq(citizens.communeId, commune.id));
  const [links] = await db.select({ n: count() }).from(accountTokens).where(eq(accountTokens.communeId, commune.id));
  return { accounts: accounts!.n, links: links!.n };
}

/**
 * The median duration in milliseconds of each of `runs`, tried in turn `rounds` times: a burst of
 * load elsewhere on the machine falls on each of them alike. `settleMs`, untimed, lets the jobs a
 * request queued (mails) run before the next one, so that each is timed alone.
 */
export async function medians(
  rounds: number,
  runs: ((round: number) => Promise<unknown>)[],
  settleMs = 0,
): Promise<number[]> {
  const durations = runs.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, run] of runs.entries()) {
      const started = performance.now();
      await run(round);
      durations[index]!.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, settleMs));
    }
  }
  return durations.map((list) => list.sort((a, b) => a - b)[Math.floor(rounds / 2)]!);
}

/** How many times the slowest median is the fastest: « roughly the same time » is below 3. */
export const spread = (values: number[]) => Math.max(...values) / Math.min(...values);

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
