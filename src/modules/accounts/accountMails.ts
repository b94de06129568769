import { communeMail, deskSignature } from '../../platform/mail/communeMail.js';
import { formatLocalDateTime } from '../../shared/dates.js';
import type { Commune } from '../communes/domain/commune.js';

/**
 * Every mail the accounts send, written here so that their wording can be read in one place.
 * Links are absolute (`origin`); they carry a token that works once.
 */
export const accountMail = communeMail;

const signature = deskSignature;

export const accountMails = {
  activation: (commune: Commune, to: { email: string; greeting: string }, link: string) =>
    accountMail(commune, to.email, 'Activez votre espace', {
      greeting: `Bonjour ${to.greeting},`,
      paragraphs: [
        `Votre espace citoyens de ${commune.name} est créé. Pour l'activer, suivez le lien ci-dessous dans les 48 heures.`,
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : sans activation, l'espace ne pourra pas être utilisé.",
      ],
      action: { label: 'Activer mon espace', url: link },
      signature: signature(commune),
    }),

  usernameTaken: (commune: Commune, email: string, username: string, link: string) =>
    accountMail(commune, email, 'Votre espace n’a pas été créé', {
      greeting: 'Bonjour,',
      paragraphs: [
        `Vous avez demandé à créer un espace avec l'identifiant « ${username} », mais cet identifiant est déjà utilisé.`,
        'Recommencez avec un autre identifiant. Aucun espace n’a été créé.',
      ],
      action: { label: 'Créer mon espace', url: link },
      signature: signature(commune),
    }),

  emailAlreadyUsed: (commune: Commune, email: string, loginLink: string) =>
    accountMail(commune, email, 'Vous avez déjà un espace', {
      greeting: 'Bonjour,',
      paragraphs: [
        `Quelqu'un a demandé à créer un espace citoyens de ${commune.name} avec votre adresse e-mail, qui a déjà un espace. Aucun nouvel espace n'a été créé.`,
        "Si c'était vous, connectez-vous, ou utilisez « J'ai oublié mon mot de passe » sur la page de connexion. Sinon, ignorez ce message.",
      ],
      action: { label: 'Me connecter', url: loginLink },
      signature: signature(commune),
    }),

  reset: (commune: Commune, to: { email: string; greeting: string }, link: string) =>
    accountMail(commune, to.email, 'Choisissez un nouveau mot de passe', {
      greeting: `Bonjour ${to.greeting},`,
      paragraphs: [
        'Vous avez demandé à changer le mot de passe de votre espace citoyens. Le lien ci-dessous fonctionne une seule fois, pendant une heure.',
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste le même.",
      ],
      action: { label: 'Choisir un nouveau mot de passe', url: link },
      signature: signature(commune),
    }),

  passwordChanged: (commune: Commune, to: { email: string; greeting: string }, at: Date, loginLink: string) =>
    accountMail(commune, to.email, 'Votre mot de passe a été changé', {
      greeting: `Bonjour ${to.greeting},`,
      paragraphs: [
        `Le mot de passe de votre espace citoyens a été changé le ${formatLocalDateTime(at)}. Toutes les autres connexions ouvertes ont été fermées.`,
        `Si vous n'êtes pas à l'origine de ce changement, utilisez tout de suite « J'ai oublié mon mot de passe » et prévenez le guichet unique au ${commune.desk.phone}.`,
      ],
      action: { label: 'Me connecter', url: loginLink },
      signature: signature(commune),
    }),

  confirmNewEmail: (commune: Commune, to: { email: string; greeting: string }, link: string) =>
    accountMail(commune, to.email, 'Confirmez votre nouvelle adresse e-mail', {
      greeting: `Bonjour ${to.greeting},`,
      paragraphs: [
        "Vous avez demandé à utiliser cette adresse pour votre espace citoyens. Elle remplacera l'ancienne quand vous aurez suivi le lien ci-dessous (valable 24 heures).",
      ],
      action: { label: 'Confirmer ma nouvelle adresse', url: link },
      signature: signature(commune),
    }),

  emailChangeRequested: (commune: Commune, to: { email: string; greeting: string }, newEmail: string) =>
    accountMail(commune, to.email, 'Changement d’adresse e-mail demandé', {
      greeting: `Bonjour ${to.greeting},`,
      paragraphs: [
        `Un changement de l'adresse e-mail de votre espace citoyens vers ${newEmail} a été demandé. Il prendra effet quand la nouvelle adresse sera confirmée.`,
        `Si vous n'êtes pas à l'origine de cette demande, changez votre mot de passe et prévenez le guichet unique au ${commune.desk.phone}.`,
      ],
      signature: signature(commune),
    }),

  emailChanged: (commune: Commune, to: { email: string; greeting: string }, newEmail: string) =>
    accountMail(commune, to.email, 'Votre adresse e-mail a changé', {
      greeting: `Bonjour ${to.greeting},`,
      paragraphs: [
        `L'adresse e-mail de votre espace citoyens est désormais ${newEmail}. Les messages de l'espace ne seront plus envoyés à cette adresse-ci.`,
        `Si vous n'êtes pas à l'origine de ce changement, prévenez tout de suite le guichet unique au ${commune.desk.phone}.`,
      ],
      signature: signature(commune),
    }),
};
