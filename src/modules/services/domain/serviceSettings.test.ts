import { describe, expect, it } from 'vitest';
import { formatEuros } from '../../../shared/money.js';
import {
  type ServiceSettings,
  defaultRentreeWindowEnd,
  describeOpening,
  describeServiceRule,
  holidaysHolding,
  isClockTime,
  majorationWords,
  periodProblems,
  publicHolidaysBetween,
  readableTime,
  schoolYearProblems,
  serviceSettingsProblems,
  sessionProblems,
  storedTime,
  timeInput,
  unitField,
} from './serviceSettings.js';

/** The canteen of the demo commune (PRODUCT.md): 15 days before at 23:59:59, closed the day before at 10:00, +50 %. */
const canteen: ServiceSettings = {
  name: 'Restauration scolaire',
  description: '',
  openWeekdays: [1, 2, 4, 5],
  schoolPeriodsOnly: true,
  deadlineDaysBefore: 15,
  deadlineTime: '23:59:59',
  cutoffDaysBefore: 1,
  cutoffTime: '10:00:00',
  rentreeWindow: true,
  majoration: { kind: 'percent', basisPoints: 5000 },
  illnessReportTime: '09:00:00',
  requiredDocuments: [],
  placesPerDay: null,
  units: [{ code: 'jour', label: 'Repas', priceCents: 355 }],
  active: true,
};
const settings = (changes: Partial<ServiceSettings>): ServiceSettings => ({ ...canteen, ...changes });

describe('times of the rules', () => {
  it('reads times on a 24-hour clock, to the minute or the second', () => {
    expect(isClockTime('10:00')).toBe(true);
    expect(isClockTime('23:59:59')).toBe(true);
    expect(isClockTime('24:00')).toBe(false);
    expect(isClockTime('9:00')).toBe(false);
    expect(isClockTime('10:60')).toBe(false);
    expect(isClockTime('10h00')).toBe(false);
  });

  it('stores a time typed to the minute as its first second, and shows it back as typed', () => {
    expect(storedTime('10:00')).toBe('10:00:00');
    expect(storedTime('23:59:59')).toBe('23:59:59');
    expect(timeInput('10:00:00')).toBe('10:00');
    expect(timeInput('23:59:59')).toBe('23:59:59');
    expect(() => storedTime('25:00')).toThrow(RangeError);
  });

  it('reads the last second of the day as « 23:59 » in a sentence', () => {
    expect(readableTime('23:59:59')).toBe('23:59');
    expect(readableTime('10:00:00')).toBe('10:00');
    expect(readableTime('10:00:30')).toBe('10:00:30');
  });
});

