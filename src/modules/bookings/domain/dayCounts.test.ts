import { describe, expect, it } from 'vitest';
import { absenceStands, type CountedChild, dayCounts } from './dayCounts.js';

const child = (overrides: Partial<CountedChild> = {}): CountedChild => ({
  diet: 'standard',
  pai: false,
  late: false,
  absence: null,
  mark: null,
  ...overrides,
});

describe('the counts of a day list', () => {
  it('counts a child whose absence stands out of the expected children, the meals, the PAI and the late bookings', () => {
    const counts = dayCounts([
      child({ diet: 'sans-porc', pai: true, late: true }),
      child({ absence: { justified: true }, pai: true, late: true }),
      child({ absence: { justified: false }, diet: 'vegetarien' }),
    ]);
    expect(counts).toEqual({
      expected: 1,
      absences: 2,
      late: 1,
      pai: 1,
      present: 0,
      absent: 0,
      diets: [{ label: 'Sans porc', count: 1 }],
    });
  });

  it('counts the pointage of every child marked, an absent child who came anyway included', () => {
    const counts = dayCounts([child({ mark: false }), child({ absence: { justified: false }, mark: true })]);
    expect([counts.expected, counts.absences, counts.present, counts.absent]).toEqual([1, 1, 1, 1]);
  });

  it('lets an absence stand while its report waits or once accepted, never once refused or withdrawn', () => {
    for (const status of ['deposee', 'en-cours', 'a-completer', 'acceptee', null])
      expect(absenceStands(status)).toBe(true);
    for (const status of ['refusee', 'annulee']) expect(absenceStands(status)).toBe(false);
  });
});
