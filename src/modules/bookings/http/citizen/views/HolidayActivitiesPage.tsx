import { agreed } from '../../../../../shared/words.js';
import type { ComponentChildren } from 'preact';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { PostForm } from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatEuros } from '../../../../../shared/money.js';
import type { FamilyPrices } from '../../../../billing/familyPrices.js';
import { describePlacesLeft } from '../../../domain/sessionRules.js';
import type { ChildSessions, SessionOffer } from '../../../sessionBookingService.js';
import { RefusalText, TimingLine, ageRange, childName, sessionDates } from './sessionParts.js';

export interface PageNotice {
  kind: 'success' | 'error';
  children: ComponentChildren;
}

/** The session's price at the family's tariff (its own price when the commune set none per bracket). */
function SessionTariff({ offer, prices }: { offer: SessionOffer; prices?: FamilyPrices | undefined }) {
  const { session } = offer;
  if (!prices) return <>{formatEuros(session.priceCents)}</>;
  const price = prices.session(session.id, session.startsOn, session.priceCents);
  return (
    <>
      {formatEuros(price.unitPriceCents)}, au tarif de votre famille
      {price.withoutQf ? <strong> (QF non fourni : tarif maximal)</strong> : null}
    </>
  );
}

/** Where the child stands: a place, or a position on the waiting list (their rank among those still waiting). */
function BookingState({ offer }: { offer: SessionOffer }) {
  const { booking } = offer;
  if (!booking) return null;
  if (booking.status === 'inscrit')
    return <strong>{agreed(offer.member.sex, { masculine: 'Inscrit', feminine: 'Inscrite' })} à cette session</strong>;
  return <strong>Liste d’attente : position {booking.rank ?? '?'}</strong>;
}

function SessionCard({ context, offer, prices }: { context: PageContext; offer: SessionOffer; prices?: FamilyPrices }) {
  const paths = communePaths(context.commune!);
  const { session, member, booking } = offer;
  const headingId = `session-${session.id}-${member.id}`;
  return (
    <article class="card session-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{session.name}</h3>
      {session.description ? <p>{session.description}</p> : null}
      <dl class="facts">
        <dt>Dates</dt>
        <dd>{sessionDates(session)}</dd>
        <dt>Âges</dt>
        <dd>{ageRange(session)}</dd>
        <dt>Tarif</dt>
        <dd>
          <SessionTariff offer={offer} prices={prices} />
        </dd>
        <dt>Places</dt>
        <dd>{describePlacesLeft(session)}</dd>
        <dt>Délai</dt>
        <dd>
          <TimingLine offer={offer} />
        </dd>
      </dl>
      {booking ? (
        <div class="actions">
          <p>
            <BookingState offer={offer} />
            {booking.late && booking.majorationRule
              ? ` (réservation avec majoration ${booking.majorationRule} : ${formatEuros(booking.majorationCents)})`
              : ''}
          </p>
          {booking.status === 'attente' || offer.timing.timing !== 'refused' ? (
            <PostForm context={context} action={paths.cancelSession(session.id)} class="inline-form">
              <input type="hidden" name="memberId" value={member.id} />
              <button type="submit" class="button button--secondary">
                {booking.status === 'attente' ? 'Quitter la liste d’attente' : 'Annuler'}
                <span class="visually-hidden">
                  {' '}
                  : {session.name} pour {member.firstName}
                </span>
              </button>
            </PostForm>
          ) : null}
        </div>
      ) : offer.refusal ? (
        <p>
          <RefusalText commune={context.commune!} offer={offer} />
        </p>
      ) : (
        <PostForm context={context} action={paths.bookSession(session.id)} class="inline-form">
          <input type="hidden" name="memberId" value={member.id} />
          <button type="submit" class="button">
            {session.booked >= session.places ? 'S’inscrire sur la liste d’attente' : 'Réserver'}
            <span class="visually-hidden">
              {' '}
              : {session.name} pour {member.firstName}
            </span>
          </button>
        </PostForm>
      )}
    </article>
  );
}

/**
 * « Activités vacances »: for each child, the coming sessions open to their age, with their places
 * left and until when a booking can change; book, join the waiting list, see the position, cancel.
 */
export function HolidayActivitiesPage({
  context,
  children,
  notice,
  prices,
}: {
  context: PageContext;
  children: ChildSessions[];
  notice?: PageNotice;
  prices?: FamilyPrices;
}) {
  const paths = communePaths(context.commune!);
  return (
    <Layout context={context} title="Activités vacances">
      <h1>Activités vacances</h1>
      {notice ? (
        <div
          class={notice.kind === 'error' ? 'notice notice--error' : 'notice notice--success'}
          role={notice.kind === 'error' ? 'alert' : 'status'}
        >
          <p>{notice.children}</p>
        </div>
      ) : null}
      <p>
        Des sessions de sport et de loisirs pendant les vacances scolaires, aux places limitées : premier arrivé,
        premier servi. Quand une session est complète, votre enfant peut s’inscrire sur sa liste d’attente ; si une
        place se libère, elle est attribuée au premier de la liste, et vous êtes prévenu par e-mail.
      </p>
      <p>
        Une réservation faite ou annulée dans le délai indiqué ne coûte rien de plus ; après ce délai, une réservation
        porte une majoration et une annulation reste facturée.
      </p>
      {children.length === 0 ? (
        <p>
          Aucun enfant n’est enregistré dans votre dossier famille. <a href={paths.myFamily}>Voir ma famille</a>
        </p>
      ) : (
        children.map(({ member, offers }) => (
          <section key={member.id} aria-labelledby={`enfant-${member.id}`}>
            <h2 id={`enfant-${member.id}`}>{childName(member)}</h2>
            {offers.length === 0 ? (
              <p>Aucune session à venir n’est ouverte à l’âge de {member.firstName}.</p>
            ) : (
              offers.map((offer) => (
                <SessionCard key={offer.session.id} context={context} offer={offer} prices={prices} />
              ))
            )}
          </section>
        ))
      )}
      <p>
        <a href={paths.myFamily}>Retour à ma famille</a>
      </p>
    </Layout>
  );
}