describe('a service’s settings', () => {
  it('accepts the demo commune’s rules', () => {
    expect(serviceSettingsProblems(canteen)).toEqual({});
  });

  it('needs open days, each a weekday once', () => {
    expect(serviceSettingsProblems(settings({ openWeekdays: [] }))).toHaveProperty('openWeekdays');
    expect(serviceSettingsProblems(settings({ openWeekdays: [1, 1] }))).toHaveProperty('openWeekdays');
    expect(serviceSettingsProblems(settings({ openWeekdays: [0] }))).toHaveProperty('openWeekdays');
    expect(serviceSettingsProblems(settings({ openWeekdays: [8] }))).toHaveProperty('openWeekdays');
    expect(serviceSettingsProblems(settings({ openWeekdays: [7] }))).toEqual({});
  });

  it('counts the delays in whole days from 0 to 365', () => {
    expect(serviceSettingsProblems(settings({ deadlineDaysBefore: 365 }))).toEqual({});
    expect(serviceSettingsProblems(settings({ deadlineDaysBefore: 366 }))).toHaveProperty('deadlineDaysBefore');
    expect(serviceSettingsProblems(settings({ deadlineDaysBefore: 1.5 }))).toHaveProperty('deadlineDaysBefore');
    expect(serviceSettingsProblems(settings({ cutoffDaysBefore: -1 }))).toHaveProperty('cutoffDaysBefore');
    expect(
      serviceSettingsProblems(
        settings({ deadlineDaysBefore: 0, deadlineTime: '08:00:00', cutoffDaysBefore: 0, cutoffTime: '08:00:00' }),
      ),
    ).toEqual({});
  });

  it('keeps the hard cut-off at or after the deadline, to the second', () => {
    // Same instant: no late period, allowed.
    expect(serviceSettingsProblems(settings({ deadlineDaysBefore: 1, deadlineTime: '10:00:00' }))).toEqual({});
    // The deadline one second after the cut-off: refused.
    expect(serviceSettingsProblems(settings({ deadlineDaysBefore: 1, deadlineTime: '10:00:01' }))).toHaveProperty(
      'cutoffDaysBefore',
    );
    // More days before for the cut-off than for the deadline: refused.
    expect(serviceSettingsProblems(settings({ deadlineDaysBefore: 2, cutoffDaysBefore: 3 }))).toHaveProperty(
      'cutoffDaysBefore',
    );
    // A day earlier at a later hour is still earlier.
    expect(
      serviceSettingsProblems(
        settings({ deadlineDaysBefore: 2, deadlineTime: '00:00:00', cutoffDaysBefore: 1, cutoffTime: '23:59:59' }),
      ),
    ).toEqual({});
  });

  it('needs valid hours', () => {
    expect(serviceSettingsProblems(settings({ illnessReportTime: '9h' }))).toHaveProperty('illnessReportTime');
    expect(serviceSettingsProblems(settings({ cutoffTime: '24:00' }))).toHaveProperty('cutoffTime');
  });

  it('bounds the majoration: 0 to 100 %, 0 to 100 € per unit', () => {
    expect(serviceSettingsProblems(settings({ majoration: { kind: 'percent', basisPoints: 10_000 } }))).toEqual({});
    expect(serviceSettingsProblems(settings({ majoration: { kind: 'percent', basisPoints: 10_001 } }))).toHaveProperty(
      'majorationValue',
    );
    expect(serviceSettingsProblems(settings({ majoration: { kind: 'percent', basisPoints: -1 } }))).toHaveProperty(
      'majorationValue',
    );
    expect(serviceSettingsProblems(settings({ majoration: { kind: 'fixed', cents: 0 } }))).toEqual({});
    expect(serviceSettingsProblems(settings({ majoration: { kind: 'fixed', cents: 10_000 } }))).toEqual({});
    expect(serviceSettingsProblems(settings({ majoration: { kind: 'fixed', cents: 10_001 } }))).toHaveProperty(
      'majorationValue',
    );
  });

  it('checks the required documents, the places and the units', () => {
    expect(
      serviceSettingsProblems(settings({ requiredDocuments: ['Carnet de vaccination', 'carnet de vaccination'] })),
    ).toHaveProperty('requiredDocuments');
    expect(
      serviceSettingsProblems(settings({ requiredDocuments: Array.from({ length: 11 }, (_, i) => `Pièce ${i}`) })),
    ).toHaveProperty('requiredDocuments');
    expect(serviceSettingsProblems(settings({ requiredDocuments: ['x'.repeat(121)] }))).toHaveProperty(
      'requiredDocuments',
    );
    expect(serviceSettingsProblems(settings({ placesPerDay: 0 }))).toHaveProperty('placesPerDay');
    expect(serviceSettingsProblems(settings({ placesPerDay: 80 }))).toEqual({});
    expect(serviceSettingsProblems(settings({ units: [] }))).toHaveProperty('units');
    const unit = { code: 'jour', label: ' ', priceCents: -5 };
    expect(serviceSettingsProblems(settings({ units: [unit] }))).toEqual({
      [unitField('jour', 'label')]: expect.any(String),
      [unitField('jour', 'price')]: expect.any(String),
    });
  });

  it('says the rule in words', () => {
    expect(describeServiceRule({ ...canteen, rentreeWindow: false })).toBe(
      'modifiable jusqu’à 15 jours avant, 23:59 ; après : majoration de 50 % ; fermé la veille à 10:00',
    );
    expect(describeServiceRule(canteen)).toBe(
      'modifiable jusqu’à 15 jours avant, 23:59 ; sans délai pendant la fenêtre de rentrée ; après : majoration de 50 % ; fermé la veille à 10:00',
    );
    expect(
      describeServiceRule({ ...canteen, rentreeWindow: false, deadlineDaysBefore: 1, deadlineTime: '10:00:00' }),
    ).toBe('modifiable jusqu’à la veille, 10:00 ; fermé la veille à 10:00');
    expect(
      describeServiceRule({
        ...canteen,
        rentreeWindow: false,
        majoration: { kind: 'fixed', cents: 150 },
        cutoffDaysBefore: 0,
        cutoffTime: '08:30:00',
      }),
    ).toBe(
      `modifiable jusqu’à 15 jours avant, 23:59 ; après : majoration de ${formatEuros(150)} par unité ; fermé le jour même à 08:30`,
    );
    expect(majorationWords({ kind: 'percent', basisPoints: 1250 })).toBe('majoration de 12,5 %');
    expect(majorationWords({ kind: 'percent', basisPoints: 0 })).toBe('sans majoration');
    expect(describeOpening(canteen)).toBe('lundi, mardi, jeudi, vendredi, hors vacances scolaires');
    expect(describeOpening({ openWeekdays: [5, 1], schoolPeriodsOnly: false })).toBe(
      'lundi, vendredi, vacances scolaires comprises',
    );
  });
});

