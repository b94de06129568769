import { formatLocalDateTime } from '../../shared/dates.js';
import type { Commune } from '../communes/domain/commune.js';
import { accountMail } from './accountMails.js';

/** The mails the guichet unique's agents receive, in one place so that their wording reads together. */
export const agentMails = {
  invitation: (commune: Commune, to: { email: string; firstName: string }, link: string, expiresAt: Date) =>
    accountMail(commune, to.email, 'Votre accès au guichet unique', {
      greeting: `Bonjour ${to.firstName},`,
      paragraphs: [
        `Un compte d'agent du guichet unique de ${commune.name} a été ouvert pour vous. Pour l'activer, choisissez votre mot de passe (16 caractères au moins) en suivant le lien ci-dessous, avant le ${formatLocalDateTime(expiresAt)}.`,
        "À votre première connexion, vous relierez le compte à une application d'authentification (par exemple FreeOTP, Aegis ou Google Authenticator) installée sur votre téléphone : elle vous donnera un code à chaque connexion.",
        "Si vous n'attendiez pas ce message, ignorez-le et prévenez l'administrateur de l'espace citoyens de la commune.",
      ],
      action: { label: 'Choisir mon mot de passe', url: link },
      signature: `L'espace citoyens de ${commune.name}`,
    }),
};
