import { describe, expect, it } from 'vitest';
import { billingSettingsProblems, boundsProblems, gridProblems, sessionPriceProblems } from './tariffs.js';

const ranks = [1, 2, 3];
const price = (bracketRank: number, priceCents: number, mealCents: number | null = null) => ({
  bracketRank,
  priceCents,
  mealCents,
});

describe('boundsProblems: the upper bounds of every bracket but the last', () => {
  it('takes 1 to 19 increasing whole euros up to 100 000', () => {
    expect(boundsProblems([400, 700, 1_000])).toEqual([]);
    expect(boundsProblems([0, 100_000])).toEqual([]);
    expect(boundsProblems([400, 400])).toEqual([{ problem: 'bounds-not-increasing' }]);
    expect(boundsProblems([700, 400])).toEqual([{ problem: 'bounds-not-increasing' }]);
    expect(boundsProblems(Array.from({ length: 20 }, (_, index) => index + 1))).toEqual([{ problem: 'bounds-count' }]);
    expect(boundsProblems([100_001])).toEqual([{ problem: 'bound-range' }]);
    expect(boundsProblems([1.5, 400])).toEqual([{ problem: 'bound-range' }]);
  });
});

describe('gridProblems: a price per bracket, from 0 to 1 000 €, the repas part within it', () => {
  it('says each wrong price by its bracket, and a bracket left out', () => {
    expect(gridProblems([price(1, 80, 50), price(2, 100_000), price(3, 0)], null, ranks)).toEqual([]);
    expect(gridProblems([price(1, -1), price(2, 100_001), price(3, 300, 301)], 100_001, ranks)).toEqual([
      { problem: 'non-resident-range' },
      { problem: 'price-range', bracketRank: 1 },
      { problem: 'price-range', bracketRank: 2 },
      { problem: 'meal-above-price', bracketRank: 3 },
    ]);
    expect(gridProblems([price(1, 80), price(2, 90)], 0, ranks)).toEqual([{ problem: 'bracket-unpriced' }]);
  });

  it('takes a session priced at every bracket or at none', () => {
    expect(sessionPriceProblems([], ranks)).toEqual([]);
    expect(sessionPriceProblems([price(1, 1_000), price(2, 2_000), price(3, 3_000)], ranks)).toEqual([]);
    expect(sessionPriceProblems([price(1, 1_000)], ranks)).toEqual([{ problem: 'session-partly-priced' }]);
    expect(sessionPriceProblems([price(1, 100_001)], ranks)).toEqual([{ problem: 'price-range', bracketRank: 1 }]);
  });
});

describe('billingSettingsProblems: the invoices’ dates and minimum', () => {
  it('takes a due date 1 to 120 days on, online payment closing by then, a minimum up to 1 000 €', () => {
    expect(billingSettingsProblems({ dueDays: 30, onlinePaymentDays: 30, minimumCents: 100_000 })).toEqual([]);
    expect(billingSettingsProblems({ dueDays: 0, onlinePaymentDays: 0, minimumCents: 0 })).toEqual([
      { problem: 'due-days-range' },
    ]);
    expect(billingSettingsProblems({ dueDays: 121, onlinePaymentDays: 10, minimumCents: -1 })).toEqual([
      { problem: 'due-days-range' },
      { problem: 'minimum-range' },
    ]);
    expect(billingSettingsProblems({ dueDays: 30, onlinePaymentDays: 31, minimumCents: 100_001 })).toEqual([
      { problem: 'online-after-due' },
      { problem: 'minimum-range' },
    ]);
  });
});
