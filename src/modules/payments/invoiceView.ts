import type { InvoiceStatus } from './domain/invoiceStatus.js';
import type { PaymentMeans } from './domain/paymentMeans.js';

/**
 * An invoice as the family reads it, on its page and in its PDF: plain data, every amount in integer
 * cents, every day 'YYYY-MM-DD'. It holds every mention BILLING.md lists, and nothing that changes
 * without the invoice changing (no « today »), so that the same invoice always prints the same.
 */
export interface InvoiceView {
  id: string;
  number: string;
  /** The day it was issued, and the instant (its PDF's creation date). */
  issuedOn: string;
  issuedAt: Date;
  period: { from: string; to: string; label: string };
  dueOn: string;
  /** The last day to pay online, before the due date. */
  onlinePaymentUntil: string;
  cancelled: boolean;
  issuer: InvoiceIssuer;
  family: { reference: string; representative: string; addressLines: string[] };
  quotient: InvoiceQuotient;
  lines: InvoiceLine[];
  totalCents: number;
  paidCents: number;
  creditedCents: number;
  leftToPayCents: number;
  payments: InvoicePayment[];
}

/** Who bills, who answers for it, and where to turn. */
export interface InvoiceIssuer {
  communeName: string;
  regie: string;
  /** The person responsible and their position, named on the invoice. */
  responsible: { name: string; position: string };
  /** The court a titre de recettes is contested before (« Tribunal administratif de Versailles »). */
  court: string;
  desk: {
    name: string;
    street: string;
    postcode: string;
    city: string;
    phone: string;
    email: string;
    /** « lundi : 08:30–12:00, 13:30–17:30 », one line a day. */
    hours: string[];
  };
}

/** The quotient familial the tariffs were read with: none known means the highest bracket. */
export interface InvoiceQuotient {
  /** The QF value, or null when the family gave none. */
  value: number | null;
  bracketLabel: string;
  /** Where the QF comes from (« attestation CAF »), when there is one. */
  source: string | null;
}

/** One basis of the calculation: a child's days at a service, at the unit price of the bracket. */
export interface InvoiceLine {
  childName: string;
  serviceName: string;
  unitLabel: string;
  quantity: number;
  unitPriceCents: number;
  bracketLabel: string;
  /** Late-booking majorations on these days, already counted in the amount. */
  majorationCents: number;
  amountCents: number;
}

export interface InvoicePayment {
  receivedOn: string;
  means: PaymentMeans;
  amountCents: number;
}

/** The invoice's line in the family's list. */
export interface InvoiceSummary {
  id: string;
  number: string;
  periodLabel: string;
  issuedOn: string;
  dueOn: string;
  totalCents: number;
  paidCents: number;
  leftToPayCents: number;
  status: InvoiceStatus;
}
