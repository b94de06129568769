import type { Attempt } from '../onlinePaymentsRepository.js';

/** How an attempt's state reads, for the family and the desk alike. */
export function attemptLabel(attempt: Pick<Attempt, 'state' | 'result'>): string {
  switch (attempt.state) {
    case 'pending':
      return 'Paiement en cours de confirmation';
    case 'paid':
      return attempt.result === 'V' ? 'Payé par prélèvement' : 'Payé par carte bancaire';
    case 'refused':
      return attempt.result === 'Z' ? 'Prélèvement refusé' : 'Carte refusée';
    case 'abandoned':
      return 'Paiement abandonné';
    case 'expired':
      return 'Aucun paiement (délai dépassé)';
    case 'test':
      return 'Paiement de test, non enregistré';
  }
}

/** PayFiP's functional faults, in words a family or an agent can act on. */
const faults: Record<string, string> = {
  M3: 'le montant est inférieur à 1 €, le minimum du paiement en ligne',
  M5: 'le montant dépasse le maximum du paiement en ligne',
  R3: 'la référence de la facture n’est pas acceptée par le service de paiement',
  A2: 'l’adresse électronique de votre compte n’est pas acceptée par le service de paiement',
  T2: 'la régie de la commune n’est pas reconnue par le service de paiement',
};

/** Why online payment could not start, or could not be asked: a refusal's reason (and PayFiP's code). */
export function troubleText(reason: string, code?: string): string {
  switch (reason) {
    case 'payfip-fault':
      return `Le paiement en ligne a été refusé : ${(code && faults[code]) || `le service de paiement a répondu par l’erreur ${code ?? 'inconnue'}`}. Vous pouvez payer au guichet unique.`;
    case 'payfip-unavailable':
      return 'Le service de paiement en ligne ne répond pas pour le moment. Rien n’a été payé : réessayez dans quelques minutes, ou payez au guichet unique.';
    case 'in-progress':
      return 'Un paiement en ligne de cette facture a commencé il y a moins de 20 minutes. Attendez sa confirmation avant d’en commencer un autre.';
    case 'past-deadline':
      return 'La date limite de paiement en ligne de cette facture est passée. Vous pouvez la payer au guichet unique.';
    case 'too-small':
      return 'Le reste à payer est inférieur à 1 € : le paiement en ligne n’est pas possible. Vous pouvez le payer au guichet unique.';
    case 'too-large':
      return 'Le reste à payer dépasse le maximum du paiement en ligne. Vous pouvez le payer au guichet unique.';
    case 'closed':
      return 'Cette facture n’a plus rien à payer.';
    default:
      return 'Le paiement en ligne n’est pas proposé par la commune.';
  }
}
