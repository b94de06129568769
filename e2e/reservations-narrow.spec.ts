import { expect, test } from '@playwright/test';
import { narrowBookingFamily as family } from './support/e2eFamilies.js';
import { loginFamily, mainNav, statusNotice } from './support/familyJourneys.js';
import { DESK, deskPage } from './support/journeys.js';
import {
  CANTEEN,
  calendarBox,
  calendarSlot,
  changesTable,
  childName,
  expectReflows,
  monthCalendar,
} from './support/reservationJourneys.js';
import { openMenu } from './support/menu.js';

/*
 * Every reservation page at 320 px wide (WCAG 1.4.10), on the portal's calendar of Tuesday
 * 17 November 2026 (e2e/support/e2eClock.ts): Tuesday 1 December is inside the canteen's 15 days and
 * before its cut-off (30 November, 10:00), so ticking it is late, +50 % of the demo grid's highest price, 5,20 € (the VIDALs gave no QF). Lou's evening
 * care of 17 November (seeded) is pointed by another spec: nothing here changes November.
 */
const LOU = childName(family.members[0]!);
const SESSION = 'Stage multisport';

test.describe('320 px wide (WCAG 1.4.10)', () => {
  test.use({ viewport: { width: 320, height: 720 } });

  test('the family’s reservation pages reflow: the children, Lou’s month, the semaine type, a late day’s summary, an inscription and an absence', async ({
    page,
  }) => {
    test.slow();
    await loginFamily(page, family);

    await openMenu(page);
    await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
    await expectReflows(page, 'Ma famille');
    await page.getByRole('main').getByRole('link', { name: 'Modifier les réservations', exact: true }).click();
    await expectReflows(page, 'Modifier les réservations');
    await page.getByRole('link', { name: `Réservations de ${LOU}`, exact: true }).click();
    await expectReflows(page, `Réservations de ${LOU}`);
    await page
      .getByRole('navigation', { name: 'Mois' })
      .getByRole('link', { name: 'Mois suivant : décembre 2026', exact: true })
      .click();
    await expect(monthCalendar(page, `${LOU} — décembre 2026`)).toBeVisible();
    await expectReflows(page, `Réservations de ${LOU}`);
    const december = page.url();

    // The semaine type's form, with the grid of weekdays and services.
    await page.getByRole('link', { name: 'Semaine type : réserver une période en une fois', exact: true }).click();
    await expectReflows(page, `Semaine type de ${LOU}`);

    // A late day: its majoration is said on the calendar, then priced in the summary (nothing confirmed).
    await page.goto(december);
    const lateDay = calendarBox(page, CANTEEN, 'mardi 1er décembre 2026', 'non réservé');
    await expect(calendarSlot(page, lateDay)).toContainText('avec majoration (+50 %)');
    await lateDay.check();
    await expect(page.locator('#resume-direct')).toContainText('avec majoration +50 %');
    await expectReflows(page, `Réservations de ${LOU}`);
    await page.getByRole('button', { name: 'Voir le récapitulatif', exact: true }).click();
    await expectReflows(page, `Récapitulatif des réservations de ${LOU}`);
    const late = changesTable(page).getByRole('row').filter({ hasText: 'mardi 1er décembre 2026' });
    await expect(late).toContainText(CANTEEN);
    await expect(late).toContainText(/Avec majoration \+50\s%\ssoit 2,60\s€/);
    await expect(page.getByRole('main')).toContainText('QF non fourni : tarif maximal');
    await expect(page.getByRole('main')).toContainText(/Total des majorations : 2,60\s€/);

    // Créer une inscription and Signaler une absence, from Ma famille.
    await openMenu(page);
    await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
    await page.getByRole('main').getByRole('link', { name: 'Créer une inscription', exact: true }).click();
    await expectReflows(page, 'Créer une inscription');
    await expect(page.getByRole('table', { name: 'Les inscriptions de vos enfants' })).toContainText(CANTEEN);
    await openMenu(page);
    await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
    await page.getByRole('main').getByRole('link', { name: 'Signaler une absence', exact: true }).click();
    await expectReflows(page, 'Signaler une absence');
    await expect(page.getByRole('group', { name: 'Services concernés (obligatoire)' })).toBeVisible();
  });

  test('Activités vacances, a session’s booking step and Lou’s agenda (month and list) reflow', async ({ page }) => {
    test.slow();
    await loginFamily(page, family);
    await openMenu(page);
    await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
    await page.getByRole('main').getByRole('link', { name: 'Activités vacances', exact: true }).click();
    await expectReflows(page, 'Activités vacances');

    const lou = page.getByRole('region', { name: LOU });
    const card = lou.getByRole('article', { name: SESSION, exact: true });
    await expect(card).toContainText(/\d+ places? restantes?|Complet/);
    // A fresh database offers the booking; a second run of this test on the same server finds Lou booked already.
    const book = card.getByRole('button', {
      name: new RegExp(`^(Réserver|S’inscrire sur la liste d’attente) : ${SESSION} pour Lou$`),
    });
    if ((await book.count()) > 0) {
      await book.click();
      await expectReflows(page, /^Confirmer (la réservation|l’inscription sur la liste d’attente)$/);
      await expect(page.getByRole('main')).toContainText(LOU);
      await page
        .getByRole('button', { name: /^Confirmer (la réservation|l’inscription sur la liste d’attente)$/ })
        .click();
      await expect(statusNotice(page, /votre enfant a sa place|liste d’attente/)).toBeVisible();
      await expectReflows(page, 'Activités vacances');
    }
    // Either a place, or a position on the waiting list.
    await expect(card).toContainText(/Inscrit à cette session|Liste d’attente : position \d+/);

    // The agenda from Lou's page: December, with the session, as a month then as a list.
    await openMenu(page);
    await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
    await page
      .getByRole('main')
      .getByRole('link', { name: new RegExp(`^${LOU}`) })
      .first()
      .click();
    await expectReflows(page, LOU);
    await page.getByRole('link', { name: 'Voir l’agenda de Lou', exact: true }).click();
    await expectReflows(page, 'Agenda de Lou');
    const agenda = new URL(page.url()).pathname;
    await page.goto(`${agenda}?mois=2026-12`);
    await expect(page.getByRole('table', { name: 'Activités de Lou en décembre 2026' })).toContainText(SESSION);
    await expectReflows(page, 'Agenda de Lou');
    await page.getByRole('link', { name: 'Vue en liste', exact: true }).click();
    await expect(page).toHaveURL(/[?&]vue=liste(&|$)/);
    await expect(page.getByRole('main')).toContainText('lundi 21 décembre 2026');
    await expectReflows(page, 'Agenda de Lou');
  });

  test('the guichet’s reservation pages reflow: day lists (a day past the calendar too), the mails in failure, pointage, sessions, and the services’ settings', async ({
    browser,
  }) => {
    test.slow();
    const { desk, deskContext } = await deskPage(browser);
    try {
      await desk.setViewportSize({ width: 320, height: 720 });
      await desk.goto(DESK);
      await expectReflows(desk, 'Accueil du guichet');

      await openMenu(desk);
      await mainNav(desk).getByRole('link', { name: 'Listes du jour', exact: true }).click();
      await expectReflows(desk, 'Listes du jour');
      await expect(desk.getByRole('main')).toContainText('VIDAL');
      // A day past the calendar: the same page, its error summary linked to the field.
      await desk.goto(`${DESK}/listes?jour=9999-12-31`);
      await expectReflows(desk, 'Listes du jour');
      await expect(desk.getByRole('main')).toContainText('entre 2000 et 2100');

      await openMenu(desk);
      await mainNav(desk).getByRole('link', { name: 'Courriels en échec', exact: true }).click();
      await expectReflows(desk, 'Courriels en échec');

      await openMenu(desk);
      await mainNav(desk).getByRole('link', { name: 'Pointage', exact: true }).click();
      await expectReflows(desk, 'Pointage');
      await desk.getByLabel('Service', { exact: true }).selectOption({ label: 'Accueil du soir' });
      await desk.getByRole('button', { name: 'Afficher', exact: true }).click();
      await expect(
        desk.getByRole('heading', { level: 2, name: 'Accueil du soir — mardi 17 novembre 2026' }),
      ).toBeVisible();
      await expectReflows(desk, 'Pointage');

      await openMenu(desk);
      await mainNav(desk).getByRole('link', { name: 'Sessions', exact: true }).click();
      await expectReflows(desk, 'Sessions des activités vacances');
      await desk.getByRole('main').getByRole('link', { name: SESSION, exact: true }).click();
      await expectReflows(desk, SESSION);

      await openMenu(desk);
      await mainNav(desk).getByRole('link', { name: 'Paramètres', exact: true }).click();
      await expectReflows(desk, 'Services');
      await desk.getByRole('main').getByRole('link', { name: CANTEEN, exact: true }).click();
      await expectReflows(desk, `Réglages : ${CANTEEN}`);

      await desk.goto(`${DESK}/parametres/calendrier`);
      await expectReflows(desk, /^Calendrier/);
      await desk.goto(`${DESK}/parametres/annees-scolaires`);
      await expectReflows(desk, 'Années scolaires');
      await desk.goto(`${DESK}/parametres/sessions`);
      await expectReflows(desk, 'Activités vacances : sessions');
      await desk.getByRole('main').getByRole('link', { name: SESSION, exact: true }).click();
      await expectReflows(desk, `Session « ${SESSION} »`);
    } finally {
      await deskContext.close();
    }
  });
});
