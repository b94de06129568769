import { describe, expect, it } from 'vitest';
import type { CalendarFacts } from '../../services/domain/schoolCalendar.js';
import { expandWeekPattern, type PatternService, type WeekPattern } from './weekPattern.js';

const facts: CalendarFacts = {
  year: { startsOn: '2026-09-01', endsOn: '2027-07-03', rentreeWindowEndsOn: '2026-09-30' },
  periods: [
    { kind: 'vacances', label: 'Vacances de la Toussaint', startsOn: '2026-10-17', endsOn: '2026-11-01' },
    { kind: 'fermeture', label: 'Fermeture exceptionnelle', startsOn: '2026-11-12', endsOn: '2026-11-13' },
  ],
};
const services = new Map<string, PatternService>([
  ['canteen', { opening: { openWeekdays: [1, 2, 4, 5], schoolPeriodsOnly: true }, units: [{ code: 'jour' }] }],
  [
    'wednesday',
    { opening: { openWeekdays: [3], schoolPeriodsOnly: true }, units: [{ code: 'journee' }, { code: 'matin' }] },
  ],
]);

describe('expandWeekPattern', () => {
  it('books every Monday and Thursday of October on open days, skipping the holidays', () => {
    const pattern: WeekPattern = new Map([
      [1, new Set(['canteen'])],
      [4, new Set(['canteen'])],
    ]);
    const cells = expandWeekPattern({ from: '2026-10-01', to: '2026-10-31', pattern, facts, services });
    expect(cells.map((cell) => cell.day)).toEqual([
      '2026-10-01',
      '2026-10-05',
      '2026-10-08',
      '2026-10-12',
      '2026-10-15',
    ]);
    expect(cells.every((cell) => cell.serviceId === 'canteen' && cell.unit === 'jour')).toBe(true);
  });

  it('books November over a public holiday and a closure, with the unit chosen per service', () => {
    const pattern: WeekPattern = new Map<number, ReadonlyMap<string, string | null>>([
      [3, new Map([['wednesday', 'matin']])],
      [4, new Map([['canteen', 'jour']])],
      [5, new Map([['canteen', null]])],
    ]);
    const cells = expandWeekPattern({ from: '2026-11-01', to: '2026-11-30', pattern, facts, services });
    expect(cells).toEqual([
      { day: '2026-11-04', serviceId: 'wednesday', unit: 'matin' },
      { day: '2026-11-05', serviceId: 'canteen', unit: 'jour' },
      { day: '2026-11-06', serviceId: 'canteen', unit: null },
      // 11 Nov is a public holiday, 12 and 13 Nov are closed.
      { day: '2026-11-18', serviceId: 'wednesday', unit: 'matin' },
      { day: '2026-11-19', serviceId: 'canteen', unit: 'jour' },
      { day: '2026-11-20', serviceId: 'canteen', unit: null },
      { day: '2026-11-25', serviceId: 'wednesday', unit: 'matin' },
      { day: '2026-11-26', serviceId: 'canteen', unit: 'jour' },
      { day: '2026-11-27', serviceId: 'canteen', unit: null },
    ]);
  });

  it('gives nothing for a service on a weekday it does not open, an unknown service or a weekday left out', () => {
    const pattern: WeekPattern = new Map([
      [3, new Set(['canteen', 'morning'])],
      [6, new Set(['wednesday'])],
    ]);
    expect(expandWeekPattern({ from: '2026-11-01', to: '2026-11-30', pattern, facts, services })).toEqual([]);
  });

  it('stays inside the period and the school year', () => {
    const pattern: WeekPattern = new Map([[2, new Set(['canteen'])]]);
    expect(
      expandWeekPattern({ from: '2026-08-25', to: '2026-09-08', pattern, facts, services }).map((cell) => cell.day),
    ).toEqual(['2026-09-01', '2026-09-08']);
    expect(expandWeekPattern({ from: '2026-09-09', to: '2026-09-08', pattern, facts, services })).toEqual([]);
  });
});
