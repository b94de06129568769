import { type Page, expect } from '@playwright/test';
import { expectNoA11yViolations, expectNoHorizontalScroll } from './axe.js';
import { heading } from './familyJourneys.js';

/**
 * What the reservations' browser specs share: the names the pages give to the services and to a
 * child, the cells of a month calendar as a screen reader announces them, and the 320 px check.
 */

export const CANTEEN = 'Restauration scolaire';
export const EVENING = 'Accueil du soir';
export const WEDNESDAY_CENTRE = 'Accueil de loisirs du mercredi';

/** « Léon PERRIN »: how the reservation pages name a child. */
export const childName = (member: { firstName: string; lastName: string }) =>
  `${member.firstName} ${member.lastName.toLocaleUpperCase('fr-FR')}`;

/** A checkbox of the month calendar: « Restauration scolaire, lundi 4 janvier 2027 : non réservé ». */
export const calendarBox = (page: Page, service: string, day: string, state: 'non réservé' | 'réservé') =>
  page.getByLabel(`${service}, ${day} : ${state}`, { exact: true });

/** A list of the month calendar, for a service of several units (the Wednesday centre): « Accueil de loisirs du mercredi, mercredi 3 février 2027 : réservé : Matin avec repas ». */
export const calendarList = (page: Page, service: string, day: string) =>
  page.getByLabel(new RegExp(`^${`${service}, ${day}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} : `));

/** A service's line in a day of the month calendar, holding its box or list, its state, deadline and price. */
export const calendarSlot = (page: Page, control: ReturnType<Page['getByLabel']>) =>
  page.locator('li.slot', { has: control });

/** The month calendar of a child: « Léon PERRIN — novembre 2026 ». */
export const monthCalendar = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** The summary's table of the changes to confirm. */
export const changesTable = (page: Page) => page.getByRole('table', { name: 'Modifications à confirmer' });

/** The notice of the calendar once a confirmation is written. */
export const writtenNotice = (page: Page) =>
  page.getByRole('status').filter({ hasText: 'Vos réservations sont enregistrées.' });

/** WCAG 1.4.10: at the current (narrow) width, the page reads without sideways scrolling, and passes axe as it is laid out there. */
export async function expectReflows(page: Page, h1: string | RegExp): Promise<void> {
  await expect(heading(page)).toHaveText(h1);
  await expectNoHorizontalScroll(page);
  await expectNoA11yViolations(page);
}
