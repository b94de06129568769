import { agreed } from '../../../../../shared/words.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  Checkbox,
  ErrorSummary,
  type FormState,
  PostForm,
  emptyForm,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatEuros } from '../../../../../shared/money.js';
import { describePlacesLeft } from '../../../domain/sessionRules.js';
import type { SessionOffer } from '../../../sessionBookingService.js';
import { TimingLine, childName, sessionDates, untilText } from './sessionParts.js';

export const confirmBookingLabels = { majoration: 'J’accepte la réservation avec majoration' };

/**
 * The step before a booking: the session, the price and, when late, the majoration, so that nothing
 * is charged that the parent has not seen (PRODUCT.md). A full session says the child will wait.
 */
export function ConfirmSessionBookingPage({
  context,
  offer,
  form = emptyForm,
}: {
  context: PageContext;
  offer: SessionOffer;
  form?: FormState;
}) {
  const paths = communePaths(context.commune!);
  const { session, member, price } = offer;
  const full = session.booked >= session.places;
  const title = full ? 'Confirmer l’inscription sur la liste d’attente' : 'Confirmer la réservation';
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <h1>{title}</h1>
      <ErrorSummary form={form} labels={confirmBookingLabels} />
      <dl class="facts">
        <dt>Enfant</dt>
        <dd>
          {childName(member)} ({offer.age} ans le premier jour)
        </dd>
        <dt>Session</dt>
        <dd>{session.name}</dd>
        <dt>Dates</dt>
        <dd>{sessionDates(session)}</dd>
        <dt>Places</dt>
        <dd>{describePlacesLeft(session)}</dd>
        <dt>Tarif</dt>
        <dd>{formatEuros(price.priceCents)}</dd>
        {price.late ? (
          <>
            <dt>Majoration</dt>
            <dd>
              {price.majorationRule} : {formatEuros(price.majorationCents)}
            </dd>
            <dt>Total</dt>
            <dd>
              <strong>{formatEuros(price.priceCents + price.majorationCents)}</strong>
            </dd>
          </>
        ) : null}
        <dt>Délai</dt>
        <dd>
          <TimingLine offer={offer} />
        </dd>
      </dl>
      {full ? (
        <p>
          Cette session est complète : en confirmant, {member.firstName} sera{' '}
          {agreed(member.sex, { masculine: 'inscrit', feminine: 'inscrite' })} sur sa liste d’attente. Si une place se
          libère, elle sera attribuée au premier de la liste et vous serez prévenu par e-mail.
        </p>
      ) : null}
      {price.late ? (
        <p>
          Le délai de réservation sans majoration est passé depuis le {untilText(offer.timing.onTimeUntil)} : la
          réservation porte une majoration de {formatEuros(price.majorationCents)}, et une annulation restera facturée.
        </p>
      ) : (
        <p>Vous pourrez annuler sans frais jusqu’au {untilText(offer.timing.onTimeUntil)}.</p>
      )}
      <PostForm context={context} action={paths.bookSession(session.id)}>
        <input type="hidden" name="memberId" value={member.id} />
        <input type="hidden" name="confirmation" value="oui" />
        {price.late ? (
          <Checkbox
            form={form}
            name="majoration"
            label={`${confirmBookingLabels.majoration} (${formatEuros(price.majorationCents)})`}
          />
        ) : null}
        <div class="actions">
          <button type="submit" class="button">
            {full ? 'Confirmer l’inscription sur la liste d’attente' : 'Confirmer la réservation'}
          </button>
          <a href={paths.holidayActivities}>Revenir aux activités vacances</a>
        </div>
      </PostForm>
    </Layout>
  );
}
