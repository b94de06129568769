/**
 * Money is integer cents everywhere: prices, majorations and totals are added as integers, so no
 * amount ever drifts by a floating-point rounding. Only these functions turn cents into text.
 */
import { keptAnswers } from './keptAnswers.js';

const euroFormat = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

function assertCents(cents: number): void {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not an amount in cents: ${cents}`);
}

/** « 3,45 € », « 1 234,50 € »: the spaces are the no-break spaces Intl writes, so the amount never wraps. */
export function formatEuros(cents: number): string {
  assertCents(cents);
  return wordedEuros(cents);
}

// A calendar or a summary writes the same few prices on every cell, each a call to Intl.
const wordedEuros = keptAnswers((cents: number) => euroFormat.format(cents / 100), 4096);

/**
 * `basisPoints` (1 = 0.01 %, 5000 = 50 %) of an amount, rounded half up to the cent:
 * 50 % of 3,55 € is 1,78 €. Negative amounts round half away from zero, symmetric with the positive.
 */
export function percentOf(cents: number, basisPoints: number): number {
  assertCents(cents);
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) throw new RangeError(`not basis points: ${basisPoints}`);
  const sign = cents < 0 ? -1 : 1;
  const scaled = Math.abs(cents) * basisPoints;
  if (!Number.isSafeInteger(scaled)) throw new RangeError('amount too large');
  return sign * Math.floor((scaled + 5000) / 10000);
}

const euroInput = /^(\d{1,7})(?:[.,](\d{1,2}))?$/;

/**
 * Cents from an amount typed in euros (« 3,45 », « 3.45 », « 3 », an optional « € » and spaces):
 * null when it is not one. Used by the forms where the commune sets its prices.
 */
export function parseEuros(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '');
  const match = euroInput.exec(compact);
  if (!match) return null;
  const fraction = (match[2] ?? '').padEnd(2, '0');
  return Number(match[1]) * 100 + Number(fraction);
}

/** Euros as a form shows them back for editing: « 3,45 », without the currency sign. */
export function centsToEuroInput(cents: number): string {
  assertCents(cents);
  const sign = cents < 0 ? '-' : '';
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)},${String(absolute % 100).padStart(2, '0')}`;
}
