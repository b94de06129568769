import type { FieldErrors } from '../../../../platform/http/forms.js';
import { countOf } from '../../../../shared/words.js';
import type { OtherRefusal } from '../../../../platform/http/refusals.js';
import type { QuotientProblem } from '../../domain/quotient.js';
import type { TariffProblem } from '../../domain/tariffs.js';
import type { IssueOutcome, RunOutcome } from '../../invoiceRunService.js';
import type { CancelOutcome, CreditNoteOutcome } from '../../invoicesService.js';
import { mealField, priceField } from '../billingForms.js';

/**
 * Billing's refusals in the words of its pages: the services say why with a code, this file says it
 * in French beside the field the administrator or the agent should change.
 */

/** Each problem's field and sentence, by its code: a new code the table lacks fails the build. */
type Wording<P extends { problem: string }> = {
  [Code in P['problem']]: (problem: Extract<P, { problem: Code }>) => [field: string, text: string];
};

const tariffWording: Wording<TariffProblem> = {
  'bounds-not-increasing': () => [
    'bounds',
    'Indiquez des plafonds croissants, en euros : chaque tranche commence après la précédente.',
  ],
  'bounds-count': () => ['bounds', 'Indiquez de 1 à 19 plafonds, en euros, du plus petit au plus grand.'],
  'bound-range': () => ['bounds', 'Un plafond est un nombre entier d’euros, de 0 à 100 000.'],
  'brackets-fixed': ({ brackets }) => [
    'bounds',
    `Des grilles de prix existent pour ${countOf(brackets, 'tranche')} : gardez ${countOf(brackets, 'tranche')} (${countOf(brackets - 1, 'plafond')}).`,
  ],
  'unknown-unit': () => ['serviceUnit', 'Choisissez un service et son unité dans la liste.'],
  'no-brackets': () => ['serviceUnit', 'Définissez d’abord les tranches de quotient familial de la commune.'],
  'bracket-unpriced': () => ['serviceUnit', 'Indiquez un prix pour chaque tranche.'],
  'start-outside-calendar': () => ['startsOn', 'Indiquez un premier jour entre 2000 et 2100.'],
  'grid-starts-same-day': () => [
    'startsOn',
    'Une grille de ce service commence déjà ce jour-là : les périodes de deux grilles se chevaucheraient. Choisissez un autre premier jour.',
  ],
  'non-resident-range': () => ['nonResident', 'Indiquez un prix hors commune de 0 à 1 000 €.'],
  'price-range': ({ bracketRank }) => [
    priceField(bracketRank),
    `Indiquez un prix de 0 à 1 000 € pour la tranche ${bracketRank}.`,
  ],
  'meal-above-price': ({ bracketRank }) => [
    mealField(bracketRank),
    `La part repas de la tranche ${bracketRank} ne peut pas dépasser son prix.`,
  ],
  'session-partly-priced': () => [
    priceField(1),
    'Indiquez un prix pour chaque tranche, ou aucun pour garder le prix de la session.',
  ],
  'due-days-range': () => ['dueDays', 'Indiquez un délai de paiement de 1 à 120 jours.'],
  'online-after-due': () => [
    'onlinePaymentDays',
    'Le paiement en ligne ferme au plus tard à l’échéance : indiquez un nombre de jours entre 0 et le délai de paiement.',
  ],
  'minimum-range': () => ['minimum', 'Indiquez un montant minimum de 0 à 1 000 €.'],
};

const quotientWording: Wording<QuotientProblem> = {
  'value-range': () => ['value', 'Indiquez le quotient familial en euros, un nombre entier de 0 à 100 000.'],
  'valid-from-outside-calendar': () => ['validFrom', 'Indiquez un premier jour de validité entre 2000 et 2100.'],
  'valid-to-outside-calendar': () => ['validTo', 'Indiquez un dernier jour de validité entre 2000 et 2100.'],
  'valid-to-before-from': () => ['validTo', 'Le dernier jour de validité vient après le premier.'],
};

/** Problems beside their fields, the first of a field being its text. */
function fieldErrors<P extends { problem: string }>(problems: readonly P[], wording: Wording<P>): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const wordingOf = wording[problem.problem as P['problem']] as (problem: P) => [string, string];
    const [field, text] = wordingOf(problem);
    errors[field] ??= text;
  }
  return errors;
}

export const tariffFieldErrors = (problems: readonly TariffProblem[]) => fieldErrors(problems, tariffWording);

export const quotientFieldErrors = (problems: readonly QuotientProblem[]) => fieldErrors(problems, quotientWording);

/** Why a month's drafts were not made, or not issued: the notice of « Facturation ». */
export function runRefusalText(refusal: Exclude<RunOutcome | IssueOutcome, { ok: true }>): string {
  switch (refusal.reason) {
    case 'no-school-year':
      return 'Ce mois n’appartient à aucune année scolaire de la commune : rien n’a été calculé.';
    case 'nothing-to-issue':
      return 'Aucun brouillon à émettre pour ce mois : calculez d’abord les brouillons.';
    case 'series-full':
      return 'La série de numéros de l’année est pleine : rien n’a été émis.';
  }
}

/** Why an invoice was not cancelled, beside the reason's field. */
export function cancelInvoiceErrors(refusal: OtherRefusal<Exclude<CancelOutcome, { ok: true }>>): FieldErrors {
  switch (refusal.reason) {
    case 'not-issued':
      return { reason: 'Seule une facture émise s’annule.' };
  }
}

/** Why a credit note was not made, beside the ticked days. */
export function creditNoteErrors(refusal: OtherRefusal<Exclude<CreditNoteOutcome, { ok: true }>>): FieldErrors {
  switch (refusal.reason) {
    case 'already-credited':
      return { lines: 'Un des jours cochés est déjà remboursé par un avoir.' };
    case 'not-issued':
      return { lines: 'Seule une facture émise se corrige par un avoir.' };
    case 'series-full':
      return { lines: 'La série des avoirs de l’année est pleine.' };
    case 'no-line':
      return { lines: 'Cochez des jours de cette facture.' };
  }
}
