/**
 * A billable day's price, and everything that made it (BILLING.md, « Price at booking, freeze at
 * invoicing »): the QF valid that day and its source, the bracket, the grid, the unit price, the
 * majoration and its rule in words. The line keeps all of it, so the calculation can be shown again.
 */
import type { LocalDay } from '../../../shared/localDays.js';
import { type FamilyQuotient, type QfBracket, type QuotientSourceCode, bracketOf, quotientOn } from './quotient.js';
import { type GridPrice, type TariffGrid, gridOn } from './tariffs.js';

/** The surcharge of a late booking, as the service's rule computes it on a unit price. */
export interface Majoration {
  amountOf(unitPriceCents: number): number;
  /** « +50 % » */
  words: string;
}

/** What the booking recorded when it was made: its own price and majoration, used when no grid prices the day. */
export interface BookedPrice {
  unitPriceCents: number;
  late: boolean;
  majorationCents: number;
  majorationRule: string | null;
}

export interface PricingContext {
  brackets: readonly QfBracket[];
  quotients: readonly FamilyQuotient[];
  nonResident: boolean;
}

export interface PricedDay {
  gridId: string | null;
  /** The bracket whose price applied; null when the booking's own price stands. */
  bracketRank: number | null;
  qfValue: number | null;
  qfSource: QuotientSourceCode | null;
  nonResident: boolean;
  unitPriceCents: number;
  mealCents: number | null;
  majorationCents: number;
  majorationRule: string | null;
  amountCents: number;
}

/** The QF and bracket of a day: no valid QF ⇒ the highest bracket. */
export function bracketOn(day: LocalDay, context: PricingContext) {
  const quotient = quotientOn(day, context.quotients);
  return {
    bracketRank: bracketOf(quotient?.value ?? null, context.brackets),
    qfValue: quotient?.value ?? null,
    qfSource: quotient?.source ?? null,
  };
}

/**
 * One unit of a service on a day. A grid in effect sets the unit price (the non-resident price for a
 * family outside the commune, when the grid has one); without one, the price the booking recorded
 * stands. A late booking adds its majoration: the service's rule on the grid's price, or the amount the
 * booking recorded when the booking's own price stands.
 */
export function priceDay(input: {
  day: LocalDay;
  serviceId: string;
  unit: string;
  booked: BookedPrice;
  grids: readonly TariffGrid[];
  majoration: Majoration;
  context: PricingContext;
}): PricedDay {
  const { day, booked, context } = input;
  const qf = bracketOn(day, context);
  const grid = gridOn(day, input.serviceId, input.unit, input.grids);
  if (!grid) return fromBooking(qf, booked);
  const price = grid.prices.find((candidate) => candidate.bracketRank === qf.bracketRank) ?? null;
  return fromPrice(qf, grid.id, context.nonResident ? grid.nonResidentCents : null, price, booked, input.majoration);
}

/** A holiday session's place: its price at the family's bracket on the first day, else the session's own price. */
export function priceSession(input: {
  startsOn: LocalDay;
  booked: BookedPrice;
  prices: readonly GridPrice[];
  majoration: Majoration;
  context: PricingContext;
}): PricedDay {
  const qf = bracketOn(input.startsOn, input.context);
  const price = input.prices.find((candidate) => candidate.bracketRank === qf.bracketRank) ?? null;
  if (!price) return fromBooking(qf, input.booked);
  return fromPrice(qf, null, null, price, input.booked, input.majoration);
}

type DayQuotient = ReturnType<typeof bracketOn>;

/** The booking's own price: no bracket priced it, so none is written (the QF known that day still is). */
function fromBooking(qf: DayQuotient, booked: BookedPrice): PricedDay {
  const majorationCents = booked.late ? booked.majorationCents : 0;
  return {
    gridId: null,
    bracketRank: null,
    qfValue: qf.qfValue,
    qfSource: qf.qfSource,
    nonResident: false,
    unitPriceCents: booked.unitPriceCents,
    mealCents: null,
    majorationCents,
    majorationRule: majorationCents > 0 ? booked.majorationRule : null,
    amountCents: booked.unitPriceCents + majorationCents,
  };
}

function fromPrice(
  qf: DayQuotient,
  gridId: string | null,
  nonResidentCents: number | null,
  price: GridPrice | null,
  booked: BookedPrice,
  majoration: Majoration,
): PricedDay {
  // A grid missing the bracket cannot be saved; should one be read anyway, the booking's price stands.
  if (nonResidentCents === null && !price) {
    const fromBooked = fromBooking(qf, booked);
    fromBooked.gridId = gridId;
    return fromBooked;
  }
  const unitPriceCents = nonResidentCents ?? price!.priceCents;
  const mealCents = nonResidentCents === null ? price!.mealCents : null;
  const majorationCents = booked.late && booked.majorationCents > 0 ? majoration.amountOf(unitPriceCents) : 0;
  return {
    gridId,
    bracketRank: qf.bracketRank,
    qfValue: qf.qfValue,
    qfSource: qf.qfSource,
    nonResident: nonResidentCents !== null,
    unitPriceCents,
    mealCents,
    majorationCents,
    majorationRule: majorationCents > 0 ? majoration.words : null,
    amountCents: unitPriceCents + majorationCents,
  };
}
