/**
 * The attestation fiscale (BILLING.md, CGI art. 200 quater B; ADR 0018): for a calendar year and a child
 * under 6 on 1 January of that year, what the family paid that year for care only. Paid means the
 * allocations of the payments received that year and not cancelled; each allocation is spread over its
 * invoice's lines pro rata of what they leave to pay after credit notes, by largest remainder, so the
 * care it counts never exceeds what was paid. Of a line, care is the unit price less its « repas » part,
 * times the quantity: never the food, never a majoration (a late booking's penalty), never a late
 * cancellation (a day billed for an absence), never a lunch whose line does not separate the
 * supervision from the meal. The 3 500 € ceiling is the family's to apply on its tax return.
 */
import { ageOnDay, type LocalDay } from '../../../shared/localDays.js';
import type { PaymentMeans } from './paymentMeans.js';

export type AttestationServiceKind = 'matin' | 'soir' | 'restauration' | 'mercredi' | 'vacances';
export type AttestationLineKind = 'jour' | 'annulation-tardive' | 'sans-reservation' | 'session';

/** What the rule needs of an invoice line. */
export interface AttestationLine {
  memberId: string;
  /** The kind of the service billed; null when the service is gone (its lines then count as care). */
  serviceKind: AttestationServiceKind | null;
  kind: AttestationLineKind;
  quantity: number;
  unitPriceCents: number;
  /** The « repas » part of the unit price, when the grid separates it. */
  mealCents: number | null;
  majorationCents: number;
  amountCents: number;
  /** What credit notes gave back on this line. */
  creditedCents: number;
}

export interface AttestationInvoice {
  id: string;
  lines: readonly AttestationLine[];
}

export interface AttestationPayment {
  receivedOn: LocalDay;
  cancelled: boolean;
  means: PaymentMeans;
  allocations: readonly { invoiceId: string; amountCents: number }[];
}

export type AttestationOutcome =
  | { eligible: false; reason: 'not-under-six' }
  /** `cesuCents`: the part of `paidCents` paid with CESU, an aid when the employer financed it. */
  | { eligible: true; paidCents: number; cesuCents: number };

/**
 * Under 6 on 1 January of the year: a child turning 6 during the year still counts that year, and so
 * does a child born during it; a child born after it has nothing to attest for it.
 */
export function isUnderSixOnFirstJanuary(birthDate: LocalDay, year: number): boolean {
  const yyyy = String(year).padStart(4, '0');
  const firstJanuary = `${yyyy}-01-01`;
  if (birthDate > `${yyyy}-12-31`) return false;
  return birthDate <= firstJanuary ? ageOnDay(birthDate, firstJanuary) < 6 : true;
}

/** The care in a line before credit notes, in cents: what of it pays for a child being looked after. */
export function careCentsOfLine(line: AttestationLine): number {
  if (line.kind === 'annulation-tardive') return 0;
  if (line.serviceKind === 'restauration' && line.mealCents === null) return 0;
  return line.quantity * (line.unitPriceCents - (line.mealCents ?? 0));
}

/**
 * The care left in a line after its credit notes: the credit takes care and the rest pro rata, rounded
 * down, so a credited line never counts more care than it still bills.
 */
export function netCareCentsOfLine(line: AttestationLine): number {
  const care = careCentsOfLine(line);
  if (line.creditedCents <= 0 || line.amountCents <= 0) return care;
  const net = Math.max(0, line.amountCents - line.creditedCents);
  return Math.floor((care * net) / line.amountCents);
}

/**
 * Splits `amount` over weights in integer cents by largest remainder: each share is its floor, and the
 * cents left go one each to the largest remainders, ties to the earliest weight. The shares add up to
 * `amount` exactly, whatever the weights; all zero weights give nothing.
 */
export function spreadByLargestRemainder(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (amount <= 0 || total <= 0) return weights.map(() => 0);
  const shares = weights.map((weight) => Math.floor((amount * weight) / total));
  const remainders = weights.map((weight, index) => ({ index, remainder: (amount * weight) % total }));
  let left = amount - shares.reduce((sum, share) => sum + share, 0);
  remainders.sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of remainders) {
    if (left === 0) break;
    shares[index]! += 1;
    left -= 1;
  }
  return shares;
}

/**
 * The care of `memberId` an allocation pays: the allocation spread over its invoice's net amount,
 * split into the child's care and everything else (other children, food, majorations, late
 * cancellations), by largest remainder.
 */
export function careOfAllocation(invoice: AttestationInvoice, memberId: string, allocatedCents: number): number {
  let childCare = 0;
  let net = 0;
  for (const line of invoice.lines) {
    net += Math.max(0, line.amountCents - line.creditedCents);
    if (line.memberId === memberId) childCare += netCareCentsOfLine(line);
  }
  const [care] = spreadByLargestRemainder(allocatedCents, [childCare, Math.max(0, net - childCare)]);
  return care!;
}

/** The attestation of one child for one calendar year. */
export function fiscalAttestation(input: {
  year: number;
  child: { memberId: string; birthDate: LocalDay };
  invoices: readonly AttestationInvoice[];
  payments: readonly AttestationPayment[];
}): AttestationOutcome {
  const { year, child } = input;
  if (!isUnderSixOnFirstJanuary(child.birthDate, year)) return { eligible: false, reason: 'not-under-six' };
  const invoices = new Map(input.invoices.map((invoice) => [invoice.id, invoice]));
  const prefix = `${String(year).padStart(4, '0')}-`;
  let paidCents = 0;
  let cesuCents = 0;
  for (const payment of input.payments) {
    if (payment.cancelled || !payment.receivedOn.startsWith(prefix)) continue;
    for (const allocation of payment.allocations) {
      const invoice = invoices.get(allocation.invoiceId);
      if (!invoice) continue;
      const care = careOfAllocation(invoice, child.memberId, allocation.amountCents);
      paidCents += care;
      if (payment.means === 'cesu') cesuCents += care;
    }
  }
  return { eligible: true, paidCents, cesuCents };
}

/** The years an attestation may be asked for: this year, the last (declared in spring), and any year paid in. */
export function attestationYears(today: LocalDay, payments: readonly Pick<AttestationPayment, 'receivedOn'>[]) {
  const current = Number(today.slice(0, 4));
  const years = new Set([current, current - 1]);
  for (const payment of payments) {
    const year = Number(payment.receivedOn.slice(0, 4));
    if (year <= current) years.add(year);
  }
  return [...years].sort((a, b) => b - a);
}
