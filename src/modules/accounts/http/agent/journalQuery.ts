import { COMMUNE_TIME_ZONE } from '../../../../shared/dates.js';
import type { AuditQuery } from '../../../audit/auditLog.js';

export const JOURNAL_PAGE_SIZE = 100;

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
  if (values.du && !from) errors.du = dateMessage('de début');
  if (values.au && !to) errors.au = dateMessage('de fin');
  const page = Math.min(Math.max(Number.parseInt(raw.page ?? '1', 10) || 1, 1), 10_000);
  const query: AuditQuery = {
    ...(values.texte ? { text: values.texte } : {}),
    ...(values.action ? { action: values.action } : {}),
    ...(from ? { from } : {}),
    // « au » is inclusive: up to the next local midnight.
    ...(to ? { before: localMidnight(values.au, 1)! } : {}),
    // One more than a page tells whether there is a next one.
    limit: JOURNAL_PAGE_SIZE + 1,
    offset: (page - 1) * JOURNAL_PAGE_SIZE,
  };
  return { values, errors, query, page };
}

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: COMMUNE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The instant the given day (JJ/MM/AAAA, or AAAA-MM-JJ from a date field) starts at the commune, plus `days`. */
export function localMidnight(day: string, days = 0): Date | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(day) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [y, m, d] = day.includes('/') ? [match[3], match[2], match[1]].map(Number) : [match[1], match[2], match[3]].map(Number);
  const wall = Date.UTC(y!, m! - 1, d! + days);
  const check = new Date(Date.UTC(y!, m! - 1, d!));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m! - 1 || check.getUTCDate() !== d) return null;
  // The wall time read as UTC, minus the zone's offset then; twice, in case the offset changes in between.
  let instant = wall - offsetAt(wall);
  instant = wall - offsetAt(instant);
  return new Date(instant);
}

function offsetAt(instant: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}
