import { type LocalDay, addDays, compareDays, daysOfMonth, addMonths, monthOf } from '../../../shared/localDays.js';

export type ValidityKind = 'months' | 'school-year' | 'unlimited';

export interface Validity {
  validityKind: ValidityKind;
  validityMonths: number | null;
}

/** The last day of the school year a day belongs to: French school years end with August. */
export function schoolYearEnd(day: LocalDay): LocalDay {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return `${month >= 9 ? year + 1 : year}-08-31`;
}

/**
 * The last valid day the agent is offered when validating a document dated `from`: some months later
 * (the day before the same date, or the month's last day when it has none), the school year's end,
 * or none for a document valid for good.
 */
export function defaultValidUntil(validity: Validity, from: LocalDay): LocalDay | null {
  switch (validity.validityKind) {
    case 'unlimited':
      return null;
    case 'school-year':
      return schoolYearEnd(from);
    case 'months': {
      const month = addMonths(monthOf(from), validity.validityMonths ?? 3);
      const days = daysOfMonth(month);
      const sameDay = days.find((day) => day.slice(8) === from.slice(8)) ?? days[days.length - 1]!;
      return addDays(sameDay, -1);
    }
  }
}

export type StoredStatus = 'pending' | 'validated' | 'refused' | 'replaced';

/** What the family reads beside a type: « à fournir », « en attente de validation », « validée jusqu'au … », « refusée », « expirée ». */
export type DocumentState =
  | { state: 'to-provide' }
  | { state: 'pending' }
  | { state: 'validated'; validUntil: LocalDay | null }
  | { state: 'refused'; reason: string }
  | { state: 'expired'; validUntil: LocalDay };

export interface StoredDocumentState {
  status: StoredStatus;
  validUntil: LocalDay | null;
  refusalReason: string;
}

/** The state of the latest document sent for a type (none: « à fournir »), on a given day. */
export function stateOn(latest: StoredDocumentState | null, today: LocalDay): DocumentState {
  if (!latest || latest.status === 'replaced') return { state: 'to-provide' };
  switch (latest.status) {
    case 'pending':
      return { state: 'pending' };
    case 'refused':
      return { state: 'refused', reason: latest.refusalReason };
    case 'validated':
      return latest.validUntil !== null && compareDays(latest.validUntil, today) < 0
        ? { state: 'expired', validUntil: latest.validUntil }
        : { state: 'validated', validUntil: latest.validUntil };
  }
}

/** Whether a validated document can be reused for a request on `day` (« Dites-le-nous une fois »). */
export function isUsableOn(state: DocumentState): boolean {
  return state.state === 'validated';
}

export const REFUSED_KEEP_DAYS = 30;

/** When a document's files go: 30 days after a refusal or a replacement, some days after expiry. */
export function purgeDayOf(
  document: {
    status: StoredStatus;
    validUntil: LocalDay | null;
    decidedOn: LocalDay | null;
    replacedOn: LocalDay | null;
  },
  keepExpiredDays: number,
): LocalDay | null {
  if (document.status === 'replaced' && document.replacedOn) return addDays(document.replacedOn, REFUSED_KEEP_DAYS);
  if (document.status === 'refused' && document.decidedOn) return addDays(document.decidedOn, REFUSED_KEEP_DAYS);
  if (document.status === 'validated' && document.validUntil) return addDays(document.validUntil, keepExpiredDays + 1);
  return null;
}
