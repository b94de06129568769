import { expect, test } from '@playwright/test';
import { demoLogins } from '../src/demo/demoPeople.js';
import { expectNoA11yViolations } from './support/axe.js';
import { pdfOf } from './support/documentFiles.js';
import { decide, heading, mainNav, openFromQueue, statusNotice, takeRequest } from './support/familyJourneys.js';
import { COMMUNE, agentLogin, deskPage, login } from './support/journeys.js';

/*
 * The reservations' whole journey, on the demo's DUPONT family, the portal's calendar on Tuesday
 * 17 November 2026 at 07:45 (e2e/support/e2eClock.ts):
 *  - January 2027 is far beyond the 15 days: a week pattern over it is on time;
 *  - Tuesday 24 November is inside the 15 days and before the cut-off (23 November, 10:00): late, +50 %;
 *  - an illness for today can be reported until 09:00.
 */
const FAMILY = { reference: 'F-2026-0001' };
const REMI = 'Rémi DUPONT';
const WEDNESDAY_CENTRE = 'Accueil de loisirs du mercredi';
const CANTEEN = 'Restauration scolaire';
const INSCRIPTION = `Inscription à un service : ${REMI} — ${WEDNESDAY_CENTRE} (2026-2027)`;

test('a parent enrolls Rémi to the Wednesday centre, books a month, changes a day, pays a late day’s majoration, reports an illness and subscribes to his agenda', async ({
  page,
  browser,
}) => {
  test.slow();
  const { citizen } = demoLogins;
  await login(page, citizen.username, citizen.password);

  // Créer une inscription: Rémi, the Wednesday centre, 2026-2027; the required documents are listed.
  await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
  await page.getByRole('link', { name: 'Créer une inscription', exact: true }).click();
  await expect(heading(page)).toHaveText('Créer une inscription');
  await expectNoA11yViolations(page);
  await page
    .getByRole('group', { name: /^Enfant/ })
    .getByRole('radio', { name: REMI, exact: true })
    .check();
  await page
    .getByRole('group', { name: 'Service (obligatoire)' })
    .getByRole('radio', { name: new RegExp(`^${WEDNESDAY_CENTRE}`) })
    .check();
  await page
    .getByRole('group', { name: /^Année scolaire/ })
    .getByRole('radio', { name: /2026-2027/ })
    .check();
  await expect(page.getByRole('main')).toContainText('Carnet de vaccination');
  await page.getByRole('button', { name: 'Envoyer la demande', exact: true }).click();
  await expect(statusNotice(page, 'Votre demande d’inscription est transmise au guichet unique.')).toBeVisible();
  await expectNoA11yViolations(page);

  // The guichet unique accepts it.
  const { desk, deskContext } = await deskPage(browser);
  try {
    await openFromQueue(desk, FAMILY, INSCRIPTION, 'Inscription à un service');
    await takeRequest(desk);
    await decide(desk, 'Accepter');
  } finally {
    await deskContext.close();
  }

  // Modifier les réservations → Rémi → Semaine type over January: every Wednesday a full day, the canteen four days a week.
  await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
  await page.getByRole('link', { name: 'Modifier les réservations', exact: true }).click();
  await expect(heading(page)).toHaveText('Modifier les réservations');
  await expectNoA11yViolations(page);
  await page
    .getByRole('link', { name: new RegExp(REMI) })
    .first()
    .click();
  await expect(heading(page)).toHaveText(`Réservations de ${REMI}`);
  await expectNoA11yViolations(page);
  await page
    .getByRole('link', { name: /Semaine type/ })
    .first()
    .click();
  await expectNoA11yViolations(page);
  await page.getByLabel('Du (obligatoire)', { exact: true }).fill('04/01/2027');
  await page.getByLabel('Au (obligatoire)', { exact: true }).fill('29/01/2027');
  await page.getByLabel(`${WEDNESDAY_CENTRE}, le mercredi`, { exact: true }).selectOption({ label: 'Journée' });
  for (const day of ['lundi', 'mardi', 'jeudi', 'vendredi'])
    await page.getByLabel(`${CANTEEN}, le ${day} : réserver`).check();
  await page.getByRole('button', { name: 'Voir le récapitulatif', exact: true }).click();

  const changes = page.getByRole('table', { name: 'Modifications à confirmer' });
  await expect(changes).toBeVisible();
  // 4 Wednesdays and 16 canteen days of January's school weeks, all on time: no majoration.
  await expect(changes.getByRole('row').filter({ hasText: WEDNESDAY_CENTRE })).toHaveCount(4);
  await expect(changes.getByRole('row').filter({ hasText: CANTEEN })).toHaveCount(16);
  await expect(changes).not.toContainText('+50');
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: /^Confirmer/ }).click();
  await expect(page.getByRole('main')).toContainText('Vos réservations sont enregistrées.');
  await expectNoA11yViolations(page);

  // A day inside the deadline: the canteen of Thursday 14 January is cancelled, at no cost.
  await page.goto(`${new URL(page.url()).pathname}?mois=2027-01`);
  const thursday = page.getByLabel(`${CANTEEN}, jeudi 14 janvier 2027 : réservé`);
  await expect(thursday).toBeChecked();
  await thursday.uncheck();
  await page.getByRole('button', { name: 'Voir le récapitulatif', exact: true }).click();
  const cancelled = changes.getByRole('row').filter({ hasText: '14 janvier 2027' });
  await expect(cancelled).toContainText(/annuler/i);
  await expect(cancelled).not.toContainText('reste facturé');
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: /^Confirmer/ }).click();
  await expect(page.getByRole('main')).toContainText('Vos réservations sont enregistrées.');

  // A late day: the canteen of Tuesday 24 November, shown with its majoration before it is confirmed.
  await page.goto(`${new URL(page.url()).pathname}?mois=2026-11`);
  const lateDay = page.getByLabel(`${CANTEEN}, mardi 24 novembre 2026 : non réservé`);
  await expect(page.getByRole('main')).toContainText('avec majoration (+50 %)');
  await expectNoA11yViolations(page);
  await lateDay.check();
  await page.getByRole('button', { name: 'Voir le récapitulatif', exact: true }).click();
  const late = changes.getByRole('row').filter({ hasText: '24 novembre 2026' });
  // Priced at the DUPONTs' tariff (their QF's bracket in the demo's grid): 2,45 €, +50 %.
  await expect(late).toContainText('+50 %');
  await expect(late).toContainText(/2,45\s€ \+ 1,23\s€ de majoration/);
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: /^Confirmer/ }).click();
  await expect(page.getByRole('main')).toContainText('Vos réservations sont enregistrées.');
  await expect(page.getByLabel(`${CANTEEN}, mardi 24 novembre 2026 : réservé`)).toBeChecked();

  // Signaler une absence: an illness today, before 09:00.
  await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
  await page.getByRole('link', { name: 'Signaler une absence', exact: true }).click();
  await expect(heading(page)).toHaveText('Signaler une absence');
  await expectNoA11yViolations(page);
  const whichChild = page.getByRole('group', { name: 'Quel enfant sera absent ?' });
  if (await whichChild.isVisible()) {
    await whichChild.getByRole('radio', { name: REMI, exact: true }).check();
    await page.getByRole('button', { name: 'Continuer', exact: true }).click();
  }
  await page.getByLabel('Premier jour (obligatoire)', { exact: true }).fill('17/11/2026');
  await page.getByLabel('Dernier jour (obligatoire)', { exact: true }).fill('17/11/2026');
  await page
    .getByRole('group', { name: 'Services concernés (obligatoire)' })
    .getByRole('checkbox', { name: CANTEEN, exact: true })
    .check();
  await page
    .getByRole('group', { name: /^Motif/ })
    .getByRole('radio', { name: /^Maladie/ })
    .check();
  await page.getByLabel('Note', { exact: true }).fill('Fièvre depuis cette nuit.');
  // The medical certificate goes with the report, into the vault as Rémi's.
  await page
    .getByRole('group', { name: 'Certificat médical (pour une maladie)' })
    .getByRole('radio', { name: 'Joindre le certificat médical maintenant', exact: true })
    .check();
  await page.getByLabel('Fichiers du certificat médical', { exact: true }).setInputFiles({
    name: 'certificat.pdf',
    mimeType: 'application/pdf',
    buffer: await pdfOf('Certificat médical : Rémi DUPONT, 17/11/2026'),
  });
  await page.getByRole('button', { name: 'Signaler l’absence', exact: true }).click();
  await expect(page.locator('.notice[role="status"]')).toContainText('le certificat médical sont transmis');
  await expect(
    page.getByRole('table', { name: 'Les absences que vous avez signalées, les plus récentes en premier' }),
  ).toContainText('17/11/2026');
  await expectNoA11yViolations(page);

  // The agenda: November shows the late day; the calendar feed is created and read as a calendar.
  await mainNav(page).getByRole('link', { name: 'Ma famille', exact: true }).click();
  await page
    .getByRole('link', { name: /^Rémi DUPONT/ })
    .first()
    .click();
  await expect(heading(page)).toHaveText(REMI);
  await expectNoA11yViolations(page);
  await page
    .getByRole('link', { name: /agenda/i })
    .first()
    .click();
  await expectNoA11yViolations(page);
  await page.goto(`${new URL(page.url()).pathname}?mois=2026-11&vue=liste`);
  await expect(page.getByRole('main')).toContainText('24 novembre 2026');
  await expect(page.getByRole('main')).toContainText(CANTEEN);
  await expectNoA11yViolations(page);
  await page.getByRole('button', { name: 'Créer un lien d’abonnement', exact: true }).click();
  await expect(statusNotice(page, 'Le lien d’abonnement est créé.')).toBeVisible();
  await expectNoA11yViolations(page);
  const feedLink = await page.getByLabel('Adresse du calendrier', { exact: true }).inputValue();
  expect(feedLink).toMatch(/\/chanteloup-les-vignes\/agenda\/[^/]+\.ics$/);
  const feed = await page.request.get(feedLink);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  const ics = await feed.text();
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain('DTSTART;VALUE=DATE:20261124');
  expect(ics).toContain('Rémi');
  expect(ics).not.toContain('DUPONT');
});

