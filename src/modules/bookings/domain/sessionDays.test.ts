import { describe, expect, it } from 'vitest';
import type { CalendarFacts } from '../../services/domain/schoolCalendar.js';
import { sessionDayOpening } from './sessionDays.js';

const periods: CalendarFacts['periods'] = [
  { kind: 'vacances', label: 'Vacances de Noël', startsOn: '2026-12-19', endsOn: '2027-01-03' },
  { kind: 'fermeture', label: 'Fermeture du centre de loisirs', startsOn: '2026-12-22', endsOn: '2026-12-22' },
];
const weekdays = { openWeekdays: [1, 2, 3, 4, 5] };

describe('the days a holiday session runs', () => {
  it('runs on its service’s weekdays during the school holidays, and after the school year', () => {
    expect(sessionDayOpening('2026-12-21', periods, weekdays)).toEqual({ open: true });
    expect(sessionDayOpening('2026-12-23', periods, weekdays)).toEqual({ open: true });
    // Summer sessions come after the school year's last day.
    expect(sessionDayOpening('2027-07-12', [], weekdays)).toEqual({ open: true });
  });

  it('does not run on a closure day, a public holiday or a day the service does not open', () => {
    expect(sessionDayOpening('2026-12-22', periods, weekdays)).toEqual({
      open: false,
      reason: 'fermeture',
      label: 'Fermeture du centre de loisirs',
    });
    expect(sessionDayOpening('2026-12-25', periods, weekdays)).toEqual({
      open: false,
      reason: 'ferie',
      label: 'Noël (jour férié)',
    });
    expect(sessionDayOpening('2027-07-14', [], weekdays)).toMatchObject({ open: false, reason: 'ferie' });
    expect(sessionDayOpening('2026-12-26', periods, weekdays)).toMatchObject({
      open: false,
      reason: 'jour-sans-accueil',
    });
    expect(sessionDayOpening('2026-12-23', periods, { openWeekdays: [1, 2] })).toMatchObject({
      open: false,
      reason: 'jour-sans-accueil',
    });
  });
});
