/**
 * The surcharge of a late booking (« majoration », PRODUCT.md): a percentage of the unit price or a
 * fixed amount per unit, as the commune sets it. The amount and the rule's wording are stored on
 * the booking as they were, so a later change of the rule never rewrites a past booking.
 */
import { keptAnswers } from '../../../shared/keptAnswers.js';
import { formatEuros, percentOf } from '../../../shared/money.js';

export type MajorationRule = { kind: 'percent'; basisPoints: number } | { kind: 'fixed'; cents: number };

/** The rule from the service's stored columns (basis points for a percentage, cents for a fixed amount). */
export function majorationRule(kind: 'percent' | 'fixed', value: number): MajorationRule {
  return kind === 'percent' ? { kind, basisPoints: value } : { kind, cents: value };
}

/** The majoration of one late unit, in cents; a percentage is rounded half up to the cent. */
export function majorationAmount(unitPriceCents: number, rule: MajorationRule): number {
  return rule.kind === 'percent' ? percentOf(unitPriceCents, rule.basisPoints) : rule.cents;
}

const percentFormat = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 2 });

// Each cell of a calendar or a summary words its service's rule, through Intl: a commune has a few rules.
const percentWording = keptAnswers((basisPoints: number) => `+${percentFormat.format(basisPoints / 10000)}`, 256);
const fixedWording = keptAnswers((cents: number) => `+${formatEuros(cents)}`, 256);

/** « +50 % », « +12,5 % », « +1,50 € »: the rule as families read it and as the booking keeps it. */
export function describeMajoration(rule: MajorationRule): string {
  return rule.kind === 'percent' ? percentWording(rule.basisPoints) : fixedWording(rule.cents);
}
