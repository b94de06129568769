import { describe, expect, it } from 'vitest';
import { dayOpening, inSchoolYear, periodOn, type CalendarFacts, type ServiceOpening } from './schoolCalendar.js';

// School year 2026-2027, zone C, with two closures of the commune.
const facts: CalendarFacts = {
  year: { startsOn: '2026-09-01', endsOn: '2027-07-03', rentreeWindowEndsOn: '2026-09-30' },
  periods: [
    { kind: 'vacances', label: 'Vacances de la Toussaint', startsOn: '2026-10-17', endsOn: '2026-11-01' },
    { kind: 'vacances', label: 'Vacances de Noël', startsOn: '2026-12-19', endsOn: '2027-01-03' },
    { kind: 'fermeture', label: 'Fermeture exceptionnelle', startsOn: '2026-11-12', endsOn: '2026-11-13' },
    { kind: 'fermeture', label: "Pont de l'Ascension", startsOn: '2027-05-07', endsOn: '2027-05-07' },
    { kind: 'fermeture', label: 'Travaux du centre', startsOn: '2026-12-21', endsOn: '2026-12-23' },
  ],
};

const canteen: ServiceOpening = { openWeekdays: [1, 2, 4, 5], schoolPeriodsOnly: true };
const wednesdays: ServiceOpening = { openWeekdays: [3], schoolPeriodsOnly: true };
const everyDay: ServiceOpening = { openWeekdays: [1, 2, 3, 4, 5, 6, 7], schoolPeriodsOnly: true };
const allYear: ServiceOpening = { openWeekdays: [1, 2, 3, 4, 5], schoolPeriodsOnly: false };

describe('dayOpening', () => {
  it('opens a service on its weekdays in school periods', () => {
    expect(dayOpening('2026-11-17', facts, canteen)).toEqual({ open: true });
    expect(dayOpening('2026-11-18', facts, wednesdays)).toEqual({ open: true });
  });

  it('closes on a weekday without service', () => {
    expect(dayOpening('2026-11-18', facts, canteen)).toEqual({
      open: false,
      reason: 'jour-sans-accueil',
      label: "Pas d'accueil ce jour-là",
    });
    expect(dayOpening('2026-11-21', facts, canteen)).toMatchObject({ open: false, reason: 'jour-sans-accueil' });
    expect(dayOpening('2026-11-17', facts, wednesdays)).toMatchObject({ open: false, reason: 'jour-sans-accueil' });
  });

  it('closes in school holidays only the services of school periods, from the first to the last day', () => {
    expect(dayOpening('2026-12-18', facts, everyDay)).toEqual({ open: true });
    expect(dayOpening('2026-12-19', facts, everyDay)).toEqual({
      open: false,
      reason: 'vacances',
      label: 'Vacances de Noël',
    });
    expect(dayOpening('2027-01-03', facts, everyDay)).toEqual({
      open: false,
      reason: 'vacances',
      label: 'Vacances de Noël',
    });
    expect(dayOpening('2027-01-04', facts, everyDay)).toEqual({ open: true });
    expect(dayOpening('2026-10-20', facts, canteen)).toMatchObject({
      open: false,
      reason: 'vacances',
      label: 'Vacances de la Toussaint',
    });
    expect(dayOpening('2026-10-21', facts, wednesdays)).toMatchObject({ open: false, reason: 'vacances' });
    expect(dayOpening('2026-10-20', facts, allYear)).toEqual({ open: true });
    expect(dayOpening('2026-12-24', facts, allYear)).toEqual({ open: true });
  });

  it('closes on a public holiday, whatever the service', () => {
    expect(dayOpening('2026-11-11', facts, wednesdays)).toEqual({
      open: false,
      reason: 'ferie',
      label: 'Armistice 1918 (jour férié)',
    });
    expect(dayOpening('2027-05-06', facts, canteen)).toMatchObject({
      open: false,
      reason: 'ferie',
      label: 'Ascension (jour férié)',
    });
    expect(dayOpening('2027-03-29', facts, canteen)).toMatchObject({
      open: false,
      reason: 'ferie',
      label: 'Lundi de Pâques (jour férié)',
    });
    expect(dayOpening('2027-05-17', facts, allYear)).toMatchObject({
      open: false,
      reason: 'ferie',
      label: 'Lundi de Pentecôte (jour férié)',
    });
    // Inside the holidays, the public holiday is the reason given.
    expect(dayOpening('2026-12-25', facts, everyDay)).toMatchObject({
      open: false,
      reason: 'ferie',
      label: 'Noël (jour férié)',
    });
  });

  it('closes on the commune’s closure days, first and last included, for every service', () => {
    expect(dayOpening('2026-11-10', facts, canteen)).toEqual({ open: true });
    expect(dayOpening('2026-11-12', facts, canteen)).toEqual({
      open: false,
      reason: 'fermeture',
      label: 'Fermeture exceptionnelle',
    });
    expect(dayOpening('2026-11-13', facts, canteen)).toEqual({
      open: false,
      reason: 'fermeture',
      label: 'Fermeture exceptionnelle',
    });
    expect(dayOpening('2026-11-16', facts, canteen)).toEqual({ open: true });
    expect(dayOpening('2027-05-07', facts, allYear)).toMatchObject({
      open: false,
      reason: 'fermeture',
      label: "Pont de l'Ascension",
    });
    // A closure inside the holidays is said as the closure.
    expect(dayOpening('2026-12-22', facts, allYear)).toMatchObject({
      open: false,
      reason: 'fermeture',
      label: 'Travaux du centre',
    });
    expect(dayOpening('2026-12-22', facts, canteen)).toMatchObject({ open: false, reason: 'fermeture' });
  });

  it('closes outside the school year, its first and last days included in it', () => {
    expect(dayOpening('2026-08-31', facts, allYear)).toEqual({
      open: false,
      reason: 'hors-annee',
      label: 'Hors année scolaire',
    });
    expect(dayOpening('2026-09-01', facts, canteen)).toEqual({ open: true });
    expect(dayOpening('2027-07-03', facts, everyDay)).toEqual({ open: true });
    expect(dayOpening('2027-07-04', facts, everyDay)).toMatchObject({ open: false, reason: 'hors-annee' });
    expect(inSchoolYear('2027-07-03', facts)).toBe(true);
    expect(inSchoolYear('2027-07-04', facts)).toBe(false);
  });

  it('finds the period of a kind covering a day', () => {
    expect(periodOn('2026-10-17', facts, 'vacances')?.label).toBe('Vacances de la Toussaint');
    expect(periodOn('2026-10-17', facts, 'fermeture')).toBeNull();
    expect(periodOn('2026-10-16', facts, 'vacances')).toBeNull();
  });
});
