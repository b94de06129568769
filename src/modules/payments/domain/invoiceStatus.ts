/**
 * What a family reads beside each invoice. « En retard » is only a reading of the due date against
 * today: no penalty follows from it (late-payment penalties are unlawful, BILLING.md), and the
 * family can still pay at the guichet until the commune issues a titre de recettes.
 */
export type InvoiceStatus = 'a-payer' | 'payee' | 'en-retard' | 'annulee';

export interface InvoiceAmounts {
  totalCents: number;
  paidCents: number;
  /** Credit notes (avoirs) issued against the invoice: they lower what is left to pay as a payment does. */
  creditedCents: number;
}

/** What is left to pay: never below zero, whatever was credited. */
export function leftToPay({ totalCents, paidCents, creditedCents }: InvoiceAmounts): number {
  return Math.max(0, totalCents - paidCents - creditedCents);
}

export function invoiceStatus(
  invoice: InvoiceAmounts & { cancelled: boolean; dueOn: string },
  today: string,
): InvoiceStatus {
  if (invoice.cancelled) return 'annulee';
  if (leftToPay(invoice) === 0) return 'payee';
  return today > invoice.dueOn ? 'en-retard' : 'a-payer';
}
