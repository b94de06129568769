/**
 * The quotient familial (QF) and its brackets (BILLING.md, « Tariffs »): a family's QF valid on a day
 * decides the bracket, hence the price, of that day. No valid QF ⇒ the highest bracket, as Paris's
 * « tarif 10 » and the reference systems do, and the line says so.
 */
import { type LocalDay, isCalendarDay } from '../../../shared/localDays.js';

/** A bracket: the QF values above the previous bound up to `upperBound` euros inclusive; the last has none. */
export interface QfBracket {
  rank: number;
  upperBound: number | null;
}

export type QuotientSourceCode = 'caf' | 'msa' | 'avis-imposition' | 'guichet';

export interface FamilyQuotient {
  value: number;
  source: QuotientSourceCode;
  validFrom: LocalDay;
  validTo: LocalDay;
  /** When it was entered: the latest entered wins on the days two cover. */
  enteredAt: Date;
}

export const QUOTIENT_SOURCE_LABELS: Record<QuotientSourceCode, string> = {
  caf: 'Attestation CAF',
  msa: 'Attestation MSA',
  'avis-imposition': "Avis d'imposition",
  guichet: 'Saisi par le guichet unique',
};

/** The QF that prices a day: among those whose validity covers it, the one entered last. */
export function quotientOn<Q extends FamilyQuotient>(day: LocalDay, quotients: readonly Q[]): Q | null {
  let found: Q | null = null;
  for (const quotient of quotients) {
    if (quotient.validFrom > day || day > quotient.validTo) continue;
    if (!found || quotient.enteredAt.getTime() > found.enteredAt.getTime()) found = quotient;
  }
  return found;
}

/**
 * Brackets in rank order are well formed when ranks run 1…n, every bound but the last is set and
 * strictly increasing, and the last is open. The problems are codes, worded by the forms.
 */
export function bracketsProblem(
  brackets: readonly QfBracket[],
): null | 'none' | 'too-many' | 'ranks' | 'bound-missing' | 'not-increasing' | 'last-bounded' {
  if (brackets.length === 0) return 'none';
  if (brackets.length > 20) return 'too-many';
  if (brackets.some((bracket, index) => bracket.rank !== index + 1)) return 'ranks';
  const last = brackets[brackets.length - 1]!;
  if (last.upperBound !== null) return 'last-bounded';
  let previous = -1;
  for (const bracket of brackets.slice(0, -1)) {
    if (bracket.upperBound === null) return 'bound-missing';
    if (bracket.upperBound <= previous) return 'not-increasing';
    previous = bracket.upperBound;
  }
  return null;
}

/** Why a QF entered at the guichet is refused; worded by `http/agent/billingMessages.ts`. */
export type QuotientProblem =
  | { problem: 'value-range' }
  | { problem: 'valid-from-outside-calendar' }
  | { problem: 'valid-to-outside-calendar' }
  | { problem: 'valid-to-before-from' };

/** What is wrong with a QF as entered: whole euros from 0 to 100 000, valid over days of the calendar, in order. */
export function quotientProblems(input: { value: number; validFrom: LocalDay; validTo: LocalDay }): QuotientProblem[] {
  const problems: QuotientProblem[] = [];
  if (!Number.isSafeInteger(input.value) || input.value < 0 || input.value > 100_000)
    problems.push({ problem: 'value-range' });
  if (!isCalendarDay(input.validFrom)) problems.push({ problem: 'valid-from-outside-calendar' });
  if (!isCalendarDay(input.validTo)) problems.push({ problem: 'valid-to-outside-calendar' });
  else if (isCalendarDay(input.validFrom) && input.validTo < input.validFrom)
    problems.push({ problem: 'valid-to-before-from' });
  return problems;
}

/** The highest bracket's rank: the one a family without a valid QF pays. */
export function highestRank(brackets: readonly QfBracket[]): number {
  return brackets.reduce((highest, bracket) => Math.max(highest, bracket.rank), 1);
}

/** The bracket of a QF value; null (no QF) gives the highest. */
export function bracketOf(value: number | null, brackets: readonly QfBracket[]): number {
  if (value === null) return highestRank(brackets);
  const sorted = [...brackets].sort((a, b) => a.rank - b.rank);
  for (const bracket of sorted) if (bracket.upperBound === null || value <= bracket.upperBound) return bracket.rank;
  return highestRank(brackets);
}

/** « Tranche 3 (de 601 à 900 €) », « Tranche 6 (plus de 1 500 €) », as families and agents read it. */
export function describeBracket(rank: number, brackets: readonly QfBracket[]): string {
  const sorted = [...brackets].sort((a, b) => a.rank - b.rank);
  const index = sorted.findIndex((bracket) => bracket.rank === rank);
  const bracket = sorted[index];
  if (!bracket) return `Tranche ${rank}`;
  const lower = index === 0 ? null : sorted[index - 1]!.upperBound;
  const euros = (value: number) => `${new Intl.NumberFormat('fr-FR').format(value)} €`;
  if (bracket.upperBound === null)
    return lower === null ? `Tranche ${rank}` : `Tranche ${rank} (plus de ${euros(lower)})`;
  if (lower === null) return `Tranche ${rank} (jusqu'à ${euros(bracket.upperBound)})`;
  return `Tranche ${rank} (de ${euros(lower + 1)} à ${euros(bracket.upperBound)})`;
}
