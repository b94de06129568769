import { communeMail, deskSignature } from '../../platform/mail/communeMail.js';
import type { MailMessage } from '../../platform/mail/mailer.js';
import type { Commune } from '../communes/domain/commune.js';
import { requestStatusLabel } from './domain/requestStatus.js';

export interface Recipient {
  email: string;
  greeting: string;
}

/**
 * The mails of the requests. They say what happened and link to the request; they never carry the
 * messages' text nor the file's values, which stay behind the login.
 */
export const requestMails = {
  submitted: (commune: Commune, to: Recipient, summary: string, link: string): MailMessage =>
    communeMail(commune, to.email, 'Votre demande est déposée', {
      greeting: `Bonjour ${to.greeting},`,
      paragraphs: [
        `Votre demande « ${summary} » est déposée. Le guichet unique va la traiter ; vous serez prévenu par e-mail à chaque étape.`,
      ],
      action: { label: 'Suivre ma demande', url: link },
      signature: deskSignature(commune),
    }),

  statusChanged: (commune: Commune, to: Recipient, summary: string, status: string, link: string): MailMessage =>
    communeMail(commune, to.email, `Votre demande : ${requestStatusLabel(status).toLocaleLowerCase('fr-FR')}`, {
      greeting: `Bonjour ${to.greeting},`,
      paragraphs: [
        `Votre demande « ${summary} » est maintenant : ${requestStatusLabel(status)}.`,
        ...(status === 'a-completer'
          ? [
              'Le guichet unique a besoin d’informations complémentaires : lisez son message et répondez depuis votre espace.',
            ]
          : []),
      ],
      action: { label: 'Voir ma demande', url: link },
      signature: deskSignature(commune),
    }),

  agentMessage: (commune: Commune, to: Recipient, summary: string, link: string): MailMessage =>
    communeMail(commune, to.email, 'Nouveau message du guichet unique', {
      greeting: `Bonjour ${to.greeting},`,
      paragraphs: [
        `Le guichet unique vous a écrit au sujet de votre demande « ${summary} ». Lisez son message sur votre espace.`,
      ],
      action: { label: 'Lire le message', url: link },
      signature: deskSignature(commune),
    }),
};
