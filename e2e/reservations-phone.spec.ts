import { type Page, expect, test } from '@playwright/test';
import { expectNoA11yViolations, expectNoHorizontalScroll } from './support/axe.js';
import { phoneBookingFamily as family } from './support/e2eFamilies.js';
import { heading, loginFamily, mainNav } from './support/familyJourneys.js';
import {
  CANTEEN,
  calendarBox,
  changesTable,
  childName,
  monthCalendar,
  writtenNotice,
} from './support/reservationJourneys.js';
import { openMenu } from './support/menu.js';

/*
 * A parent on a phone (375 × 667, touch), on the portal's calendar of Tuesday 17 November 2026
 * (e2e/support/e2eClock.ts): a week of canteen in January 2027, on time, booked by tapping the days,
 * through « Modifier encore » and back; then an illness reported for the Monday. Every page passes axe and
 * reads without sideways scrolling, at 375 px and at 320 px.
 */
const NOE = childName(family.members[0]!);
const WEEK = ['lundi 11 janvier 2027', 'mardi 12 janvier 2027', 'jeudi 14 janvier 2027', 'vendredi 15 janvier 2027'];

test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

/** The page as it is, checked with axe and for sideways scrolling at 375 px, then at 320 px. */
async function checkPage(page: Page, h1: string): Promise<void> {
  await expect(heading(page)).toHaveText(h1);
  await expectNoHorizontalScroll(page);
  await expectNoA11yViolations(page);
  await page.setViewportSize({ width: 320, height: 667 });
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    clientWidth: document.scrollingElement!.clientWidth,
  }));
  expect(scrollWidth, `${page.url()} scrolls sideways at 320 px`).toBeLessThanOrEqual(clientWidth);
  await page.setViewportSize({ width: 375, height: 667 });
}

test('on a phone, by touch: a parent books a week of canteen for Noé, comes back to change it, confirms, then reports an illness', async ({
  page,
}) => {
  test.slow();
  await loginFamily(page, family);
  await openMenu(page, { tap: true });
  await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).tap();
  await checkPage(page, 'Ma famille');
  await page.getByRole('main').getByRole('link', { name: 'Modifier les réservations', exact: true }).tap();
  await checkPage(page, 'Modifier les réservations');
  await page.getByRole('link', { name: `Réservations de ${NOE}`, exact: true }).tap();
  await checkPage(page, `Réservations de ${NOE}`);
  for (const month of ['décembre 2026', 'janvier 2027']) {
    await page
      .getByRole('navigation', { name: 'Mois' })
      .getByRole('link', { name: `Mois suivant : ${month}`, exact: true })
      .tap();
    await expect(monthCalendar(page, `${NOE} — ${month}`)).toBeVisible();
  }
  await checkPage(page, `Réservations de ${NOE}`);

  // Every service of a day is there on the phone, with its state in words and its price.
  for (const day of WEEK) await calendarBox(page, CANTEEN, day, 'non réservé').tap();
  for (const day of WEEK) await expect(calendarBox(page, CANTEEN, day, 'non réservé')).toBeChecked();
  await expect(page.locator('#resume-direct')).toContainText('4 modifications');
  await checkPage(page, `Réservations de ${NOE}`);
  await page.getByRole('button', { name: 'Voir le récapitulatif', exact: true }).tap();
  await checkPage(page, `Récapitulatif des réservations de ${NOE}`);
  await expect(changesTable(page)).toContainText(WEEK[0]!);

  // « Modifier encore »: the calendar again, the four days still ticked; one more tap, then the summary.
  await page.getByRole('button', { name: 'Modifier encore', exact: true }).tap();
  await checkPage(page, `Réservations de ${NOE}`);
  for (const day of WEEK) await expect(calendarBox(page, CANTEEN, day, 'non réservé')).toBeChecked();
  await page.getByRole('button', { name: 'Voir le récapitulatif', exact: true }).tap();
  await expect(heading(page)).toHaveText(`Récapitulatif des réservations de ${NOE}`);
  await expect(page.getByRole('main')).toContainText('4 modifications à confirmer');
  await page.getByRole('button', { name: 'Confirmer', exact: true }).tap();
  await expect(writtenNotice(page)).toBeVisible();
  await checkPage(page, `Réservations de ${NOE}`);
  for (const day of WEEK) await expect(calendarBox(page, CANTEEN, day, 'réservé')).toBeChecked();

  // Signaler une absence: Noé will be ill on the Monday just booked.
  await openMenu(page, { tap: true });
  await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).tap();
  await page.getByRole('main').getByRole('link', { name: 'Signaler une absence', exact: true }).tap();
  await checkPage(page, 'Signaler une absence');
  const whichChild = page.getByRole('group', { name: 'Quel enfant sera absent ?' });
  if (await whichChild.isVisible()) {
    await whichChild.getByRole('radio', { name: NOE, exact: true }).tap();
    await page.getByRole('button', { name: 'Continuer', exact: true }).tap();
  }
  await page.getByLabel('Premier jour (obligatoire)', { exact: true }).fill('11/01/2027');
  await page.getByLabel('Dernier jour (obligatoire)', { exact: true }).fill('11/01/2027');
  await page
    .getByRole('group', { name: 'Services concernés (obligatoire)' })
    .getByRole('checkbox', { name: CANTEEN, exact: true })
    .tap();
  await page
    .getByRole('group', { name: /^Motif/ })
    .getByRole('radio', { name: /^Maladie/ })
    .tap();
  await page.getByRole('button', { name: 'Signaler l’absence', exact: true }).tap();
  await expect(page.locator('.notice[role="status"]')).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Les absences que vous avez signalées, les plus récentes en premier' }),
  ).toContainText('11/01/2027');
  await checkPage(page, 'Signaler une absence');
});
