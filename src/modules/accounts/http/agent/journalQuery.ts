import { addDays, isLocalDay, localInstant } from '../../../../shared/localDays.js';
import { parseTypedDay } from '../../../../shared/typedDay.js';
import type { AuditQuery } from '../../../audit/auditLog.js';
import { auditActionWording } from './journalWording.js';

export const JOURNAL_PAGE_SIZE = 100;

const folded = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr-FR');

/** The codes whose French wording holds the text searched: « connexion » finds the logins as the page words them. */
function actionsWorded(text: string): string[] {
  const wanted = folded(text);
  return Object.entries(auditActionWording)
    .filter(([, wording]) => folded(wording).includes(wanted))
    .map(([action]) => action);
}

/** The kinds of acts the journal filters on, by the start of their action's name. */
export const journalActions: { value: string; label: string }[] = [
  { value: '', label: 'Toutes les actions' },
  { value: 'agent.login', label: 'Connexions des agents' },
  { value: 'agent.', label: 'Gestion des agents' },
  { value: 'citizen.login', label: 'Connexions des familles' },
  { value: 'citizen.', label: 'Comptes des familles' },
  { value: 'child-key.', label: 'Clés Enfance' },
];

export interface JournalFilters {
  /** As typed, to show them again in the form. */
  values: { texte: string; action: string; du: string; au: string };
  errors: Record<string, string>;
  query: AuditQuery;
  page: number;
}

const dateMessage = (which: string) => `La date ${which} doit être de la forme JJ/MM/AAAA, par exemple 02/11/2026.`;

/**
 * The journal's filters from the query string. A wrong date is said, not ignored: a reader who
 * believes the list is filtered when it is not would draw wrong conclusions.
 */
export function journalFilters(raw: Record<string, string | undefined>): JournalFilters {
  const values = {
    texte: (raw.texte ?? '').trim().slice(0, 100),
    action: journalActions.some((a) => a.value === raw.action) ? (raw.action ?? '') : '',
    du: (raw.du ?? '').trim(),
    au: (raw.au ?? '').trim(),
  };
  const errors: Record<string, string> = {};
  const from = values.du ? localMidnight(values.du) : null;
  const to = values.au ? localMidnight(values.au) : null;
  // « au » is inclusive: up to the next local midnight.
  const before = to ? localMidnight(values.au, 1) : null;
  if (values.du && !from) errors.du = dateMessage('de début');
  if (values.au && !to) errors.au = dateMessage('de fin');
  const page = Math.min(Math.max(Number.parseInt(raw.page ?? '1', 10) || 1, 1), 10_000);
  const query: AuditQuery = {
    ...(values.texte ? { text: values.texte, textActions: actionsWorded(values.texte) } : {}),
    ...(values.action ? { action: values.action } : {}),
    ...(from ? { from } : {}),
    ...(before ? { before } : {}),
    // One more than a page tells whether there is a next one.
    limit: JOURNAL_PAGE_SIZE + 1,
    offset: (page - 1) * JOURNAL_PAGE_SIZE,
  };
  return { values, errors, query, page };
}

/**
 * The instant the given day (JJ/MM/AAAA, or AAAA-MM-JJ from a date field) starts at the commune, plus
 * `days`; null when it is not a day (or the day after is past 9999). Midnight is never in a change of time in Paris (02:00 and 03:00).
 */
export function localMidnight(typed: string, days = 0): Date | null {
  const day = parseTypedDay(typed);
  if (day === null) return null;
  // The day after 31/12/9999 is past the calendar's years: no bound, rather than a wrong one.
  const shifted = addDays(day, days);
  return isLocalDay(shifted) ? localInstant(shifted, '00:00') : null;
}
