import { expect, test } from '@playwright/test';
import { E2E_PASSWORD, narrowBookingFamily as family } from './support/e2eFamilies.js';
import { heading, mainNav, noScriptAxe } from './support/familyJourneys.js';
import { COMMUNE } from './support/journeys.js';
import {
  WEDNESDAY_CENTRE,
  calendarList,
  calendarSlot,
  changesTable,
  childName,
  writtenNotice,
} from './support/reservationJourneys.js';

/*
 * A browser without JavaScript, on the portal's calendar of Tuesday 17 November 2026
 * (e2e/support/e2eClock.ts): February 2027 is far beyond the 15 days, so every change is on time.
 * Its Wednesdays are the 3rd, 10th, 17th and 24th; the 10th and the 17th fall in the winter
 * holidays of zone C (6 to 21 February), when the Wednesday centre is closed.
 */
const LOU = childName(family.members[0]!);
const BOOKED = ['mercredi 3 février 2027', 'mercredi 24 février 2027'];
const CANCELLED = 'mercredi 24 février 2027';
const UNIT = 'Matin avec repas';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a semaine type of February booked through its summary and confirmation, then a day cancelled from the month calendar, all plain forms', async ({
    page,
    browser,
  }) => {
    test.slow();
    const checkerContext = await browser.newContext({ javaScriptEnabled: true });
    const expectNoA11yViolations = noScriptAxe(page, await checkerContext.newPage());

    await page.goto(`${COMMUNE}/connexion`);
    await page
      .getByLabel('Identifiant ou adresse e-mail (obligatoire)', { exact: true })
      .fill(family.representative.username);
    await page.getByLabel('Mot de passe (obligatoire)', { exact: true }).fill(E2E_PASSWORD);
    await page.getByRole('main').getByRole('button', { name: 'Connexion', exact: true }).click();
    await expect(heading(page)).toHaveText('Bonjour Monsieur VIDAL');

    // Ma famille → Modifier les réservations → Lou's calendar → Semaine type.
    await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
    await page.getByRole('main').getByRole('link', { name: 'Modifier les réservations', exact: true }).click();
    await expect(heading(page)).toHaveText('Modifier les réservations');
    await expectNoA11yViolations();
    await page.getByRole('link', { name: `Réservations de ${LOU}`, exact: true }).click();
    await expect(heading(page)).toHaveText(`Réservations de ${LOU}`);
    await expectNoA11yViolations();
    await page.getByRole('link', { name: 'Semaine type : réserver une période en une fois', exact: true }).click();
    await expect(heading(page)).toHaveText(`Semaine type de ${LOU}`);
    await expectNoA11yViolations();

    // February, every Wednesday « Matin avec repas »: the summary lists the two open Wednesdays, on time, and the holidays skipped.
    await page.getByLabel('Du (obligatoire)', { exact: true }).fill('01/02/2027');
    await page.getByLabel('Au (obligatoire)', { exact: true }).fill('28/02/2027');
    await page.getByLabel(`${WEDNESDAY_CENTRE}, le mercredi`, { exact: true }).selectOption({ label: UNIT });
    await page.getByRole('button', { name: 'Voir le récapitulatif', exact: true }).click();
    await expect(heading(page)).toHaveText(`Récapitulatif des réservations de ${LOU}`);
    const changes = changesTable(page);
    await expect(changes.getByRole('row')).toHaveCount(1 + BOOKED.length);
    for (const day of BOOKED) {
      const row = changes.getByRole('row').filter({ hasText: day });
      await expect(row).toContainText(WEDNESDAY_CENTRE);
      await expect(row).toContainText(`Réserver : ${UNIT}`);
      await expect(row).toContainText('Dans les délais');
    }
    await expect(page.getByRole('main')).toContainText(/Total des majorations : 0,00\s€/);
    const skipped = page
      .getByRole('heading', { level: 2, name: 'Jours fermés, ignorés' })
      .locator('xpath=following-sibling::ul[1]');
    await expect(skipped).toContainText('10/02/2027');
    await expect(skipped).toContainText('17/02/2027');
    await expectNoA11yViolations();

    await page.getByRole('button', { name: 'Confirmer', exact: true }).click();
    await expect(heading(page)).toHaveText(`Réservations de ${LOU}`);
    await expect(page).toHaveURL(/[?&]mois=2027-02(&|$)/);
    await expect(writtenNotice(page).getByRole('listitem')).toHaveText(
      BOOKED.map((day) => `${day} — ${WEDNESDAY_CENTRE} : réservé : ${UNIT}`),
    );
    for (const day of BOOKED) await expect(calendarList(page, WEDNESDAY_CENTRE, day)).toHaveValue('matin-repas');
    await expectNoA11yViolations();

    // The 24th cancelled from the month calendar: « Pas de réservation », the summary, the confirmation.
    await calendarList(page, WEDNESDAY_CENTRE, CANCELLED).selectOption({ label: 'Pas de réservation' });
    await page.getByRole('button', { name: 'Voir le récapitulatif', exact: true }).click();
    await expect(heading(page)).toHaveText(`Récapitulatif des réservations de ${LOU}`);
    await expect(changes.getByRole('row')).toHaveCount(2);
    const cancelled = changes.getByRole('row').filter({ hasText: CANCELLED });
    await expect(cancelled).toContainText(WEDNESDAY_CENTRE);
    await expect(cancelled).toContainText('Annuler');
    await expect(cancelled).toContainText('Dans les délais');
    await expectNoA11yViolations();
    await page.getByRole('button', { name: 'Confirmer', exact: true }).click();

    // Back on February: the 24th is free again, the 3rd still booked.
    await expect(heading(page)).toHaveText(`Réservations de ${LOU}`);
    await expect(page).toHaveURL(/[?&]mois=2027-02(&|$)/);
    await expect(writtenNotice(page).getByRole('listitem')).toHaveText([`${CANCELLED} — ${WEDNESDAY_CENTRE} : annulé`]);
    // Each cell's state in words, under its list.
    const state = (day: string) => calendarSlot(page, calendarList(page, WEDNESDAY_CENTRE, day));
    await expect(calendarList(page, WEDNESDAY_CENTRE, CANCELLED)).toHaveValue('');
    await expect(state(CANCELLED)).toContainText(/: non réservé[\s\S]*modifiable jusqu'au /);
    await expect(calendarList(page, WEDNESDAY_CENTRE, BOOKED[0]!)).toHaveValue('matin-repas');
    await expect(state(BOOKED[0]!)).toContainText(new RegExp(`: réservé : ${UNIT}[\\s\\S]*modifiable jusqu'au `));
    await expectNoA11yViolations();
    await checkerContext.close();
  });
});
