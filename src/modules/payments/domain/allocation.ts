import { refused, type Outcome, type Refused } from '../../../shared/outcome.js';

/**
 * How a payment is spread over a family's open invoices. What is allocated to an invoice never
 * exceeds what is left to pay on it. A payment over what the chosen invoices leave to pay is refused,
 * unless the agent says the remainder is the family's credit (`remainderToCredit`): money received is
 * never lost, but it is never kept by a slip of the keyboard either. The database checks the rules
 * again, under the invoice's lock (migrations 0006 and 0010, ADR 0014): this function is what the form
 * answers with, the trigger what holds.
 */

/** The largest payment the guichet records at once: 100 000 €. Anything above is a slip of the keyboard. */
export const MAX_PAYMENT_CENTS = 10_000_000;

export interface OpenInvoice {
  id: string;
  /** The day the invoice was issued, 'YYYY-MM-DD': the oldest is paid first. */
  issuedOn: string;
  /** Its number, which breaks ties between invoices issued the same day (numbers grow with issue). */
  number: string;
  leftToPayCents: number;
}

export interface Allocation {
  invoiceId: string;
  amountCents: number;
}

export type AllocationRefusal =
  | Refused<'amount-not-positive'>
  | Refused<'amount-too-large'>
  | Refused<'over-balance', { balanceCents: number }>
  | Refused<'unknown-invoice', { invoiceId: string }>
  | Refused<'over-left-to-pay', { invoiceId: string; leftToPayCents: number }>
  | Refused<'allocations-do-not-add-up', { allocatedCents: number }>;

export type AllocationOutcome = Outcome<{ allocations: Allocation[] }, AllocationRefusal>;

/** The invoices in the order they are paid: issued first, then by number. */
export function oldestFirst<T extends Pick<OpenInvoice, 'issuedOn' | 'number'>>(invoices: readonly T[]): T[] {
  return [...invoices].sort((a, b) =>
    a.issuedOn !== b.issuedOn
      ? a.issuedOn < b.issuedOn
        ? -1
        : 1
      : a.number < b.number
        ? -1
        : a.number > b.number
          ? 1
          : 0,
  );
}

function checkAmount(amountCents: number): AllocationRefusal | null {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return refused('amount-not-positive');
  if (amountCents > MAX_PAYMENT_CENTS) return refused('amount-too-large');
  return null;
}

/** The family's balance: what its open invoices leave to pay. */
export function balanceOf(invoices: readonly Pick<OpenInvoice, 'leftToPayCents'>[]): number {
  return invoices.reduce((sum, invoice) => sum + Math.max(0, invoice.leftToPayCents), 0);
}

/** The default: the amount goes to the oldest invoice until it is paid, then to the next. */
export function allocateOldestFirst(
  amountCents: number,
  invoices: readonly OpenInvoice[],
  remainderToCredit = false,
): AllocationOutcome {
  const wrong = checkAmount(amountCents);
  if (wrong) return wrong;
  const balanceCents = balanceOf(invoices);
  if (amountCents > balanceCents && !remainderToCredit) return refused('over-balance', { balanceCents });
  const allocations: Allocation[] = [];
  let rest = amountCents;
  for (const invoice of oldestFirst(invoices)) {
    if (rest === 0) break;
    const share = Math.min(rest, invoice.leftToPayCents);
    if (share <= 0) continue;
    allocations.push({ invoiceId: invoice.id, amountCents: share });
    rest -= share;
  }
  return { ok: true, allocations };
}

/**
 * The agent's own split: each share within what its invoice leaves to pay, the shares adding up to the
 * payment (or to less, the rest being credit, with `remainderToCredit`). Zero shares are dropped; the
 * allocations come back oldest first.
 */
export function checkAllocations(
  amountCents: number,
  requested: readonly Allocation[],
  invoices: readonly OpenInvoice[],
  remainderToCredit = false,
): AllocationOutcome {
  const wrong = checkAmount(amountCents);
  if (wrong) return wrong;
  const byId = new Map(invoices.map((invoice) => [invoice.id, invoice]));
  const shares = new Map<string, number>();
  for (const { invoiceId, amountCents: share } of requested) {
    const invoice = byId.get(invoiceId);
    if (!invoice || shares.has(invoiceId)) return refused('unknown-invoice', { invoiceId });
    if (!Number.isSafeInteger(share) || share < 0) return refused('amount-not-positive');
    if (share > invoice.leftToPayCents) {
      return refused('over-left-to-pay', { invoiceId, leftToPayCents: invoice.leftToPayCents });
    }
    shares.set(invoiceId, share);
  }
  const allocatedCents = [...shares.values()].reduce((sum, share) => sum + share, 0);
  if (allocatedCents > amountCents || (allocatedCents < amountCents && !remainderToCredit)) {
    return refused('allocations-do-not-add-up', { allocatedCents });
  }
  const allocations = oldestFirst(invoices)
    .filter((invoice) => (shares.get(invoice.id) ?? 0) > 0)
    .map((invoice) => ({ invoiceId: invoice.id, amountCents: shares.get(invoice.id)! }));
  return { ok: true, allocations };
}
