import { communeMail, deskSignature } from '../../platform/mail/communeMail.js';
import type { MailMessage } from '../../platform/mail/mailer.js';
import { formatEuros } from '../../shared/money.js';
import { formatDay, formatMonth } from '../../shared/localDays.js';
import type { Commune } from '../communes/domain/commune.js';

export interface InvoiceMailFacts {
  number: string;
  period: string;
  totalCents: number;
  dueOn: string;
  onlinePaymentUntil: string;
  /** « Mes factures » on the family's portal. */
  link: string;
}

/** The mail telling a family its invoice is issued: the number, the amount and the two dates, nothing else. */
export function invoiceIssuedMail(
  commune: Commune,
  to: { email: string; greeting: string },
  facts: InvoiceMailFacts,
): MailMessage {
  return communeMail(commune, to.email, `Votre facture ${facts.number}`, {
    greeting: `Bonjour ${to.greeting},`,
    paragraphs: [
      `Votre facture n° ${facts.number} pour ${formatMonth(facts.period)} est disponible : ${formatEuros(facts.totalCents)}.`,
      `Vous pouvez la payer en ligne jusqu’au ${formatDay(facts.onlinePaymentUntil)}, ou au guichet unique. Elle est à régler avant le ${formatDay(facts.dueOn)}.`,
    ],
    action: { label: 'Voir mes factures', url: facts.link },
    signature: deskSignature(commune),
  });
}
