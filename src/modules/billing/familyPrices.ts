import type { Clock } from '../../platform/clock.js';
import { KeptCopies } from '../../platform/keptCopies.js';
import type { LocalDay } from '../../shared/localDays.js';
import type { CatalogueService } from '../services/domain/catalogueService.js';
import { describeMajoration, majorationAmount } from '../services/domain/majoration.js';
import { type PricedDay, type PricingContext, priceDay, priceSession } from './domain/pricing.js';
import type { QfBracket } from './domain/quotient.js';
import type { GridPrice } from './domain/tariffs.js';
import type { QuotientsRepository } from './quotientsRepository.js';
import type { StoredGrid, TariffsRepository } from './tariffsRepository.js';

/** A day's unit at the family's tariff, as the invoice will price it: the price, and the majoration if booked late. */
export interface FamilyUnitPrice {
  unitPriceCents: number;
  majorationCents: number;
  /** No QF valid that day, and a bracket priced it: the highest one. */
  withoutQf: boolean;
}

/** The prices a family reads before booking: the same rules the invoice run applies (billing/domain/pricing.ts). */
export interface FamilyPrices {
  unit(day: LocalDay, service: CatalogueService, unit: string, late: boolean): FamilyUnitPrice;
  /** A holiday session's place; its own price when the commune set no price per bracket. */
  session(sessionId: string, startsOn: LocalDay, ownPriceCents: number): FamilyUnitPrice;
}

/**
 * What a family will pay, read for the pages that offer a booking: a day of a service or a session
 * place, at the family's bracket on that day (the highest one without a valid QF), through the
 * commune's grids, or the service's own price when no grid prices it.
 */
export class FamilyPricesService {
  readonly #tariffs: KeptCopies<Promise<CommuneTariffs>>;

  constructor(private readonly deps: { tariffs: TariffsRepository; quotients: QuotientsRepository; clock: Clock }) {
    this.#tariffs = new KeptCopies(deps.clock, TARIFFS_MS, MAX_COMMUNES);
  }

  async ofFamily(communeId: string, familyId: string): Promise<FamilyPrices> {
    const [[brackets, grids, sessionPrices], { quotients, nonResident }] = await Promise.all([
      this.#tariffsOf(communeId),
      this.deps.quotients.pricingFacts(communeId, familyId),
    ]);
    const context: PricingContext = { brackets, quotients, nonResident };
    return pricesFor(context, grids, sessionPrices);
  }

  /**
   * The commune's brackets, grids and session tariffs, kept TARIFFS_MS per instance as its calendar and
   * services are (ADR 0003): four statements fewer on each calendar and summary page. A tariff changed
   * shows within that delay; a confirmation is priced again from its own reading, and a plan that
   * changed meanwhile is shown again before anything is written.
   */
  #tariffsOf(communeId: string): Promise<CommuneTariffs> {
    const { tariffs } = this.deps;
    return this.#tariffs.promised(communeId, () =>
      Promise.all([tariffs.brackets(communeId), tariffs.grids(communeId), tariffs.sessionPrices(communeId)]),
    );
  }
}

/** How long an instance keeps a commune's tariffs: as long as its settings, calendar and services (ADR 0003). */
const TARIFFS_MS = 10_000;
const MAX_COMMUNES = 2000;

type CommuneTariffs = [QfBracket[], StoredGrid[], ReadonlyMap<string, GridPrice[]>];

function pricesFor(
  context: PricingContext,
  grids: readonly StoredGrid[],
  sessionPrices: ReadonlyMap<string, GridPrice[]>,
): FamilyPrices {
  return {
    unit(day, service, code, late) {
      const ownCents = service.units.find((unit) => unit.code === code)?.priceCents ?? 0;
      const ownMajoration = majorationAmount(ownCents, service.majoration);
      const priced = priceDay({
        day,
        serviceId: service.id,
        unit: code,
        booked: {
          unitPriceCents: ownCents,
          late,
          majorationCents: late ? ownMajoration : 0,
          majorationRule: describeMajoration(service.majoration),
        },
        grids,
        majoration: {
          amountOf: (cents) => majorationAmount(cents, service.majoration),
          words: describeMajoration(service.majoration),
        },
        context,
      });
      return {
        unitPriceCents: priced.unitPriceCents,
        majorationCents: priced.majorationCents,
        withoutQf: byHighestBracket(priced),
      };
    },
    session(sessionId, startsOn, ownPriceCents) {
      const priced = priceSession({
        startsOn,
        booked: { unitPriceCents: ownPriceCents, late: false, majorationCents: 0, majorationRule: null },
        prices: sessionPrices.get(sessionId) ?? [],
        majoration: { amountOf: () => 0, words: '' },
        context,
      });
      return { unitPriceCents: priced.unitPriceCents, majorationCents: 0, withoutQf: byHighestBracket(priced) };
    },
  };
}

/** Priced by a bracket for want of a QF (not by the service's own price, nor the non-resident one). */
const byHighestBracket = (priced: PricedDay) =>
  priced.qfValue === null && priced.bracketRank !== null && !priced.nonResident;
