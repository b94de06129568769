import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAgent, loggedInAgent } from '../../../../../test/agentFactories.js';
import { useTestApp } from '../../../../../test/appFixture.js';
import { summaryOf, textOf } from '../../../../../test/citizenFactories.js';
import { testDatabases } from '../../../../../test/databases.js';
import { createCommune } from '../../../../../test/factories.js';
import { setUpServices } from '../../../../../test/serviceFactories.js';
import { auditLines, formFields, setUpFingerprint } from '../../../../../test/settingsPages.js';
import { formatEuros } from '../../../../shared/money.js';
import type { Commune } from '../../../communes/domain/commune.js';
import { dayOpening, factsFor } from '../../domain/schoolCalendar.js';
import { activitySessions, services } from '../../servicesSchema.js';
import { settingsPaths } from './settingsPaths.js';

describe.each(testDatabases())('the commune’s set-up pages on $name', ({ open }) => {
  const { t } = useTestApp(open);

  const db = () => t.container.database.db;
  /** A fresh commune and its administrator, logged in. */
  const administrator = async (options: { standard?: boolean } = {}) => {
    const commune = await createCommune(t.container.communes);
    const set = options.standard ? await setUpServices(t.container, commune) : null;
    const client = await loggedInAgent(t, commune, await createAgent(t.container, commune, { role: 'administrateur' }));
    return { commune, client, set, paths: settingsPaths(commune) };
  };
  const nothingWritten = async (commune: Commune, run: () => Promise<void>) => {
    const before = await setUpFingerprint(db(), [commune]);
    await run();
    expect(await setUpFingerprint(db(), [commune])).toEqual(before);
  };

  it('sets a new commune up in one click: the standard services and the school year 2026-2027 with zone C’s holidays', async () => {
    const { commune, client, paths } = await administrator();
    const home = await client.get(`/${commune.slug}/guichet`);
    for (const link of [paths.services, paths.schoolYears, paths.calendar, paths.sessions])
      expect(home.html).toContain(`href="${link}"`);

    const empty = await client.get(paths.services);
    expect(empty.status).toBe(200);
    expect(empty.headers.get('cache-control')).toBe('no-store');
    expect(textOf(empty.html)).toContain('Mettre en place le catalogue standard');
    const done = await client.post(paths.standardCatalogue);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${paths.services}?fait=catalogue`);
    const list = await client.follow();
    expect(textOf(list.html)).toContain('Le catalogue standard est en place');
    expect(textOf(list.html)).not.toContain('Mettre en place le catalogue standard');
    expect(textOf(list.html)).toContain('modifiable jusqu’à 15 jours avant, 23:59');

    const catalogue = await t.container.catalogue.services(commune.id);
    expect(catalogue.map((service) => service.kind)).toEqual(['matin', 'soir', 'restauration', 'mercredi', 'vacances']);
    const calendar = await t.container.catalogue.calendar(commune.id);
    expect(calendar.years.map((year) => [year.label, year.startsOn, year.rentreeWindowEndsOn])).toEqual([
      ['2026-2027', '2026-09-01', '2026-09-30'],
    ]);
    expect(calendar.periods).toHaveLength(5);
    expect(await auditLines(db(), commune, 'services.standard-catalogue')).toHaveLength(1);

    // A second click adds nothing.
    await nothingWritten(commune, async () => {
      const again = await client.post(paths.standardCatalogue);
      expect(again.status).toBe(409);
      expect(textOf(again.html)).toContain('le catalogue standard n’a pas été ajouté');
    });
  });

  it('creates a school year with its rentrée window on 30 September by default, and changes it', async () => {
    const { commune, client, paths } = await administrator();
    await client.get(paths.schoolYears);
    const created = await client.post(paths.schoolYears, {
      label: '2027-2028',
      startsOn: '30/08/2027',
      endsOn: '03/07/2028',
      rentreeWindowEndsOn: '',
    });
    expect(created.status).toBe(303);
    expect(created.location).toBe(`${paths.schoolYears}?fait=creee`);
    expect(textOf((await client.follow()).html)).toContain('L’année scolaire est créée.');
    const [year] = (await t.container.catalogue.calendar(commune.id)).years;
    expect(year).toMatchObject({
      label: '2027-2028',
      startsOn: '2027-08-30',
      endsOn: '2028-07-03',
      rentreeWindowEndsOn: '2027-09-30',
    });
    expect(await auditLines(db(), commune, 'school-year.created')).toHaveLength(1);

    const page = await client.get(paths.schoolYear(year!.id));
    expect(page.status).toBe(200);
    const fields = formFields(page.html, paths.schoolYear(year!.id));
    expect(fields).toEqual({
      label: '2027-2028',
      startsOn: '30/08/2027',
      endsOn: '03/07/2028',
      rentreeWindowEndsOn: '30/09/2027',
    });
    expect((await client.post(paths.schoolYear(year!.id), fields)).location).toBe(
      `${paths.schoolYears}?fait=inchangee`,
    );
    const changed = await client.post(paths.schoolYear(year!.id), { ...fields, rentreeWindowEndsOn: '15/10/2027' });
    expect(changed.location).toBe(`${paths.schoolYears}?fait=modifiee`);
    expect((await t.container.catalogue.calendar(commune.id)).years[0]!.rentreeWindowEndsOn).toBe('2027-10-15');
    const [line] = await auditLines(db(), commune, 'school-year.changed');
    expect(line?.details).toEqual({ changed: 'rentreeWindowEndsOn', rentreeWindowEndsOn: '2027-10-15' });
    expect(line?.subjectId).toBe(year!.id);
  });

  it('refuses a wrong school year with the errors linked to their fields, and writes nothing', async () => {
    const { commune, client, paths } = await administrator({ standard: true });
    await client.get(paths.schoolYears);
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ label: '2027-2028', startsOn: '01/09/2027', endsOn: '31/08/2027' }, 'endsOn', /après le premier jour/],
      [{ label: '2027-2028', startsOn: '31/02/2027', endsOn: '02/07/2028' }, 'startsOn', /date qui existe/],
      [
        { label: '2027-2028', startsOn: '01/06/2027', endsOn: '31/05/2028' },
        'startsOn',
        /chevauchent l’année scolaire « 2026-2027 »/,
      ],
      [{ label: '2026-2027', startsOn: '01/09/2027', endsOn: '02/07/2028' }, 'label', /existe déjà/],
      [
        { label: '2027-2028', startsOn: '01/09/2027', endsOn: '02/07/2028', rentreeWindowEndsOn: '15/07/2028' },
        'rentreeWindowEndsOn',
        /pendant l’année scolaire/,
      ],
      [{ label: '', startsOn: '', endsOn: '' }, 'label', /Indiquez le nom/],
    ];
    await nothingWritten(commune, async () => {
      for (const [fields, field, message] of cases) {
        const page = await client.post(paths.schoolYears, fields);
        expect(page.status, JSON.stringify(fields)).toBe(400);
        expect(summaryOf(page.html)[field], JSON.stringify(fields)).toMatch(message);
        expect(page.html).toContain('id="champ-' + field + '"');
      }
    });
  });

  it('keeps the days off of the year: adds, changes and removes a closure, and lists the public holidays as computed', async () => {
    const { commune, client, paths, set } = await administrator({ standard: true });
    const yearId = set!.schoolYear.id;
    const page = await client.get(paths.calendar);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Vacances de Noël');
    expect(text).toContain('Armistice 1918 : mercredi 11 novembre 2026');
    expect(text).toContain('Lundi de Pâques : lundi 29 mars 2027');

    const added = await client.post(paths.calendar, {
      kind: 'fermeture',
      label: 'Pont du 11 novembre',
      startsOn: '12/11/2026',
      endsOn: '13/11/2026',
    });
    expect(added.status).toBe(303);
    expect(added.location).toBe(paths.calendarOf(yearId, 'ajoutee'));
    expect(textOf((await client.follow()).html)).toContain('Pont du 11 novembre');
    const canteen = (await t.container.catalogue.service(commune.id, set!.services.restauration.id))!;
    let calendar = await t.container.catalogue.calendar(commune.id);
    expect(dayOpening('2026-11-13', factsFor(calendar, '2026-11-13')!, canteen.opening)).toEqual({
      open: false,
      reason: 'fermeture',
      label: 'Pont du 11 novembre',
    });
    const closure = calendar.periods.find((period) => period.label === 'Pont du 11 novembre')!;
    expect((await auditLines(db(), commune, 'calendar-period.added'))[0]?.details).toMatchObject({
      kind: 'fermeture',
      startsOn: '2026-11-12',
      endsOn: '2026-11-13',
    });

    const edit = await client.get(paths.period(closure.id));
    const fields = formFields(edit.html, paths.period(closure.id));
    expect(fields).toEqual({
      kind: 'fermeture',
      label: 'Pont du 11 novembre',
      startsOn: '12/11/2026',
      endsOn: '13/11/2026',
    });
    expect((await client.post(paths.period(closure.id), { ...fields, endsOn: '12/11/2026' })).location).toBe(
      paths.calendarOf(yearId, 'modifiee'),
    );
    calendar = await t.container.catalogue.calendar(commune.id);
    expect(dayOpening('2026-11-13', factsFor(calendar, '2026-11-13')!, canteen.opening)).toEqual({ open: true });

    await nothingWritten(commune, async () => {
      const wrong = await client.post(paths.calendar, {
        kind: 'vacances',
        label: 'Vacances',
        startsOn: '20/12/2026',
        endsOn: '19/12/2026',
      });
      expect(wrong.status).toBe(400);
      expect(summaryOf(wrong.html).endsOn).toMatch(/avant le premier jour/);
      const noKind = await client.post(paths.period(closure.id), {
        label: 'Pont',
        startsOn: '12/11/2026',
        endsOn: '12/11/2026',
      });
      expect(noKind.status).toBe(400);
      expect(summaryOf(noKind.html).kind).toMatch(/Choisissez le type/);
    });

    expect((await client.post(paths.removePeriod(closure.id))).location).toBe(paths.calendarOf(yearId, 'supprimee'));
    expect((await t.container.catalogue.calendar(commune.id)).periods.some((period) => period.id === closure.id)).toBe(
      false,
    );
    expect((await auditLines(db(), commune, 'calendar-period.removed'))[0]?.details).toMatchObject({
      label: 'Pont du 11 novembre',
    });
    expect((await client.post(paths.removePeriod(closure.id))).status).toBe(404);
  });

  it('changes a service’s rules, which the catalogue then reads in the domain’s types', async () => {
    const { commune, client, paths, set } = await administrator({ standard: true });
    const id = set!.services.restauration.id;
    const page = await client.get(paths.service(id));
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain(
      'modifiable jusqu’à 15 jours avant, 23:59 ; sans délai pendant la fenêtre de rentrée ; après : majoration de 50 % ; fermé la veille à 10:00',
    );
    const fields = formFields(page.html, paths.service(id));
    expect(fields).toMatchObject({
      deadlineDaysBefore: '15',
      deadlineTime: '23:59:59',
      cutoffTime: '10:00',
      majorationKind: 'percent',
      majorationValue: '50',
      'unit-jour-price': '3,55',
    });

    // The form sent back as it came: nothing changes, nothing is written.
    await nothingWritten(commune, async () => {
      expect((await client.post(paths.service(id), fields)).location).toBe(`${paths.service(id)}?fait=inchange`);
    });

    const { 'openWeekdays-5': _friday, ...withoutFriday } = fields;
    const saved = await client.post(paths.service(id), {
      ...withoutFriday,
      'openWeekdays-3': 'oui',
      schoolPeriodsOnly: 'non',
      deadlineDaysBefore: '10',
      deadlineTime: '18:00',
      cutoffDaysBefore: '2',
      cutoffTime: '12:00',
      rentreeWindow: 'non',
      majorationKind: 'fixed',
      majorationValue: '1,50',
      illnessReportTime: '08:30',
      requiredDocuments: 'Carnet de vaccination\r\n\r\n  Attestation d’assurance  ',
      placesPerDay: '120',
      'unit-jour-label': 'Déjeuner',
      'unit-jour-price': '3,80',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${paths.service(id)}?fait=enregistre`);
    const after = await client.follow();
    expect(textOf(after.html)).toContain(
      `modifiable jusqu’à 10 jours avant, 18:00 ; après : majoration de ${textOf(formatEuros(150))} par unité ; fermé 2 jours avant à 12:00`,
    );

    const service = await t.container.catalogue.service(commune.id, id);
    expect(service).toMatchObject({
      opening: { openWeekdays: [1, 2, 3, 4], schoolPeriodsOnly: false },
      rule: {
        deadlineDaysBefore: 10,
        deadlineTime: '18:00:00',
        cutoffDaysBefore: 2,
        cutoffTime: '12:00:00',
        rentreeWindow: false,
      },
      majoration: { kind: 'fixed', cents: 150 },
      illnessReportTime: '08:30:00',
      requiredDocuments: ['Carnet de vaccination', 'Attestation d’assurance'],
      placesPerDay: 120,
      units: [{ code: 'jour', label: 'Déjeuner', priceCents: 380 }],
      active: true,
    });
    const [line] = await auditLines(db(), commune, 'service.settings-changed');
    expect(line?.subjectId).toBe(id);
    expect(String(line?.details.changed).split(',')).toEqual(
      expect.arrayContaining([
        'openWeekdays',
        'schoolPeriodsOnly',
        'deadlineDaysBefore',
        'majoration',
        'units',
        'requiredDocuments',
        'placesPerDay',
      ]),
    );
    expect(line?.details.majoration).toBe(`+${formatEuros(150)}`);

    // The Wednesday centre's five units keep their codes; « vide » means no limit.
    const wednesday = set!.services.mercredi.id;
    const wednesdayFields = formFields((await client.get(paths.service(wednesday))).html, paths.service(wednesday));
    expect(Object.keys(wednesdayFields).filter((name) => name.endsWith('-price'))).toHaveLength(5);
    await client.post(paths.service(wednesday), { ...wednesdayFields, placesPerDay: '', 'unit-journee-price': '13' });
    expect(client.last!.status).toBe(303);
    const centre = await t.container.catalogue.service(commune.id, wednesday);
    expect(centre?.placesPerDay).toBeNull();
    expect(centre?.units.find((unit) => unit.code === 'journee')?.priceCents).toBe(1300);
  });

  it('refuses wrong rules with the errors linked to their fields, and writes nothing', async () => {
    const { commune, client, paths, set } = await administrator({ standard: true });
    const id = set!.services.restauration.id;
    const fields = formFields((await client.get(paths.service(id))).html, paths.service(id));
    const weekdays = Object.keys(fields).filter((name) => name.startsWith('openWeekdays-'));
    const cases: [Record<string, string>, string, RegExp][] = [
      [
        { deadlineDaysBefore: '1', cutoffDaysBefore: '2' },
        'cutoffDaysBefore',
        /fermeture définitive tombe avant la date limite/,
      ],
      [{ majorationValue: '150' }, 'majorationValue', /de 0 à 100 %/],
      [{ majorationKind: 'fixed', majorationValue: 'un euro' }, 'majorationValue', /en euros/],
      [{ deadlineTime: '25:00' }, 'deadlineTime', /HH:MM/],
      [{ deadlineDaysBefore: 'quinze' }, 'deadlineDaysBefore', /jours entiers/],
      [{ placesPerDay: '0' }, 'placesPerDay', /de 1 à/],
      [{ name: 'Cantine\nscolaire' }, 'name', /une seule ligne/],
      [{ requiredDocuments: 'Carnet\nCarnet' }, 'requiredDocuments', /deux fois/],
    ];
    await nothingWritten(commune, async () => {
      for (const [change, field, message] of cases) {
        const page = await client.post(paths.service(id), { ...fields, ...change });
        expect(page.status, JSON.stringify(change)).toBe(400);
        expect(summaryOf(page.html)[field], JSON.stringify(change)).toMatch(message);
        // What was typed comes back.
        expect(formFields(page.html, paths.service(id))[field] ?? '', JSON.stringify(change)).toBe(change[field]);
      }
      const noDay = Object.fromEntries(Object.entries(fields).filter(([name]) => !weekdays.includes(name)));
      const page = await client.post(paths.service(id), noDay);
      expect(page.status).toBe(400);
      expect(summaryOf(page.html).openWeekdays).toMatch(/au moins un jour/);
      expect(page.html).toContain('<a href="#champ-openWeekdays">');
      expect(page.html).toContain('id="champ-openWeekdays"');
    });
    const [row] = await db().select().from(services).where(eq(services.id, id));
    expect(row).toMatchObject({ deadlineDaysBefore: 15, majorationValue: 5000, name: 'Restauration scolaire' });
  });

  it('creates and changes holiday sessions: places taken and left, a warning outside the school holidays, never fewer places than booked', async () => {
    const { commune, client, paths, set } = await administrator({ standard: true });
    const list = await client.get(paths.sessions);
    expect(list.status).toBe(200);
    expect(list.html).toContain(`href="${paths.newSession}"`);
    const form = await client.get(paths.newSession);
    const blank = formFields(form.html, paths.sessions);
    expect(blank).toEqual({
      serviceId: set!.services.vacances.id,
      name: '',
      description: '',
      startsOn: '',
      endsOn: '',
      minAge: '',
      maxAge: '',
      places: '',
      priceCents: '',
    });

    const cirque = {
      ...blank,
      name: 'Atelier cirque',
      description: 'Jonglage.\r\nÉquilibre.',
      startsOn: '08/02/2027',
      endsOn: '12/02/2027',
      minAge: '8',
      maxAge: '12',
      places: '16',
      priceCents: '75',
    };
    const created = await client.post(paths.sessions, cirque);
    expect(created.status).toBe(303);
    const id = /\/parametres\/sessions\/([0-9a-f-]{36})\?fait=creee$/.exec(created.location ?? '')?.[1];
    expect(id).toBeDefined();
    const shown = textOf((await client.follow()).html);
    expect(shown).toContain('La session est créée.');
    expect(shown).not.toContain('pas lieu entièrement pendant les vacances scolaires');
    expect(await t.container.catalogue.session(commune.id, id!)).toMatchObject({
      serviceId: set!.services.vacances.id,
      name: 'Atelier cirque',
      description: 'Jonglage.\nÉquilibre.',
      startsOn: '2027-02-08',
      endsOn: '2027-02-12',
      minAge: 8,
      maxAge: 12,
      places: 16,
      priceCents: 7500,
      booked: 0,
    });
    expect(await auditLines(db(), commune, 'session.created')).toHaveLength(1);

    // Outside the school holidays: allowed, and said.
    const bridge = await client.post(paths.sessions, {
      ...cirque,
      name: 'Journée du pont',
      startsOn: '12/11/2026',
      endsOn: '13/11/2026',
    });
    expect(bridge.status).toBe(303);
    expect(textOf((await client.follow()).html)).toContain(
      'cette session n’a pas lieu entièrement pendant les vacances scolaires du calendrier',
    );
    const rows = textOf((await client.get(paths.sessions)).html);
    expect(rows).toContain('0 prise sur 16 (16 libres)');
    expect(rows).toContain('Pas entièrement pendant les vacances scolaires');

    // Five places taken: the session keeps at least five.
    await db().update(activitySessions).set({ booked: 5 }).where(eq(activitySessions.id, id!));
    const page = await client.get(paths.session(id!));
    expect(textOf(page.html)).toContain('5 prises sur 16 (11 libres)');
    const fields = formFields(page.html, paths.session(id!));
    expect(fields).toMatchObject({ ...cirque, description: 'Jonglage.\nÉquilibre.', priceCents: '75,00' });
    await nothingWritten(commune, async () => {
      const tooFew = await client.post(paths.session(id!), { ...fields, places: '4' });
      expect(tooFew.status).toBe(400);
      expect(summaryOf(tooFew.html).places).toBe(
        '5 places sont déjà réservées : le nombre de places ne peut pas descendre en dessous de 5. Pour en retirer, annulez d’abord des réservations.',
      );
      const ages = await client.post(paths.session(id!), { ...fields, minAge: '12', maxAge: '8' });
      expect(summaryOf(ages.html).maxAge).toMatch(/inférieur à l’âge minimum/);
      const price = await client.post(paths.sessions, { ...cirque, priceCents: 'gratuit' });
      expect(price.status).toBe(400);
      expect(summaryOf(price.html).priceCents).toMatch(/en euros/);
      const otherService = await client.post(paths.sessions, { ...cirque, serviceId: set!.services.restauration.id });
      expect(summaryOf(otherService.html).serviceId).toMatch(/activités vacances/);
    });
    expect((await client.post(paths.session(id!), { ...fields, places: '5', priceCents: '80,50' })).location).toBe(
      `${paths.session(id!)}?fait=modifiee`,
    );
    expect(await t.container.catalogue.session(commune.id, id!)).toMatchObject({
      places: 5,
      priceCents: 8050,
      booked: 5,
    });
    const [line] = await auditLines(db(), commune, 'session.changed');
    expect(line?.details).toEqual({
      session: 'Atelier cirque',
      changed: 'places,priceCents',
      places: 5,
      priceCents: 8050,
    });
  });
});
