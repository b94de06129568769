import { describe, expect, it } from 'vitest';
import { invoiceNumber, creditNoteNumber } from './numbering.js';
import { priceDay } from './pricing.js';
import { gridOn } from './tariffs.js';

const brackets = [
  { rank: 1, upperBound: 500 },
  { rank: 2, upperBound: null },
];
const grid = (startsOn: string, prices: [number, number], nonResidentCents: number | null = null) => ({
  id: `grid-${startsOn}`,
  serviceId: 'cantine',
  unit: 'jour',
  startsOn,
  nonResidentCents,
  prices: [
    { bracketRank: 1, priceCents: prices[0], mealCents: 50 },
    { bracketRank: 2, priceCents: prices[1], mealCents: null },
  ],
});
const halfMore = { amountOf: (cents: number) => Math.floor((cents * 5000 + 5000) / 10000), words: '+50 %' };
const booked = { unitPriceCents: 355, late: false, majorationCents: 0, majorationRule: null };
const quotient = {
  value: 420,
  source: 'caf' as const,
  validFrom: '2026-09-01',
  validTo: '2027-08-31',
  enteredAt: new Date(0),
};

describe('a day’s price', () => {
  it('uses the grid started on or before the day, the new one from its first day', () => {
    const grids = [grid('2026-09-01', [100, 300]), grid('2027-01-01', [120, 330])];
    expect(gridOn('2026-12-31', 'cantine', 'jour', grids)?.startsOn).toBe('2026-09-01');
    expect(gridOn('2027-01-01', 'cantine', 'jour', grids)?.startsOn).toBe('2027-01-01');
    expect(gridOn('2026-08-31', 'cantine', 'jour', grids)).toBeNull();
  });

  it('prices at the bracket of the QF valid that day, the highest without one, and adds the majoration of a late booking', () => {
    const input = {
      day: '2026-11-17',
      serviceId: 'cantine',
      unit: 'jour',
      grids: [grid('2026-09-01', [100, 300])],
      majoration: halfMore,
    };
    expect(
      priceDay({ ...input, booked, context: { brackets, quotients: [quotient], nonResident: false } }),
    ).toMatchObject({
      bracketRank: 1,
      qfValue: 420,
      unitPriceCents: 100,
      mealCents: 50,
      majorationCents: 0,
      amountCents: 100,
    });
    const late = { ...booked, late: true, majorationCents: 178, majorationRule: '+50 %' };
    expect(
      priceDay({ ...input, booked: late, context: { brackets, quotients: [], nonResident: false } }),
    ).toMatchObject({
      bracketRank: 2,
      qfValue: null,
      unitPriceCents: 300,
      majorationCents: 150,
      majorationRule: '+50 %',
      amountCents: 450,
    });
  });

  it('applies the non-resident price when the grid has one, and the booking’s own price without a grid', () => {
    const input = { day: '2026-11-17', serviceId: 'cantine', unit: 'jour', majoration: halfMore, booked };
    const context = { brackets, quotients: [quotient], nonResident: true };
    expect(priceDay({ ...input, grids: [grid('2026-09-01', [100, 300], 787)], context })).toMatchObject({
      nonResident: true,
      unitPriceCents: 787,
      amountCents: 787,
    });
    expect(priceDay({ ...input, grids: [], context })).toMatchObject({
      gridId: null,
      bracketRank: null,
      amountCents: 355,
    });
  });
});

describe('numbers', () => {
  it('are six digits after the year, in their own series for credit notes, and fit PES V2’s 20 characters', () => {
    expect(invoiceNumber(2027, 123)).toBe('2027-000123');
    expect(creditNoteNumber(2027, 12)).toBe('AV-2027-000012');
    expect(creditNoteNumber(2027, 999_999).length).toBeLessThanOrEqual(20);
    expect(() => invoiceNumber(2027, 0)).toThrow(RangeError);
    expect(() => invoiceNumber(2027, 1_000_000)).toThrow(RangeError);
  });
});
