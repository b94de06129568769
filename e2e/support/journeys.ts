import { randomBytes } from 'node:crypto';
import { type Browser, type BrowserContext, type Page, expect } from '@playwright/test';
import { demoLogins } from '../../src/demo/demoPeople.js';
import { expectNoA11yViolations } from './axe.js';
import { type ReceivedMail, expectCommuneMail, linkIn, waitForMail } from './mail.js';
import { deskSessionFile, nextTotpCode } from './state.js';
import { openMenu } from './menu.js';

/**
 * The steps the browser journeys share. Every page a step visits goes through axe
 * (SECURITY.md "Accessibility": zero violations on every page of every journey).
 */

export const COMMUNE = '/chanteloup-les-vignes';
export const DESK = `${COMMUNE}/guichet`;

export interface Citizen {
  civility: 'madame' | 'monsieur';
  firstName: string;
  lastName: string;
  street: string;
  streetComplement: string;
  postcode: string;
  city: string;
  email: string;
  mobilePhone: string;
  homePhone: string;
  username: string;
  password: string;
}

/** A suffix no other test of the run (nor another run) shares: lowercase letters and digits. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/** A new family's details, with an e-mail and a username unique to this test. */
export function newCitizen(label: string, overrides: Partial<Citizen> = {}): Citizen {
  const suffix = uniqueSuffix();
  return {
    civility: 'madame',
    firstName: 'Camille',
    lastName: 'Lefèvre',
    street: '12 rue de la Mairie',
    streetComplement: 'Bâtiment B',
    postcode: '78570',
    city: 'Chanteloup-les-Vignes',
    email: `${label}.${suffix}@example.org`,
    mobilePhone: '06 12 34 56 78',
    homePhone: '01 39 74 00 00',
    username: `${label}.${suffix}`,
    // A sentence: long, not in the common list, without the username nor the commune's name.
    password: `Un hibou lit sous la lampe ${randomBytes(2).toString('hex')}`,
    ...overrides,
  };
}

/** « Madame LEFÈVRE »: how the portal greets the account holder. */
export function greetingOf(citizen: Pick<Citizen, 'civility' | 'lastName'>): string {
  return `${citizen.civility === 'madame' ? 'Madame' : 'Monsieur'} ${citizen.lastName.toLocaleUpperCase('fr-FR')}`;
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 });

