import { communeMail, deskSignature } from '../../platform/mail/communeMail.js';
import type { MailMessage } from '../../platform/mail/mailer.js';
import type { Commune } from '../communes/domain/commune.js';

export interface InvitationMail {
  to: string;
  /** « Monsieur DUPONT »: the adult invited, as the family file names them. */
  greeting: string;
  /** « Aurélie DUPONT »: the parent who sends the invitation. */
  inviter: string;
  /** « co-représentant », « représentant ». */
  role: string;
  familyReference: string;
  key: string;
  /** « Créer mon espace » with the key already typed in. */
  signUpLink: string;
}

/**
 * The invitation a parent sends to the other responsible adult of the file: their own Clé Enfance,
 * and the two ways to use it (a new account, or an account they already have).
 */
export function invitationMail(commune: Commune, mail: InvitationMail): MailMessage {
  return communeMail(commune, mail.to, 'Invitation à rejoindre votre dossier famille', {
    greeting: `Bonjour ${mail.greeting},`,
    paragraphs: [
      `${mail.inviter} vous invite à rejoindre le dossier famille n° ${mail.familyReference} sur l’espace citoyens de ${commune.name}, en tant que ${mail.role}. Vous y suivrez les démarches de la famille avec votre propre identifiant.`,
      `Votre Clé Enfance personnelle : ${mail.key}`,
      'Elle relie votre espace au dossier famille et ne sert qu’une fois. Gardez-la pour vous. Le lien ci-dessous ouvre « Créer mon espace » avec la clé déjà saisie.',
      `Vous avez déjà un espace citoyens de ${commune.name} ? Connectez-vous et saisissez cette clé dans Mon espace → Clé Enfance.`,
      `Si vous n’attendiez pas ce message, ignorez-le et prévenez le guichet unique au ${commune.desk.phone}.`,
    ],
    action: { label: 'Créer mon espace', url: mail.signUpLink },
    signature: deskSignature(commune),
  });
}
