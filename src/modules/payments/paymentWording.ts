import type { InvoiceStatus } from './domain/invoiceStatus.js';
import type { PaymentMeans } from './domain/paymentMeans.js';

/** How the means and statuses read in French, on the pages, in the PDF and in the exports alike. */
export const meansLabel: Record<PaymentMeans, string> = {
  especes: 'Espèces',
  cheque: 'Chèque',
  carte: 'Carte bancaire au guichet',
  virement: 'Virement',
  cesu: 'CESU',
  payfip: 'Paiement en ligne (PayFiP)',
};

export const statusLabel: Record<InvoiceStatus, string> = {
  'a-payer': 'À payer',
  payee: 'Payée',
  'en-retard': 'En retard',
  annulee: 'Annulée',
};

/** What the voies et délais de recours say, on the invoice and its page. */
export function appealNotice(court: string): string {
  return (
    'Voies et délais de recours : vous pouvez contester cette facture dans un délai de deux mois à compter de ' +
    `la réception du titre de recettes qui la suit, devant le ${court}. ` +
    'Avant cela, le guichet unique répond à vos questions sur son calcul.'
  );
}
