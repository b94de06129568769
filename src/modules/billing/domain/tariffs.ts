/**
 * Price grids (BILLING.md, « Tariffs »): one per unit of a service, in effect from its first day until
 * the next grid of that unit starts. Grids are never edited, so a day priced once can be priced again
 * to the same cent.
 */
import type { LocalDay } from '../../../shared/localDays.js';

export interface GridPrice {
  bracketRank: number;
  priceCents: number;
  /** The « repas » part; the rest is « encadrement ». */
  mealCents: number | null;
}

export interface TariffGrid {
  id: string;
  serviceId: string;
  unit: string;
  startsOn: LocalDay;
  nonResidentCents: number | null;
  prices: GridPrice[];
}

/** The most a unit may cost, in cents (1 000 €): beyond is a typing error, not a tariff. */
export const MAX_UNIT_PRICE_CENTS = 100_000;

/** The grid of a service's unit in effect on a day: the latest one started on or before it. */
export function gridOn<G extends Pick<TariffGrid, 'serviceId' | 'unit' | 'startsOn'>>(
  day: LocalDay,
  serviceId: string,
  unit: string,
  grids: readonly G[],
): G | null {
  let found: G | null = null;
  for (const grid of grids) {
    if (grid.serviceId !== serviceId || grid.unit !== unit || grid.startsOn > day) continue;
    if (!found || grid.startsOn > found.startsOn) found = grid;
  }
  return found;
}

/** A price a grid may hold. */
export function isUnitPrice(cents: number): boolean {
  return Number.isSafeInteger(cents) && cents >= 0 && cents <= MAX_UNIT_PRICE_CENTS;
}

/**
 * What is wrong with a grid's prices, or null: one price per bracket, each a unit price, the repas part
 * within it. Codes, worded by the forms.
 */
export function gridPricesProblem(
  prices: readonly GridPrice[],
  bracketRanks: readonly number[],
): null | 'missing-bracket' | 'price-range' | 'meal-above-price' {
  const ranks = new Set(prices.map((price) => price.bracketRank));
  if (bracketRanks.some((rank) => !ranks.has(rank)) || ranks.size !== bracketRanks.length) return 'missing-bracket';
  for (const price of prices) {
    if (!isUnitPrice(price.priceCents)) return 'price-range';
    if (price.mealCents !== null && (!isUnitPrice(price.mealCents) || price.mealCents > price.priceCents))
      return 'meal-above-price';
  }
  return null;
}
