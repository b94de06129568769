import type { FieldErrors } from '../../../../platform/http/forms.js';
import type { OtherRefusal } from '../../../../platform/http/refusals.js';
import { formatEuros } from '../../../../shared/money.js';
import type { AllocationRefusal } from '../../domain/allocation.js';
import type { CancelOutcome, RefundOutcome, UseCreditOutcome } from '../../paymentsService.js';
import { shareField } from '../paymentForms.js';

/**
 * The payments service's refusals in the words of the desk's forms: the service says why with a code
 * and what the sentence needs (a balance, a credit), this file says it beside the field to change.
 */

/** The refusal of an allocation, worded beside the field it is about. */
export function recordErrors(refusal: AllocationRefusal): FieldErrors {
  switch (refusal.reason) {
    case 'amount-not-positive':
      return { amount: 'Le montant et chaque part doivent être positifs.' };
    case 'amount-too-large':
      return { amount: 'Le montant ne peut dépasser 100 000 €.' };
    case 'over-balance':
      return {
        amount: `Le paiement dépasse ce que la famille doit (${formatEuros(refusal.balanceCents)}) : saisissez au plus ce montant, ou cochez « Surplus » pour garder le reste en crédit.`,
      };
    case 'over-left-to-pay':
      return {
        [shareField(refusal.invoiceId)]:
          `Cette part dépasse le reste à payer de la facture (${formatEuros(refusal.leftToPayCents)}).`,
      };
    case 'unknown-invoice':
      return { split: 'Une des factures n’est plus à payer : rechargez la page.' };
    case 'allocations-do-not-add-up':
      return {
        split: `Les parts font ${formatEuros(refusal.allocatedCents)} : elles doivent faire le montant du paiement, ou moins en cochant « Surplus ».`,
      };
  }
}

/** A refusal to pay an invoice with the credit, worded beside its field. */
export function useCreditErrors(refusal: OtherRefusal<Exclude<UseCreditOutcome, { ok: true }>>): FieldErrors {
  switch (refusal.reason) {
    case 'over-credit':
      return { creditAmount: `Le montant dépasse le crédit de la famille (${formatEuros(refusal.creditCents)}).` };
    case 'over-left-to-pay':
      return {
        creditAmount: `Le montant dépasse le reste à payer de la facture (${formatEuros(refusal.leftToPayCents)}).`,
      };
    case 'unknown-invoice':
      return { creditInvoice: 'Cette facture n’est plus à payer : rechargez la page.' };
    case 'amount-not-positive':
      return { creditAmount: 'Le montant doit être supérieur à zéro.' };
  }
}

/** A refusal to refund the credit, worded beside its field. */
export function refundErrors(refusal: OtherRefusal<Exclude<RefundOutcome, { ok: true }>>): FieldErrors {
  switch (refusal.reason) {
    case 'over-credit':
      return {
        refundAmount: `Le remboursement dépasse le crédit de la famille (${formatEuros(refusal.creditCents)}).`,
      };
    case 'amount-not-positive':
      return { refundAmount: 'Le montant doit être supérieur à zéro.' };
  }
}

/** Why a payment was not cancelled, beside the reason's field (« already cancelled » is no error: the list shows it). */
export function cancelPaymentErrors(refusal: Extract<CancelOutcome, { reason: 'credit-refunded' }>): FieldErrors {
  return {
    reason: `Ce paiement a laissé un crédit déjà remboursé à la famille (il lui reste ${formatEuros(refusal.creditCents)} de crédit) : il ne peut plus être annulé.`,
  };
}