describe('a school year', () => {
  const year = { label: '2026-2027', startsOn: '2026-09-01', endsOn: '2027-07-02', rentreeWindowEndsOn: '2026-09-30' };

  it('closes its rentrée window on 30 September by default', () => {
    expect(defaultRentreeWindowEnd('2026-09-01')).toBe('2026-09-30');
    expect(defaultRentreeWindowEnd('2027-08-30')).toBe('2027-09-30');
    expect(defaultRentreeWindowEnd('2026-10-05')).toBe('2026-10-05');
  });

  it('ends after it starts, and lasts less than a year', () => {
    expect(schoolYearProblems(year)).toEqual({});
    expect(schoolYearProblems({ ...year, endsOn: '2026-09-01' })).toHaveProperty('endsOn');
    expect(schoolYearProblems({ ...year, endsOn: '2026-08-31' })).toHaveProperty('endsOn');
    expect(schoolYearProblems({ ...year, endsOn: '2027-09-02' })).toHaveProperty('endsOn');
    expect(schoolYearProblems({ ...year, label: ' ' })).toHaveProperty('label');
  });

  it('takes dates from 2000 to 2100 only, both ends included: a year 1500 is a slip, told beside its field', () => {
    const range = 'Indiquez une date entre 2000 et 2100, par exemple 01/09/2026 : vérifiez l’année.';
    expect(
      schoolYearProblems({
        label: '1500-1501',
        startsOn: '1500-09-01',
        endsOn: '1501-07-01',
        rentreeWindowEndsOn: '1500-09-30',
      }),
    ).toEqual({ startsOn: range, endsOn: range });
    expect(schoolYearProblems({ ...year, endsOn: '2101-07-01' })).toEqual({ endsOn: range });
    expect(
      schoolYearProblems({
        label: '1999-2000',
        startsOn: '1999-09-01',
        endsOn: '2000-07-01',
        rentreeWindowEndsOn: '1999-09-30',
      }),
    ).toEqual({ startsOn: range });
    expect(
      schoolYearProblems({
        label: '2000-2001',
        startsOn: '2000-01-01',
        endsOn: '2000-07-01',
        rentreeWindowEndsOn: '2000-01-01',
      }),
    ).toEqual({});
    expect(
      schoolYearProblems({
        label: '2100',
        startsOn: '2100-09-01',
        endsOn: '2100-12-31',
        rentreeWindowEndsOn: '2100-09-30',
      }),
    ).toEqual({});
    // Far apart, the dates are refused at once, without counting every day between them.
    const started = performance.now();
    expect(schoolYearProblems({ ...year, endsOn: '9999-12-31' })).toEqual({ endsOn: range });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('keeps the rentrée window inside the year, both ends included', () => {
    expect(schoolYearProblems({ ...year, rentreeWindowEndsOn: '2026-09-01' })).toEqual({});
    expect(schoolYearProblems({ ...year, rentreeWindowEndsOn: '2027-07-02' })).toEqual({});
    expect(schoolYearProblems({ ...year, rentreeWindowEndsOn: '2026-08-31' })).toHaveProperty('rentreeWindowEndsOn');
    expect(schoolYearProblems({ ...year, rentreeWindowEndsOn: '2027-07-03' })).toHaveProperty('rentreeWindowEndsOn');
  });

  it('shares no day and no name with another year', () => {
    const next = {
      label: '2027-2028',
      startsOn: '2027-09-01',
      endsOn: '2028-07-04',
      rentreeWindowEndsOn: '2027-09-30',
    };
    expect(schoolYearProblems(year, [next])).toEqual({});
    expect(schoolYearProblems({ ...year, endsOn: '2027-09-01' }, [next])).toHaveProperty('startsOn');
    expect(
      schoolYearProblems({ ...next, startsOn: '2027-07-02', endsOn: '2028-06-30', rentreeWindowEndsOn: '2027-09-30' }, [
        year,
      ]),
    ).toHaveProperty('startsOn');
    expect(schoolYearProblems({ ...next, label: '2026-2027 ' }, [year])).toHaveProperty('label');
  });
});

describe('days off', () => {
  it('lists the public holidays a school year meets, across its two calendar years', () => {
    expect(publicHolidaysBetween('2026-09-01', '2027-07-02').map((holiday) => holiday.day)).toEqual([
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
      '2027-01-01',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-08',
      '2027-05-17',
    ]);
    expect(publicHolidaysBetween('2026-11-11', '2026-11-11')).toEqual([{ day: '2026-11-11', label: 'Armistice 1918' }]);
  });

  it('end on or after their first day, inclusive, within 120 days', () => {
    expect(periodProblems({ kind: 'fermeture', label: 'Pont', startsOn: '2026-11-10', endsOn: '2026-11-10' })).toEqual(
      {},
    );
    expect(
      periodProblems({ kind: 'fermeture', label: 'Pont', startsOn: '2026-11-10', endsOn: '2026-11-09' }),
    ).toHaveProperty('endsOn');
    expect(periodProblems({ kind: 'vacances', label: 'Été', startsOn: '2027-07-03', endsOn: '2027-10-30' })).toEqual(
      {},
    );
    expect(
      periodProblems({ kind: 'vacances', label: 'Été', startsOn: '2027-07-03', endsOn: '2027-10-31' }),
    ).toHaveProperty('endsOn');
    expect(
      periodProblems({ kind: 'vacances', label: '', startsOn: '2027-07-03', endsOn: '2027-07-04' }),
    ).toHaveProperty('label');
  });

  it('fall between 2000 and 2100, and a span to 9999 is refused at once', () => {
    const range = 'Indiquez une date entre 2000 et 2100, par exemple 01/09/2026 : vérifiez l’année.';
    expect(periodProblems({ kind: 'vacances', label: 'Été', startsOn: '1500-07-03', endsOn: '1500-08-31' })).toEqual({
      startsOn: range,
      endsOn: range,
    });
    expect(periodProblems({ kind: 'fermeture', label: 'Pont', startsOn: '2100-12-31', endsOn: '2101-01-01' })).toEqual({
      endsOn: range,
    });
    expect(periodProblems({ kind: 'fermeture', label: 'Pont', startsOn: '2000-01-01', endsOn: '2000-01-01' })).toEqual(
      {},
    );
    const started = performance.now();
    expect(periodProblems({ kind: 'vacances', label: 'Été', startsOn: '1000-01-01', endsOn: '9999-12-31' })).toEqual({
      startsOn: range,
      endsOn: range,
    });
    expect(
      periodProblems({ kind: 'vacances', label: 'Été', startsOn: '2000-01-01', endsOn: '2100-12-31' }),
    ).toHaveProperty('endsOn', 'Une période dure au plus 120 jours : vérifiez les dates.');
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('a holiday session', () => {
  const session = {
    name: 'Stage multisport',
    startsOn: '2026-12-21',
    endsOn: '2026-12-24',
    minAge: 6,
    maxAge: 11,
    places: 12,
    priceCents: 6000,
  };

  it('checks dates, ages, places and price', () => {
    expect(sessionProblems(session)).toEqual({});
    expect(sessionProblems({ ...session, endsOn: '2026-12-20' })).toHaveProperty('endsOn');
    expect(sessionProblems({ ...session, minAge: 12 })).toHaveProperty('maxAge');
    expect(sessionProblems({ ...session, maxAge: 26 })).toHaveProperty('maxAge');
    expect(sessionProblems({ ...session, places: 0 })).toHaveProperty('places');
    expect(sessionProblems({ ...session, priceCents: -1 })).toHaveProperty('priceCents');
  });

  it('takes its dates from 2000 to 2100, and still checks the rest', () => {
    const range = 'Indiquez une date entre 2000 et 2100, par exemple 01/09/2026 : vérifiez l’année.';
    expect(sessionProblems({ ...session, startsOn: '1500-12-21', endsOn: '1500-12-24', places: 0 })).toEqual({
      startsOn: range,
      endsOn: range,
      places: 'Indiquez un nombre de places de 1 à 10000.',
    });
    expect(sessionProblems({ ...session, endsOn: '9999-12-31' })).toEqual({ endsOn: range });
    expect(sessionProblems({ ...session, startsOn: '2100-12-30', endsOn: '2100-12-31' })).toEqual({});
  });

  it('never has fewer places than the places already booked', () => {
    expect(sessionProblems({ ...session, places: 8 }, 8)).toEqual({});
    expect(sessionProblems({ ...session, places: 7 }, 8).places).toBe(
      '8 places sont déjà réservées : le nombre de places ne peut pas descendre en dessous de 8. Pour en retirer, annulez d’abord des réservations.',
    );
    expect(sessionProblems({ ...session, places: 0 }, 1).places).toMatch(/^Indiquez/);
  });

  it('finds the school holidays that hold it, across touching periods', () => {
    const periods = [
      { kind: 'vacances' as const, label: 'Vacances de Noël', startsOn: '2026-12-19', endsOn: '2027-01-03' },
      { kind: 'fermeture' as const, label: 'Fermeture', startsOn: '2027-01-04', endsOn: '2027-01-05' },
      { kind: 'vacances' as const, label: 'Vacances d’hiver', startsOn: '2027-02-06', endsOn: '2027-02-14' },
      { kind: 'vacances' as const, label: 'Vacances d’hiver (suite)', startsOn: '2027-02-15', endsOn: '2027-02-21' },
    ];
    expect(holidaysHolding(session, periods)?.label).toBe('Vacances de Noël');
    expect(holidaysHolding({ startsOn: '2026-12-19', endsOn: '2027-01-03' }, periods)?.label).toBe('Vacances de Noël');
    expect(holidaysHolding({ startsOn: '2026-12-18', endsOn: '2026-12-22' }, periods)).toBeNull();
    expect(holidaysHolding({ startsOn: '2027-01-03', endsOn: '2027-01-04' }, periods)).toBeNull();
    expect(holidaysHolding({ startsOn: '2027-02-12', endsOn: '2027-02-17' }, periods)?.label).toBe('Vacances d’hiver');
  });
});
