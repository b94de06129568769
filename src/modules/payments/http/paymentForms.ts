import { z } from 'zod';
import { MAX_PAYMENT_CENTS, type Allocation } from '../domain/allocation.js';
import {
  isDeskMeans,
  isRefundMeans,
  needsChequeDetails,
  type DeskMeans,
  type RefundMeans,
} from '../domain/paymentMeans.js';
import type { FieldErrors, FormValues } from '../../../platform/http/forms.js';
import { textErrors } from '../../../platform/http/forms.js';
import { parseEuros } from '../../../shared/money.js';
import { parseTypedDay } from '../../../shared/typedDay.js';
import { FIRST_CALENDAR_DAY, type LocalDay } from '../../../shared/localDays.js';
import type { PaymentInput, RefundInput } from '../paymentsService.js';

/** The payment form's fields, in the order of the page: the error summary lists them so. */
export const paymentLabels = {
  means: 'Moyen de paiement',
  amount: 'Montant',
  receivedOn: 'Date de réception',
  payer: 'Payeur',
  chequeNumber: 'Numéro du chèque',
  chequeBank: 'Banque',
  split: 'Répartition',
  remainderToCredit: 'Surplus',
};

/** The field of an invoice's share when the agent splits the payment by hand. */
export const shareField = (invoiceId: string) => `part-${invoiceId}`;

const TEXT_MAX = 120;

export type PaymentForm = { ok: true; input: PaymentInput } | { ok: false; errors: FieldErrors; values: FormValues };

/**
 * Reads the desk's payment form: every field checked and every error said in French at once. The
 * amount is typed in euros (« 42,60 »), the day as JJ/MM/AAAA, not after today nor before the calendar.
 * With « Répartir moi-même », each open invoice has its share field, empty meaning nothing.
 */
export function parsePaymentForm(values: FormValues, openInvoiceIds: readonly string[], today: LocalDay): PaymentForm {
  const errors: FieldErrors = textErrors(values);
  const text = (name: string) => (values[name] ?? '').trim();

  const means = text('means');
  if (!isDeskMeans(means)) errors.means ??= 'Choisissez le moyen de paiement.';

  const amountCents = parseEuros(text('amount'));
  if (text('amount') === '') errors.amount ??= 'Saisissez le montant reçu, en euros.';
  else if (amountCents === null) errors.amount ??= 'Le montant s’écrit en euros, par exemple 42,60.';
  else if (amountCents <= 0) errors.amount ??= 'Le montant doit être supérieur à zéro.';
  else if (amountCents > MAX_PAYMENT_CENTS) errors.amount ??= 'Le montant ne peut dépasser 100 000 €.';

  const receivedOn = parseTypedDay(text('receivedOn'));
  if (text('receivedOn') === '') errors.receivedOn ??= 'Saisissez la date de réception, au format JJ/MM/AAAA.';
  else if (!receivedOn) errors.receivedOn ??= 'La date de réception s’écrit au format JJ/MM/AAAA.';
  else if (receivedOn > today) errors.receivedOn ??= 'La date de réception ne peut pas être dans le futur.';
  else if (receivedOn < FIRST_CALENDAR_DAY) errors.receivedOn ??= 'La date de réception est trop ancienne.';

  const payer = text('payer');
  if (payer === '') errors.payer ??= 'Saisissez le nom du payeur.';
  else if (payer.length > TEXT_MAX) errors.payer ??= `Le nom du payeur tient en ${TEXT_MAX} caractères.`;

  const cheque = isDeskMeans(means) && needsChequeDetails(means);
  const chequeNumber = text('chequeNumber');
  const chequeBank = text('chequeBank');
  if (cheque && chequeNumber === '') errors.chequeNumber ??= 'Saisissez le numéro du chèque.';
  else if (cheque && !/^[0-9A-Za-z -]{1,30}$/.test(chequeNumber))
    errors.chequeNumber ??= 'Le numéro du chèque tient en 30 chiffres ou lettres.';
  if (cheque && chequeBank === '') errors.chequeBank ??= 'Saisissez la banque du chèque.';
  else if (chequeBank.length > TEXT_MAX) errors.chequeBank ??= `La banque tient en ${TEXT_MAX} caractères.`;

  const split = text('split') || 'auto';
  let allocations: Allocation[] | null = null;
  if (split === 'manuelle') {
    allocations = [];
    for (const invoiceId of openInvoiceIds) {
      const typed = text(shareField(invoiceId));
      if (typed === '') continue;
      const share = parseEuros(typed);
      if (share === null) errors[shareField(invoiceId)] ??= 'La part s’écrit en euros, par exemple 12,50.';
      else allocations.push({ invoiceId, amountCents: share });
    }
  } else if (split !== 'auto') errors.split ??= 'Choisissez comment répartir le paiement.';

  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return {
    ok: true,
    input: {
      means: means as DeskMeans,
      amountCents: amountCents!,
      receivedOn: receivedOn!,
      payer,
      chequeNumber: cheque ? chequeNumber : null,
      chequeBank: cheque ? chequeBank : null,
      allocations,
      remainderToCredit: text('remainderToCredit') === 'oui',
    },
  };
}

