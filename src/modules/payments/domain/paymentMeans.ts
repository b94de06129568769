/**
 * The means a régie de recettes takes at the guichet. The codes are what is stored and exported; the
 * French names are the views'. A cheque is only traceable with its number and its bank, so those two
 * are required for it and meaningless for the others.
 */
export const paymentMeans = ['especes', 'cheque', 'carte', 'virement', 'cesu'] as const;
export type PaymentMeans = (typeof paymentMeans)[number];

export function isPaymentMeans(value: unknown): value is PaymentMeans {
  return typeof value === 'string' && (paymentMeans as readonly string[]).includes(value);
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
