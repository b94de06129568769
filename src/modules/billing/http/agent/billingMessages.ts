import type { FieldErrors } from '../../../../platform/http/forms.js';
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

/** The field a tariff problem is shown beside, and its sentence. */
function tariffError(problem: TariffProblem): [field: string, text: string] {
  switch (problem.problem) {
    case 'bounds-not-increasing':
      return ['bounds', 'Indiquez des plafonds croissants, en euros : chaque tranche commence après la précédente.'];
    case 'bounds-count':
      return ['bounds', 'Indiquez de 1 à 19 plafonds, en euros, du plus petit au plus grand.'];
    case 'bound-range':
      return ['bounds', 'Un plafond est un nombre entier d’euros, de 0 à 100 000.'];
    case 'brackets-fixed':
      return [
        'bounds',
        `Des grilles de prix existent pour ${problem.brackets} tranches : gardez ${problem.brackets} tranches (${problem.brackets - 1} plafonds).`,
      ];
    case 'unknown-unit':
      return ['serviceUnit', 'Choisissez un service et son unité dans la liste.'];
    case 'no-brackets':
      return ['serviceUnit', 'Définissez d’abord les tranches de quotient familial de la commune.'];
    case 'bracket-unpriced':
      return ['serviceUnit', 'Indiquez un prix pour chaque tranche.'];
    case 'start-outside-calendar':
      return ['startsOn', 'Indiquez un premier jour entre 2000 et 2100.'];
    case 'grid-starts-same-day':
      return [
        'startsOn',
        'Une grille de ce service commence déjà ce jour-là : les périodes de deux grilles se chevaucheraient. Choisissez un autre premier jour.',
      ];
    case 'non-resident-range':
      return ['nonResident', 'Indiquez un prix hors commune de 0 à 1 000 €.'];
    case 'price-range':
      return [
        priceField(problem.bracketRank),
        `Indiquez un prix de 0 à 1 000 € pour la tranche ${problem.bracketRank}.`,
      ];
    case 'meal-above-price':
      return [
        mealField(problem.bracketRank),
        `La part repas de la tranche ${problem.bracketRank} ne peut pas dépasser son prix.`,
      ];
    case 'session-partly-priced':
      return [priceField(1), 'Indiquez un prix pour chaque tranche, ou aucun pour garder le prix de la session.'];
    case 'due-days-range':
      return ['dueDays', 'Indiquez un délai de paiement de 1 à 120 jours.'];
    case 'online-after-due':
      return [
        'onlinePaymentDays',
        'Le paiement en ligne ferme au plus tard à l’échéance : indiquez un nombre de jours entre 0 et le délai de paiement.',
      ];
    case 'minimum-range':
      return ['minimum', 'Indiquez un montant minimum de 0 à 1 000 €.'];
  }
}

function quotientError(problem: QuotientProblem): [field: string, text: string] {
  switch (problem.problem) {
    case 'value-range':
      return ['value', 'Indiquez le quotient familial en euros, un nombre entier de 0 à 100 000.'];
    case 'valid-from-outside-calendar':
      return ['validFrom', 'Indiquez un premier jour de validité entre 2000 et 2100.'];
    case 'valid-to-outside-calendar':
      return ['validTo', 'Indiquez un dernier jour de validité entre 2000 et 2100.'];
    case 'valid-to-before-from':
      return ['validTo', 'Le dernier jour de validité vient après le premier.'];
  }
}

/** Problems beside their fields, the first of a field being its text. */
function fieldErrors<P>(problems: readonly P[], errorOf: (problem: P) => [string, string]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const [field, text] = errorOf(problem);
    errors[field] ??= text;
  }
  return errors;
}

export const tariffFieldErrors = (problems: readonly TariffProblem[]) => fieldErrors(problems, tariffError);

export const quotientFieldErrors = (problems: readonly QuotientProblem[]) => fieldErrors(problems, quotientError);

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
