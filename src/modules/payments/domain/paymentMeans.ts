/**
 * The means a payment is received by. The codes are what is stored and exported; the French names are
 * the views'. The guichet's means are what a régie de recettes takes at the desk; `payfip` is the
 * treasury's online payment, recorded from PayFiP's own answer, never typed by an agent. A cheque is
 * only traceable with its number and its bank, so those two are required for it and meaningless for the others.
 */
export const deskMeans = ['especes', 'cheque', 'carte', 'virement', 'cesu'] as const;
export const paymentMeans = [...deskMeans, 'payfip'] as const;
export type PaymentMeans = (typeof paymentMeans)[number];
export type DeskMeans = (typeof deskMeans)[number];

/** Whether an agent may record a payment by this means at the guichet. */
export function isDeskMeans(value: unknown): value is DeskMeans {
  return typeof value === 'string' && (deskMeans as readonly string[]).includes(value);
}

/** Whether the means needs the cheque's number and bank. */
export function needsChequeDetails(means: PaymentMeans): boolean {
  return means === 'cheque';
}

/** How the régie gives credit back: cash at the desk, a cheque of the Trésor, or a transfer. */
export const refundMeans = ['virement', 'cheque', 'especes'] as const;
export type RefundMeans = (typeof refundMeans)[number];

export function isRefundMeans(value: unknown): value is RefundMeans {
  return typeof value === 'string' && (refundMeans as readonly string[]).includes(value);
}
