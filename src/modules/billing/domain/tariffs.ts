/**
 * Price grids (BILLING.md, « Tariffs »): one per unit of a service, in effect from its first day until
 * the next grid of that unit starts. Grids are never edited, so a day priced once can be priced again
 * to the same cent.
 */
import type { LocalDay } from '../../../shared/localDays.js';
import { type QfBracket, bracketsProblem } from './quotient.js';

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

/**
 * Why « Paramètres → Tarifs » refuses what was sent: a code, with what its wording needs. The services
 * answer with these; `http/agent/billingMessages.ts` says them in French beside their fields.
 */
export type TariffProblem =
  | { problem: 'bounds-not-increasing' }
  | { problem: 'bounds-count' }
  | { problem: 'bound-range' }
  /** Grids exist for this many brackets: their number no longer changes. */
  | { problem: 'brackets-fixed'; brackets: number }
  | { problem: 'unknown-unit' }
  | { problem: 'no-brackets' }
  | { problem: 'start-outside-calendar' }
  /** Another grid of the unit starts that day: the two periods would overlap. */
  | { problem: 'grid-starts-same-day' }
  | { problem: 'non-resident-range' }
  | { problem: 'price-range'; bracketRank: number }
  | { problem: 'meal-above-price'; bracketRank: number }
  | { problem: 'bracket-unpriced' }
  /** Some of a session's brackets priced, not all. */
  | { problem: 'session-partly-priced' }
  | { problem: 'due-days-range' }
  | { problem: 'online-after-due' }
  | { problem: 'minimum-range' };

/** What is wrong with a grid's prices: the non-resident price, each bracket's price and repas part, a bracket left out. */
export function gridProblems(
  prices: readonly GridPrice[],
  nonResidentCents: number | null,
  bracketRanks: readonly number[],
): TariffProblem[] {
  const problems: TariffProblem[] = [];
  if (nonResidentCents !== null && !isUnitPrice(nonResidentCents)) problems.push({ problem: 'non-resident-range' });
  for (const price of prices) {
    if (!isUnitPrice(price.priceCents)) problems.push({ problem: 'price-range', bracketRank: price.bracketRank });
    else if (price.mealCents !== null && price.mealCents > price.priceCents)
      problems.push({ problem: 'meal-above-price', bracketRank: price.bracketRank });
  }
  if (gridPricesProblem(prices, bracketRanks) === 'missing-bracket') problems.push({ problem: 'bracket-unpriced' });
  return problems;
}

/** What is wrong with a holiday session's prices: every bracket priced, or none (the session's own price then). */
export function sessionPriceProblems(prices: readonly GridPrice[], bracketRanks: readonly number[]): TariffProblem[] {
  const problems: TariffProblem[] = prices
    .filter((price) => !isUnitPrice(price.priceCents))
    .map((price) => ({ problem: 'price-range', bracketRank: price.bracketRank }));
  if (problems.length === 0 && prices.length > 0 && gridPricesProblem(prices, bracketRanks))
    problems.push({ problem: 'session-partly-priced' });
  return problems;
}

/** The invoices' dates and minimum: due within 1 to 120 days, online payment closing by then, a minimum up to 1 000 €. */
export function billingSettingsProblems(settings: {
  dueDays: number;
  onlinePaymentDays: number;
  minimumCents: number;
}): TariffProblem[] {
  const problems: TariffProblem[] = [];
  if (!Number.isSafeInteger(settings.dueDays) || settings.dueDays < 1 || settings.dueDays > 120)
    problems.push({ problem: 'due-days-range' });
  if (
    !Number.isSafeInteger(settings.onlinePaymentDays) ||
    settings.onlinePaymentDays < 0 ||
    settings.onlinePaymentDays > settings.dueDays
  )
    problems.push({ problem: 'online-after-due' });
  if (!Number.isSafeInteger(settings.minimumCents) || settings.minimumCents < 0 || settings.minimumCents > 100_000)
    problems.push({ problem: 'minimum-range' });
  return problems;
}

/** The brackets from their upper bounds in euros (the last one open). */
export function bracketsOf(bounds: readonly number[]): QfBracket[] {
  return [
    ...bounds.map((upperBound, index) => ({ rank: index + 1, upperBound })),
    { rank: bounds.length + 1, upperBound: null },
  ];
}

/** What is wrong with the brackets' upper bounds: increasing, 1 to 19 of them, whole euros up to 100 000. */
export function boundsProblems(bounds: readonly number[]): TariffProblem[] {
  const problem = bracketsProblem(bracketsOf(bounds));
  if (problem === 'not-increasing' || problem === 'bound-missing') return [{ problem: 'bounds-not-increasing' }];
  if (problem) return [{ problem: 'bounds-count' }];
  if (bounds.some((bound) => !Number.isSafeInteger(bound) || bound < 0 || bound > 100_000))
    return [{ problem: 'bound-range' }];
  return [];
}
