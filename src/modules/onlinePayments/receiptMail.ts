import { communeMail, deskSignature } from '../../platform/mail/communeMail.js';
import type { MailMessage } from '../../platform/mail/mailer.js';
import { formatDay } from '../../shared/localDays.js';
import { formatEuros } from '../../shared/money.js';
import type { Commune } from '../communes/domain/commune.js';

export interface ReceiptFacts {
  invoiceNumber: string;
  amountCents: number;
  /** What of it went beyond the invoice, kept as the family's credit. */
  creditCents: number;
  receivedOn: string;
  byDirectDebit: boolean;
  idOp: string;
  /** The invoice's own page on the family's portal (the button says so: « Voir la facture »). */
  link: string;
}

/** The receipt of an online payment: what PayFiP took, for which invoice, and what became credit. */
export function onlineReceiptMail(
  commune: Commune,
  to: { email: string; greeting: string },
  facts: ReceiptFacts,
): MailMessage {
  return communeMail(commune, to.email, `Paiement reçu pour la facture ${facts.invoiceNumber}`, {
    greeting: `Bonjour ${to.greeting},`,
    paragraphs: [
      `Nous avons bien reçu votre paiement en ligne de ${formatEuros(facts.amountCents)} pour la facture n° ${facts.invoiceNumber}, le ${formatDay(facts.receivedOn)}, ${facts.byDirectDebit ? 'par prélèvement (il est débité de votre compte sous quelques jours)' : 'par carte bancaire'}.`,
      ...(facts.creditCents > 0
        ? [
            `La facture était déjà en partie réglée : ${formatEuros(facts.creditCents)} restent à votre crédit. Le guichet unique peut vous les rembourser ou les utiliser pour votre prochaine facture.`,
          ]
        : []),
      `Référence du paiement : ${facts.idOp}. Ce courriel vaut reçu.`,
    ],
    action: { label: 'Voir la facture', url: facts.link },
    signature: deskSignature(commune),
  });
}
