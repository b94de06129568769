import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { PostForm } from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatEuros } from '../../../../../shared/money.js';
import type { SessionBooking } from '../../../sessionBookingsRepository.js';
import type { SessionOffer } from '../../../sessionBookingService.js';
import { childName, sessionDates, untilText } from './sessionParts.js';

/** The step before a cancellation: what it costs (nothing on time, the session after the deadline) and what it frees. */
export function ConfirmSessionCancelPage({
  context,
  offer,
  booking,
}: {
  context: PageContext;
  offer: SessionOffer;
  booking: SessionBooking;
}) {
  const paths = communePaths(context.commune!);
  const { session, member, timing } = offer;
  const waiting = booking.status === 'attente';
  const title = waiting ? 'Quitter la liste d’attente' : 'Annuler la réservation';
  return (
    <Layout context={context} title={title}>
      <h1>{title}</h1>
      <dl class="facts">
        <dt>Enfant</dt>
        <dd>{childName(member)}</dd>
        <dt>Session</dt>
        <dd>{session.name}</dd>
        <dt>Dates</dt>
        <dd>{sessionDates(session)}</dd>
      </dl>
      {waiting ? (
        <p>
          {member.firstName} quittera la liste d’attente de cette session. Pour y revenir, il faudra s’inscrire à
          nouveau, en dernière position.
        </p>
      ) : timing.timing === 'on-time' ? (
        <p>
          L’annulation est faite dans le délai : elle ne sera pas facturée. La place libérée sera attribuée au premier
          de la liste d’attente.
        </p>
      ) : (
        <p>
          <strong>
            Le délai d’annulation sans frais est passé depuis le {untilText(timing.onTimeUntil)} : la session restera
            facturée ({formatEuros(booking.priceCents + booking.majorationCents)}).
          </strong>{' '}
          Si votre enfant est malade, <a href={paths.newAbsence}>signalez plutôt une absence</a> avec un certificat
          médical.
        </p>
      )}
      <div class="actions">
        <PostForm context={context} action={paths.cancelSession(session.id)} class="inline-form">
          <input type="hidden" name="memberId" value={member.id} />
          <input type="hidden" name="confirmation" value="oui" />
          <button type="submit" class="button button--danger">
            {waiting ? 'Oui, quitter la liste d’attente' : 'Oui, annuler la réservation'}
          </button>
        </PostForm>
        <a href={paths.holidayActivities}>Non, revenir aux activités vacances</a>
      </div>
    </Layout>
  );
}