test('an animateur takes the day’s attendance on a tablet-sized page: present, absent, and a child who came without booking', async ({
  browser,
}) => {
  test.slow();
  const context = await browser.newContext({ viewport: { width: 800, height: 1100 } });
  const page = await context.newPage();
  try {
    await agentLogin(page, { ...demoLogins.animateur });
    await mainNav(page).getByRole('link', { name: 'Pointage', exact: true }).click();
    await expect(heading(page)).toHaveText('Pointage');
    await expectNoA11yViolations(page);
    await page.getByLabel('Service', { exact: true }).selectOption({ label: 'Accueil du soir' });
    await page.getByRole('button', { name: 'Afficher', exact: true }).click();
    await expect(
      page.getByRole('heading', { level: 2, name: 'Accueil du soir — mardi 17 novembre 2026' }),
    ).toBeVisible();
    await expectNoA11yViolations(page);

    // Léon PERRIN is booked this evening (e2e seed); Lou VIDAL too. One came, one did not.
    await page
      .getByRole('group', { name: /PERRIN Léon/ })
      .getByRole('radio', { name: 'Présent', exact: true })
      .check();
    await page
      .getByRole('group', { name: /VIDAL Lou/ })
      .getByRole('radio', { name: 'Absent', exact: true })
      .check();
    await page.getByRole('button', { name: /Enregistrer le pointage/ }).click();
    await expect(statusNotice(page, 'Pointage enregistré')).toBeVisible();
    await expect(
      page.getByRole('group', { name: /PERRIN Léon/ }).getByRole('radio', { name: 'Présent', exact: true }),
    ).toBeChecked();
    await expectNoA11yViolations(page);

    // Rémi DUPONT came without booking: found by name, added, billable.
    await page.getByLabel('Nom ou prénom de l’enfant', { exact: true }).fill('Dupont');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expectNoA11yViolations(page);
    await page.getByRole('button', { name: 'Marquer présent : DUPONT Rémi', exact: true }).click();
    await expect(statusNotice(page, 'L’enfant est ajouté')).toBeVisible();
    await expect(
      page.getByRole('group', { name: /DUPONT Rémi/ }).getByRole('radio', { name: 'Présent', exact: true }),
    ).toBeChecked();
    await expectNoA11yViolations(page);

    // An animateur reads nothing of the family files.
    await expect(mainNav(page).getByRole('link', { name: 'Familles', exact: true })).toHaveCount(0);
    expect((await page.goto(`${COMMUNE}/guichet/familles`))?.status()).toBe(404);
  } finally {
    await context.close();
  }
});
