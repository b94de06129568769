/**
 * An invoice's lines as the family and the régie read them: grouped by child and service, each group
 * with its days, unit price and bracket; the invoice's total is the sum of its lines, in cents.
 */
import type { LocalDay } from '../../../shared/localDays.js';

export type InvoiceLineKindCode = 'jour' | 'annulation-tardive' | 'sans-reservation' | 'session';

export const LINE_KIND_LABELS: Record<InvoiceLineKindCode, string> = {
  jour: 'Jour réservé',
  'annulation-tardive': 'Annulation tardive',
  'sans-reservation': 'Présence sans réservation',
  session: 'Session vacances',
};

/** What the grouping needs of a line. */
export interface LineForGrouping {
  memberId: string;
  memberName: string;
  serviceId: string;
  serviceName: string;
  unitLabel: string;
  day: LocalDay;
  kind: InvoiceLineKindCode;
  unitPriceCents: number;
  majorationCents: number;
  majorationRule: string | null;
  bracketRank: number | null;
  qfValue: number | null;
  amountCents: number;
}

export interface LineGroup<L extends LineForGrouping> {
  memberId: string;
  memberName: string;
  serviceName: string;
  unitLabel: string;
  lines: L[];
  totalCents: number;
}

/** The sum of amounts, in integer cents. */
export function totalOf(lines: readonly { amountCents: number }[]): number {
  let total = 0;
  for (const line of lines) total += line.amountCents;
  if (!Number.isSafeInteger(total)) throw new RangeError('total out of range');
  return total;
}

/** Lines grouped by child, then service and unit, each group's days in order. */
export function groupLines<L extends LineForGrouping>(lines: readonly L[]): LineGroup<L>[] {
  const groups = new Map<string, LineGroup<L>>();
  const sorted = [...lines].sort(
    (a, b) =>
      a.memberName.localeCompare(b.memberName, 'fr') ||
      a.memberId.localeCompare(b.memberId) ||
      a.serviceName.localeCompare(b.serviceName, 'fr') ||
      a.unitLabel.localeCompare(b.unitLabel, 'fr') ||
      a.day.localeCompare(b.day),
  );
  for (const line of sorted) {
    const key = `${line.memberId}|${line.serviceId}|${line.unitLabel}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        memberId: line.memberId,
        memberName: line.memberName,
        serviceName: line.serviceName,
        unitLabel: line.unitLabel,
        lines: [],
        totalCents: 0,
      };
      groups.set(key, group);
    }
    group.lines.push(line);
    group.totalCents += line.amountCents;
  }
  return [...groups.values()];
}

/** « Pas de QF : tarif maximal » when a line was priced at the highest bracket for want of a QF. */
export const NO_QF_WORDS = 'QF non fourni : tarif maximal';
