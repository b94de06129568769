import { type Page, type Response, expect } from '@playwright/test';
import { expectNoA11yViolations } from './axe.js';
import { E2E_PASSWORD, type E2eLinkedFamily } from './e2eFamilies.js';
import { DESK, login } from './journeys.js';
import { openMenu } from './menu.js';

/**
 * The steps of the family file and requests journeys: the family's side (Ma famille, Coordonnées,
 * Dernières demandes) and the guichet's queue. Every page a step reaches goes through axe.
 */

export const heading = (page: Page) => page.getByRole('heading', { level: 1 });
export const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Menu principal' });

/** The représentant of one of e2eFamilies.ts's linked files logs in and lands on « Mon accueil ». */
export async function loginFamily(page: Page, family: E2eLinkedFamily): Promise<void> {
  await login(page, family.representative.username, E2E_PASSWORD);
}

/** « Adresse du foyer », « Informations de santé — Zoé FONTAINE »: a request's summary, as both sides read it. */
export function summaryOf(group: string, member?: { firstName: string; lastName: string }): string {
  return member ? `${group} — ${member.firstName} ${member.lastName.toLocaleUpperCase('fr-FR')}` : group;
}

/** A notice of the page (role status), by a part of its text. */
export const statusNotice = (page: Page, text: string | RegExp) => page.getByRole('status').filter({ hasText: text });

/** One fact of a page's list of facts (« Statut », « Attribuée à »…): the value beside the term. */
export const fact = (page: Page, term: string) =>
  page.getByRole('main').locator('dl.facts dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');

/**
 * The guichet's « Demandes », filtered on the family changes still waiting for someone, then the
 * request of this file opened from the queue.
 */
export async function openFromQueue(
  desk: Page,
  family: Pick<E2eLinkedFamily, 'reference'>,
  summary: string,
  type = 'Modification du dossier famille',
): Promise<void> {
  await desk.goto(DESK);
  await openMenu(desk);
  await mainNav(desk).getByRole('link', { name: 'Demandes', exact: true }).click();
  await expect(heading(desk)).toHaveText('Demandes');
  await expectNoA11yViolations(desk);
  await desk.getByLabel('Type', { exact: true }).selectOption({ label: type });
  await desk.getByLabel('Statut', { exact: true }).selectOption({ label: 'Déposée' });
  await desk.getByLabel('Attribuées', { exact: true }).selectOption({ label: 'Non attribuées' });
  await desk.getByRole('button', { name: 'Filtrer', exact: true }).click();
  await expect(desk).toHaveURL(/[?&]statut=deposee(&|$)/);
  await expect(desk).toHaveURL(/[?&]attribuee=personne(&|$)/);
  const row = desk
    .getByRole('table', { name: /Demandes correspondant aux filtres/ })
    .getByRole('row')
    .filter({ hasText: family.reference });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(type);
  await expect(row).toContainText('Déposée');
  await expect(row).toContainText('Personne');
  await expectNoA11yViolations(desk);
  await row.getByRole('link', { name: summary, exact: true }).click();
  await expect(heading(desk)).toHaveText(summary);
  await expect(fact(desk, 'Dossier famille')).toContainText(family.reference);
  await expectNoA11yViolations(desk);
}

/** « Prendre en charge » on the desk's request page: the request is the agent's, en cours. */
export async function takeRequest(desk: Page): Promise<void> {
  await desk.getByRole('button', { name: 'Prendre en charge', exact: true }).click();
  await expect(statusNotice(desk, 'Vous avez pris en charge cette demande.')).toBeVisible();
  await expect(fact(desk, 'Statut')).toHaveText('En cours de traitement');
  await expect(fact(desk, 'Attribuée à')).not.toHaveText('Personne');
  await expect(desk.getByRole('main')).toContainText('Vous avez cette demande en charge.');
  await expectNoA11yViolations(desk);
}

/** The decision form of the desk's request page, sent. */
export async function decide(desk: Page, decision: 'Accepter' | 'Refuser', message = ''): Promise<void> {
  await desk
    .getByRole('group', { name: 'Décision (obligatoire)' })
    .getByRole('radio', { name: decision, exact: true })
    .check();
  if (message) await desk.getByLabel('Message à la famille', { exact: true }).fill(message);
  await desk.getByRole('button', { name: 'Enregistrer la décision', exact: true }).click();
  await expect(statusNotice(desk, 'La décision est enregistrée. La famille est prévenue par e-mail.')).toBeVisible();
  await expect(fact(desk, 'Statut')).toHaveText(decision === 'Accepter' ? 'Acceptée' : 'Refusée');
  await expect(desk.getByRole('main')).toContainText('Cette demande est close : aucune décision n’est plus possible.');
  await expectNoA11yViolations(desk);
}

/** The timeline of a request's page, as its items read, oldest first. */
export const timelineOf = (page: Page) => page.getByRole('main').locator('ol.timeline > li');

/**
 * axe for a browser without JavaScript: axe runs in the page, so it cannot run there. The HTML the
 * server last sent to `page` (a 400 form as much as a page reached by a link) is served again, as
 * is, to `checker`, a page with JavaScript on, and axe reads it there with the same style sheets.
 */
export function noScriptAxe(page: Page, checker: Page): () => Promise<void> {
  let last: Response | null = null;
  page.on('response', (response) => {
    const status = response.status();
    if (
      response.request().isNavigationRequest() &&
      response.frame() === page.mainFrame() &&
      (status < 300 || status >= 400)
    )
      last = response;
  });
  return async () => {
    await page.waitForLoadState('load');
    if (!last) throw new Error(`No page was received yet by ${page.url()}.`);
    const url = last.url();
    expect(url, 'the page checked is the one shown').toBe(page.url());
    const body = await last.text();
    await checker.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body }), {
      times: 1,
    });
    await checker.goto(url);
    await expectNoA11yViolations(checker);
  };
}