export const cancelSchema = z.object({
  reason: z.string().trim().min(1, 'Saisissez le motif de l’annulation.').max(500, 'Le motif tient en 500 caractères.'),
});

/** « Utiliser le crédit »: the invoice it pays and how much, in the order of the page. */
export const useCreditLabels = {
  creditInvoice: 'Facture à payer avec le crédit',
  creditAmount: 'Montant pris sur le crédit',
};

/** « Rembourser le crédit »: how much, how, when and why, in the order of the page. */
export const refundLabels = {
  refundAmount: 'Montant remboursé',
  refundMeans: 'Moyen du remboursement',
  refundedOn: 'Date du remboursement',
  refundReason: 'Motif du remboursement',
};

export type UseCreditForm =
  { ok: true; invoiceId: string; amountCents: number } | { ok: false; errors: FieldErrors; values: FormValues };

export type RefundForm = { ok: true; input: RefundInput } | { ok: false; errors: FieldErrors; values: FormValues };

/** Reads « Utiliser le crédit »: one of the family's open invoices, and an amount in euros. */
export function parseUseCreditForm(values: FormValues, openInvoiceIds: readonly string[]): UseCreditForm {
  const errors: FieldErrors = textErrors(values);
  const text = (name: string) => (values[name] ?? '').trim();
  const invoiceId = text('creditInvoice');
  if (!openInvoiceIds.includes(invoiceId)) errors.creditInvoice ??= 'Choisissez la facture à payer.';
  const amountCents = euroAmount(text('creditAmount'), 'creditAmount', errors);
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, invoiceId, amountCents: amountCents! };
}

/** Reads « Rembourser le crédit »: amount, means, day (not after today) and reason. */
export function parseRefundForm(values: FormValues, today: LocalDay): RefundForm {
  const errors: FieldErrors = textErrors(values);
  const text = (name: string) => (values[name] ?? '').trim();
  const amountCents = euroAmount(text('refundAmount'), 'refundAmount', errors);
  const means = text('refundMeans');
  if (!isRefundMeans(means)) errors.refundMeans ??= 'Choisissez le moyen du remboursement.';
  const refundedOn = parseTypedDay(text('refundedOn'));
  if (text('refundedOn') === '') errors.refundedOn ??= 'Saisissez la date du remboursement, au format JJ/MM/AAAA.';
  else if (!refundedOn) errors.refundedOn ??= 'La date du remboursement s’écrit au format JJ/MM/AAAA.';
  else if (refundedOn > today) errors.refundedOn ??= 'La date du remboursement ne peut pas être dans le futur.';
  else if (refundedOn < FIRST_CALENDAR_DAY) errors.refundedOn ??= 'La date du remboursement est trop ancienne.';
  const reason = text('refundReason');
  if (reason === '') errors.refundReason ??= 'Saisissez le motif du remboursement.';
  else if (reason.length > 500) errors.refundReason ??= 'Le motif tient en 500 caractères.';
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return {
    ok: true,
    input: { amountCents: amountCents!, means: means as RefundMeans, refundedOn: refundedOn!, reason },
  };
}

/** An amount typed in euros, checked as the payment's is; null (with the field's error) when it is not one. */
function euroAmount(typed: string, field: string, errors: FieldErrors): number | null {
  const cents = parseEuros(typed);
  if (typed === '') errors[field] ??= 'Saisissez le montant, en euros.';
  else if (cents === null) errors[field] ??= 'Le montant s’écrit en euros, par exemple 42,60.';
  else if (cents <= 0) errors[field] ??= 'Le montant doit être supérieur à zéro.';
  else if (cents > MAX_PAYMENT_CENTS) errors[field] ??= 'Le montant ne peut dépasser 100 000 €.';
  return cents;
}

/** « Mentions des factures »: the fields in the order of the page. */
export const mentionsLabels = {
  regie: 'Régie de recettes',
  responsibleName: 'Nom de la personne responsable',
  responsiblePosition: 'Fonction de la personne responsable',
  court: 'Tribunal compétent pour les recours',
};

const mention = (missing: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(200, 'Ce champ tient en 200 caractères.');

export const mentionsForm = z.object({
  regie: mention('Saisissez le nom de la régie, par exemple « Régie des services périscolaires ».'),
  responsibleName: mention('Saisissez le nom de la personne responsable.'),
  responsiblePosition: mention('Saisissez la fonction de la personne responsable, par exemple « régisseur ».'),
  court: mention('Saisissez le tribunal, par exemple « tribunal administratif de Versailles ».'),
});
