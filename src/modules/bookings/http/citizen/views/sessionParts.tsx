import { communePaths } from '../../../../../platform/views/paths.js';
import { formatLocalTime } from '../../../../../shared/dates.js';
import { formatDay, localDayOf } from '../../../../../shared/localDays.js';
import { formatEuros } from '../../../../../shared/money.js';
import type { Commune } from '../../../../communes/domain/commune.js';
import type { ActivitySession } from '../../../../services/serviceCatalogue.js';
import type { SessionOffer } from '../../../sessionBookingService.js';

/**
 * What the family's pages of the holiday sessions share: the session's dates and ages as French
 * reads them, until when a booking can change, and why a child cannot book.
 */

/** « du lundi 21 décembre 2026 au jeudi 24 décembre 2026 », or « le … » for a single day. */
export function sessionDates(session: Pick<ActivitySession, 'startsOn' | 'endsOn'>): string {
  return session.startsOn === session.endsOn
    ? `le ${formatDay(session.startsOn)}`
    : `du ${formatDay(session.startsOn)} au ${formatDay(session.endsOn)}`;
}

/** « de 6 à 11 ans » */
export function ageRange(session: Pick<ActivitySession, 'minAge' | 'maxAge'>): string {
  return session.minAge === session.maxAge ? `${session.minAge} ans` : `de ${session.minAge} à ${session.maxAge} ans`;
}

/** « lundi 23 novembre 2026 à 23:59 »: an instant of the deadline engine, in the commune's time. */
export function untilText(instant: Date): string {
  return `${formatDay(localDayOf(instant))} à ${formatLocalTime(instant)}`;
}

/** « Rémi DUPONT » */
export function childName(member: { firstName: string; lastName: string }): string {
  return `${member.firstName} ${member.lastName.toLocaleUpperCase('fr-FR')}`;
}

/** Until when the booking can change, as each session shows it (PRODUCT.md: « modifiable jusqu'au … »). */
export function TimingLine({ offer }: { offer: SessionOffer }) {
  const { timing, price } = offer;
  if (timing.timing === 'on-time') return <>Modifiable jusqu’au {untilText(timing.onTimeUntil)}</>;
  if (timing.timing === 'late') {
    return (
      <>
        Avec majoration depuis le {untilText(timing.onTimeUntil)} : réservation possible jusqu’au{' '}
        {untilText(timing.cutoff)} avec une majoration de {price.majorationRule} ({formatEuros(price.majorationCents)})
        ; une annulation reste facturée.
      </>
    );
  }
  return <>Réservations et annulations en ligne closes : contactez le guichet unique.</>;
}

/** Why this child cannot book this session now, with what to do about it. */
export function RefusalText({ commune, offer }: { commune: Commune; offer: SessionOffer }) {
  const name = offer.member.firstName;
  switch (offer.refusal) {
    case 'age':
      return (
        <>
          Cette session est ouverte aux enfants {ageRange(offer.session)} le premier jour ; {name} aura {offer.age} ans.
        </>
      );
    case 'not-enrolled':
      return (
        <>
          {name} n’a pas d’inscription au service « {offer.service.name} » pour cette année scolaire : faites d’abord la
          demande d’inscription. <a href={communePaths(commune).newInscription}>Créer une inscription</a>
        </>
      );
    case 'cut-off':
      return (
        <>
          Les réservations en ligne de cette session sont closes depuis le {untilText(offer.timing.cutoff)} : contactez
          le guichet unique.
        </>
      );
    case 'passe':
      return <>Cette session a commencé : elle ne peut plus être réservée en ligne.</>;
    default:
      return null;
  }
}
