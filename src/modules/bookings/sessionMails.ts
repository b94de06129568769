import { communeMail, deskSignature } from '../../platform/mail/communeMail.js';
import type { MailMessage } from '../../platform/mail/mailer.js';
import { formatLocalDateTime } from '../../shared/dates.js';
import { formatDay } from '../../shared/localDays.js';
import type { Commune } from '../communes/domain/commune.js';

export interface Recipient {
  email: string;
  greeting: string;
}

/** What a mail says of the session and the child: names and dates only, never a health note. */
export interface SessionMailFacts {
  childFirstName: string;
  sessionName: string;
  startsOn: string;
  endsOn: string;
  /** The link to « Activités vacances » on the family's portal. */
  link: string;
}

const dates = (facts: SessionMailFacts) => `du ${formatDay(facts.startsOn)} au ${formatDay(facts.endsOn)}`;

const action = (facts: SessionMailFacts) => ({ label: 'Voir les activités vacances', url: facts.link });

/** Until when the family can give the place back without charge, when it still can. */
function cancellationHint(onTimeUntil: Date | null): string[] {
  return onTimeUntil
    ? [
        `Si vous n’en avez plus besoin, annulez la réservation depuis votre espace avant le ${formatLocalDateTime(onTimeUntil)} : elle ne sera pas facturée.`,
      ]
    : ['Le délai d’annulation sans frais est passé : si vous annulez, la session reste facturée.'];
}

/**
 * The mails of the holiday sessions. They tell the family what happened to its place; the guichet's
 * reason is the agent's own words, given so that the family understands a change it did not make.
 */
export const sessionMails = {
  /** The waiting-list job gave the child a freed place. */
  placeFreed: (commune: Commune, to: Recipient, facts: SessionMailFacts, onTimeUntil: Date | null): MailMessage =>
    communeMail(commune, to.email, 'Une place s’est libérée', {
      greeting: `Bonjour ${to.greeting},`,
      paragraphs: [
        `Une place s’est libérée pour la session « ${facts.sessionName} » (${dates(facts)}) : elle est attribuée à ${facts.childFirstName}, qui était sur la liste d’attente.`,
        ...cancellationHint(onTimeUntil),
      ],
      action: action(facts),
      signature: deskSignature(commune),
    }),

  /** An agent gave the child a place from the waiting list. */
  promotedByDesk: (
    commune: Commune,
    to: Recipient,
    facts: SessionMailFacts,
    reason: string,
    onTimeUntil: Date | null,
  ): MailMessage =>
    communeMail(commune, to.email, 'Une place s’est libérée', {
      greeting: `Bonjour ${to.greeting},`,
      paragraphs: [
        `Le guichet unique a attribué une place de la session « ${facts.sessionName} » (${dates(facts)}) à ${facts.childFirstName}, qui était sur la liste d’attente.`,
        `Motif : ${reason}`,
        ...cancellationHint(onTimeUntil),
      ],
      action: action(facts),
      signature: deskSignature(commune),
    }),

  /** An agent took the child's place, or waiting entry, away. */
  removedByDesk: (
    commune: Commune,
    to: Recipient,
    facts: SessionMailFacts,
    wasWaiting: boolean,
    reason: string,
  ): MailMessage =>
    communeMail(
      commune,
      to.email,
      wasWaiting ? 'Retrait de la liste d’attente' : 'Réservation retirée par le guichet unique',
      {
        greeting: `Bonjour ${to.greeting},`,
        paragraphs: [
          wasWaiting
            ? `Le guichet unique a retiré ${facts.childFirstName} de la liste d’attente de la session « ${facts.sessionName} » (${dates(facts)}).`
            : `Le guichet unique a retiré la réservation de ${facts.childFirstName} pour la session « ${facts.sessionName} » (${dates(facts)}).`,
          `Motif : ${reason}`,
          'Pour toute question, contactez le guichet unique.',
        ],
        action: action(facts),
        signature: deskSignature(commune),
      },
    ),
};
