/**
 * A day as a person types it in a form: JJ/MM/AAAA (« 2/11/2026 » too), or AAAA-MM-JJ as a browser's
 * date picker sends it. Every form and filter that asks for a day reads it here, so they all accept
 * the same writings and refuse the same days.
 */
import { isLocalDay, type LocalDay } from './localDays.js';

const frenchDay = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * The text with a JJ/MM/AAAA day rewritten AAAA-MM-JJ, trimmed; any other text trimmed only. Whether
 * the day exists is not checked: for a form whose schema says what is wrong with it.
 */
export function typedDayText(typed: string): string {
  const text = typed.trim();
  const match = frenchDay.exec(text);
  return match ? `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}` : text;
}

/** The day typed, or null when the text is not a day that exists (31/02/2026, 1/1/26, « demain »). */
export function parseTypedDay(typed: string): LocalDay | null {
  const day = typedDayText(typed);
  return isLocalDay(day) ? day : null;
}
