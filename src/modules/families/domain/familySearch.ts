/**
 * What the desk's « Familles » search reads in what was typed. Names, e-mails and the file number are matched
 * without accents or case by the database's `parvis_fold` (migration 0012); a phone number is matched on its
 * national digits, however it was written (« 06 12 34 56 78 », « 0612345678 », « +33 6 12 34 56 78 »), by
 * `parvis_phone_digits`, which this mirrors for the text typed.
 */

/** Fewer digits than this is not a phone number looked for: a « 7 » would find every family. */
export const MIN_PHONE_DIGITS = 4;

/** The national digits of a French phone number as typed; null when the text is not a phone number. */
export function phoneDigitsOf(text: string): string | null {
  const trimmed = text.trim();
  if (!/^[+\d][\d\s.\-/()]*$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  const national = digits.startsWith('0033')
    ? `0${digits.slice(4)}`
    : trimmed.startsWith('+33') || (digits.startsWith('33') && digits.length === 11)
      ? `0${digits.slice(2)}`
      : digits;
  return national.length >= MIN_PHONE_DIGITS ? national : null;
}

/** The text as a LIKE pattern's inside: its wildcard characters escaped, so that « 50% » looks for « 50% ». */
export function likeEscaped(text: string): string {
  return text.trim().replace(/[\\%_]/g, (c) => `\\${c}`);
}