/** Fills every field of « Créer mon espace » (keyboard-signup.spec.ts types them itself, key by key). */
export async function fillSignUpForm(page: Page, citizen: Citizen, childKey = ''): Promise<void> {
  const form = page.getByRole('main');
  await form.getByRole('radio', { name: citizen.civility === 'madame' ? 'Madame' : 'Monsieur', exact: true }).check();
  await form.getByLabel('Prénom (obligatoire)', { exact: true }).fill(citizen.firstName);
  await form.getByLabel('Nom (obligatoire)', { exact: true }).fill(citizen.lastName);
  await form.getByLabel('Numéro et voie (obligatoire)', { exact: true }).fill(citizen.street);
  await form.getByLabel("Complément d'adresse", { exact: true }).fill(citizen.streetComplement);
  await form.getByLabel('Code postal (obligatoire)', { exact: true }).fill(citizen.postcode);
  await form.getByLabel('Commune (obligatoire)', { exact: true }).fill(citizen.city);
  await form.getByLabel('Adresse e-mail (obligatoire)', { exact: true }).fill(citizen.email);
  await form.getByLabel('Téléphone portable', { exact: true }).fill(citizen.mobilePhone);
  await form.getByLabel('Téléphone fixe', { exact: true }).fill(citizen.homePhone);
  await form.getByLabel('Identifiant (obligatoire)', { exact: true }).fill(citizen.username);
  await form.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill(citizen.password);
  await form.getByLabel('Confirmation du mot de passe (obligatoire)', { exact: true }).fill(citizen.password);
  await form.getByLabel('Clé Enfance (facultatif)', { exact: true }).fill(childKey);
  await form.getByRole('checkbox', { name: /J'ai lu et j'accepte les conditions générales d'utilisation/ }).check();
}

/** From the sign-up page (already open, or opened here) to « Vérifiez votre messagerie ». */
export async function signUp(page: Page, citizen: Citizen, { childKey = '' } = {}): Promise<void> {
  if (!page.url().endsWith(`${COMMUNE}/creer-mon-espace`)) {
    await page.goto(`${COMMUNE}/creer-mon-espace`);
    await expect(heading(page)).toHaveText('Créer mon espace');
    await expectNoA11yViolations(page);
  }
  await fillSignUpForm(page, citizen, childKey);
  await page.getByRole('button', { name: 'Créer mon espace', exact: true }).click();
  await expectSignUpSent(page);
}

export async function expectSignUpSent(page: Page): Promise<void> {
  await expect(page).toHaveURL(`${COMMUNE}/creer-mon-espace/envoye`);
  await expect(heading(page)).toHaveText('Vérifiez votre messagerie');
  await expectNoA11yViolations(page);
}

/** The activation mail, as the SMTP server received it: from the guichet unique, with the link. */
export async function activationMail(citizen: Citizen): Promise<{ mail: ReceivedMail; link: string }> {
  const mail = await waitForMail(citizen.email, 'Activez votre espace');
  expectCommuneMail(mail, citizen.email);
  expect(mail.text).toContain(`Bonjour ${greetingOf(citizen)},`);
  return { mail, link: linkIn(mail) };
}

/** Follows the activation link and presses « Activer mon espace »: ends on the login page, told so. */
export async function activate(page: Page, citizen: Citizen): Promise<string> {
  const { link } = await activationMail(citizen);
  expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+${COMMUNE}/activation\\?jeton=`));
  await page.goto(link);
  await expect(heading(page)).toHaveText('Activer mon espace');
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: 'Activer mon espace', exact: true }).click();
  await expectLoginNotice(page, 'Votre espace est activé. Vous pouvez vous connecter.');
  return link;
}

export async function expectLoginNotice(page: Page, notice: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`${COMMUNE}/connexion\\?`));
  await expect(heading(page)).toHaveText('Connexion à mon espace');
  await expect(page.getByRole('status')).toHaveText(notice);
  await expectNoA11yViolations(page);
}

/**
 * An address of its own for each family that logs in. Every browser comes from 127.0.0.1, and the
 * login form allows 30 posts per address in 15 minutes (as it should): the suite logs in more often
 * than that. The browser tests' app trusts one proxy hop (TRUST_PROXY=1 in playwright.config.ts), so
 * each login, and the session after it, reads as a household of its own, as families do in life.
 */
function householdAddress(): string {
  const part = () => Math.floor(Math.random() * 254) + 1;
  return `10.${part()}.${part()}.${part()}`;
}

/** Logs in from the login page (opened here unless already there) and lands on « Mon accueil ». */
export async function login(page: Page, identifier: string, password: string): Promise<void> {
  await page.context().setExtraHTTPHeaders({ 'X-Forwarded-For': householdAddress() });
  if (!page.url().includes(`${COMMUNE}/connexion`)) {
    await page.goto(`${COMMUNE}/connexion`);
    await expectNoA11yViolations(page);
  }
  await page.getByLabel('Identifiant ou adresse e-mail (obligatoire)', { exact: true }).fill(identifier);
  await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Connexion', exact: true }).click();
  await expect(page).toHaveURL(`${COMMUNE}/mon-accueil`);
  await expect(heading(page)).toHaveText(/^Bonjour /);
  await expectNoA11yViolations(page);
}

/** « Déconnexion » in the header: back on the login page, told so. */
export async function logout(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Déconnexion', exact: true }).click();
  await expectLoginNotice(page, 'Vous êtes déconnecté. À bientôt !');
}

/** A full sign-up without a key, activated: the account is ready to log in. */
export async function activatedCitizen(page: Page, label: string, overrides: Partial<Citizen> = {}): Promise<Citizen> {
  const citizen = newCitizen(label, overrides);
  await signUp(page, citizen);
  await activate(page, citizen);
  return citizen;
}

// The guichet unique.

export interface AgentLogin {
  email: string;
  password: string;
  totpSecret: string;
}

export const demoAgent: AgentLogin = demoLogins.agent;

/** The agent's login: e-mail and password, then the code of the authenticator app. */
export async function agentLogin(page: Page, agent: AgentLogin = demoAgent): Promise<void> {
  await page.goto(`${DESK}/connexion`);
  await expect(heading(page)).toHaveText('Connexion au guichet unique');
  await expectNoA11yViolations(page);
  await page.getByLabel('Adresse e-mail (obligatoire)', { exact: true }).fill(agent.email);
  await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill(agent.password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await expect(page).toHaveURL(`${DESK}/double-authentification`);
  await expect(heading(page)).toHaveText('Double authentification');
  await expectNoA11yViolations(page);
  await page.getByLabel('Code à 6 chiffres (obligatoire)', { exact: true }).fill(await nextTotpCode(agent.totpSecret));
  await page.getByRole('button', { name: 'Valider', exact: true }).click();
  await expect(page).toHaveURL(DESK);
  await expect(heading(page)).toHaveText('Accueil du guichet');
  await expectNoA11yViolations(page);
}

/** A page in a context of its own, logged into the guichet as the demo agent (e2e/desk.setup.ts). */
export async function deskPage(browser: Browser): Promise<{ desk: Page; deskContext: BrowserContext }> {
  const deskContext = await browser.newContext({ storageState: deskSessionFile() });
  const desk = await deskContext.newPage();
  return { desk, deskContext };
}

/** Searches the family files for a name and opens the one with this reference. */
export async function openFamilyFile(desk: Page, name: string, reference: string): Promise<void> {
  await desk.goto(DESK);
  await openMenu(desk);
  await desk
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: 'Familles', exact: true })
    .click();
  await expect(heading(desk)).toHaveText('Familles');
  await expectNoA11yViolations(desk);
  await desk.getByRole('searchbox', { name: 'Nom, prénom, téléphone, e-mail ou numéro de dossier' }).fill(name);
  await desk.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await expect(desk).toHaveURL(`${DESK}/familles?nom=${encodeURIComponent(name)}`);
  await expect(desk.getByRole('heading', { level: 2, name: 'Résultats' })).toBeVisible();
  await expectNoA11yViolations(desk);
  await desk.getByRole('link', { name: reference, exact: true }).click();
  await expect(heading(desk)).toHaveText(`Dossier famille ${reference}`);
  await expectNoA11yViolations(desk);
}

export const CHILD_KEY_FORMAT = /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;

/**
 * From the family file (open on `desk`), issues a Clé Enfance for the adult and reads it from the
 * page that shows it once. Ends on that page.
 */
export async function issueKey(desk: Page, adultFirstName: string): Promise<string> {
  await desk
    .getByRole('button', { name: new RegExp(`^Émettre une (Clé Enfance|nouvelle clé) pour ${adultFirstName}$`) })
    .click();
  await expect(heading(desk)).toHaveText('Clé Enfance');
  await expectNoA11yViolations(desk);
  const key = (await desk.locator('.child-key').innerText()).trim();
  expect(key).toMatch(CHILD_KEY_FORMAT);
  return key;
}

/** The whole of it for a test that needs a fresh key: the desk session, the search, the file, the key. */
export async function freshKey(
  browser: Browser,
  family: { searchName: string; reference: string; adultFirstName: string },
): Promise<string> {
  const { desk, deskContext } = await deskPage(browser);
  try {
    await openFamilyFile(desk, family.searchName, family.reference);
    return await issueKey(desk, family.adultFirstName);
  } finally {
    await deskContext.close();
  }
}
