/**
 * Invoice and credit-note numbers (BILLING.md, « Drafts have no number »): one series per commune, kind
 * and year, taken at issue from a counter locked by the issuing transaction, so gapless and in order.
 * Both fit the 20 characters PES V2's `NumeroFacture` allows.
 */
export const MAX_SEQUENCE = 999_999;

function sequence(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1 || n > MAX_SEQUENCE) throw new RangeError(`not a sequence number: ${n}`);
  return String(n).padStart(6, '0');
}

/** « 2027-000123 » */
export function invoiceNumber(year: number, n: number): string {
  return `${year}-${sequence(n)}`;
}

/** « AV-2027-000012 » */
export function creditNoteNumber(year: number, n: number): string {
  return `AV-${year}-${sequence(n)}`;
}
