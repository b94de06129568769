import { expect, test } from '@playwright/test';
import { expectNoA11yViolations } from './support/axe.js';
import { E2E_PASSWORD, keyboardBookingFamily as family } from './support/e2eFamilies.js';
import { heading, mainNav } from './support/familyJourneys.js';
import { COMMUNE } from './support/journeys.js';
import { KeyboardUser } from './support/keyboard.js';
import {
  CANTEEN,
  calendarBox,
  changesTable,
  childName,
  monthCalendar,
  writtenNotice,
} from './support/reservationJourneys.js';

/*
 * The portal's calendar is on Tuesday 17 November 2026 (e2e/support/e2eClock.ts): the canteen of
 * January 2027 is weeks beyond its 15 days, so both days are booked on time, without majoration.
 * Léon's evening care of 17 November (seeded) is pointed by another spec: this one stays in January.
 */
const LEON = childName(family.members[0]!);
const DAYS = ['lundi 4 janvier 2027', 'mardi 5 janvier 2027'];

test('keyboard alone: a parent books two canteen days of January from Léon’s calendar, through the summary to the confirmation; the focus always visible', async ({
  page,
}) => {
  test.slow();
  const keys = new KeyboardUser(page);

  // Login: Enter in the password field sends the form.
  await page.goto(`${COMMUNE}/connexion`);
  await expectNoA11yViolations(page);
  await keys.typeInto(
    page.getByLabel('Identifiant ou adresse e-mail (obligatoire)', { exact: true }),
    family.representative.username,
  );
  await keys.tabTo(page.getByLabel('Mot de passe (obligatoire)', { exact: true }));
  await page.keyboard.type(E2E_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Bonjour Madame PERRIN');
  await expectNoA11yViolations(page);

  // Ma famille → « Modifier les réservations » → Léon's calendar, on the current month.
  await keys.tabTo(mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }));
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Ma famille');
  await expectNoA11yViolations(page);
  await keys.tabTo(page.getByRole('main').getByRole('link', { name: 'Modifier les réservations', exact: true }));
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Modifier les réservations');
  await expectNoA11yViolations(page);
  await keys.tabTo(page.getByRole('link', { name: `Réservations de ${LEON}`, exact: true }));
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText(`Réservations de ${LEON}`);
  await expect(monthCalendar(page, `${LEON} — novembre 2026`)).toBeVisible();
  await expectNoA11yViolations(page);

  // « Mois suivant » twice: December, then January.
  for (const month of ['décembre 2026', 'janvier 2027']) {
    await keys.tabTo(
      page
        .getByRole('navigation', { name: 'Mois' })
        .getByRole('link', { name: `Mois suivant : ${month}`, exact: true }),
    );
    await page.keyboard.press('Enter');
    await expect(monthCalendar(page, `${LEON} — ${month}`)).toBeVisible();
    await expectNoA11yViolations(page);
  }
  await expect(page).toHaveURL(/[?&]mois=2027-01(&|$)/);

  // Two canteen days ticked with Space; the live preview lists them, on time.
  for (const day of DAYS) {
    const box = calendarBox(page, CANTEEN, day, 'non réservé');
    await expect(box).not.toBeChecked();
    await keys.tabTo(box);
    await keys.press('Space');
    await expect(box).toBeChecked();
  }
  const preview = page.locator('#resume-direct');
  await expect(preview.getByRole('status')).toHaveText(/^2 modifications ; total des majorations : 0,00\s€\.$/);
  await expect(preview.getByRole('listitem')).toHaveText(
    DAYS.map((day) => `${day} — ${CANTEEN} : réserver (dans les délais)`),
  );
  await expectNoA11yViolations(page);

  // « Voir le récapitulatif »: the two days, on time, no majoration.
  await keys.tabTo(page.getByRole('button', { name: 'Voir le récapitulatif', exact: true }));
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText(`Récapitulatif des réservations de ${LEON}`);
  const changes = changesTable(page);
  await expect(changes.getByRole('row')).toHaveCount(1 + DAYS.length);
  for (const day of DAYS) {
    const row = changes.getByRole('row').filter({ hasText: day });
    await expect(row).toContainText(CANTEEN);
    await expect(row).toContainText('Réserver');
    await expect(row).toContainText('Dans les délais');
  }
  await expect(changes).not.toContainText('majoration');
  await expect(page.getByRole('main')).toContainText(/Total des majorations : 0,00\s€/);
  await expectNoA11yViolations(page);

  // « Confirmer »: back on January's calendar, told what was written; the boxes say « réservé ».
  await keys.tabTo(page.getByRole('button', { name: 'Confirmer', exact: true }));
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText(`Réservations de ${LEON}`);
  await expect(page).toHaveURL(/[?&]mois=2027-01(&|$)/);
  const written = writtenNotice(page);
  await expect(written).toBeVisible();
  await expect(written.getByRole('listitem')).toHaveText(DAYS.map((day) => `${day} — ${CANTEEN} : réservé`));
  for (const day of DAYS) await expect(calendarBox(page, CANTEEN, day, 'réservé')).toBeChecked();
  await expectNoA11yViolations(page);

  expect(keys.stops.length).toBeGreaterThan(20);
  keys.expectFocusAlwaysVisible();
});
