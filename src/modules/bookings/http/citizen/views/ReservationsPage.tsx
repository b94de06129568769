import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { ChildBookings } from '../../../bookingService.js';
import { childName } from './reservationParts.js';

/** « Modifier les réservations »: the family's children, each with the services they may book and a link to their calendar. */
export function ReservationsPage({ context, children }: { context: PageContext; children: ChildBookings[] }) {
  const paths = communePaths(context.commune!);
  return (
    <Layout context={context} title="Modifier les réservations">
      <p>
        <a href={paths.myFamily}>Retour à Ma famille</a>
      </p>
      <h1>Modifier les réservations</h1>
      <p>
        Réservez, modifiez ou annulez les jours d’accueil du matin et du soir, de restauration scolaire et de l’accueil
        de loisirs du mercredi. Chaque jour indique jusqu’à quand il est modifiable ; après la date limite, une
        réservation porte une majoration et une annulation reste facturée.
      </p>
      {children.length === 0 ? (
        <p>Aucun enfant n’est enregistré dans votre dossier famille.</p>
      ) : (
        <ul>
          {children.map(({ member, services }) => (
            <li key={member.id}>
              {services.length > 0 ? (
                <>
                  <a href={paths.memberReservations(member.id)}>Réservations de {childName(member)}</a> :{' '}
                  {services.map((service) => service.name).join(', ')}
                </>
              ) : (
                <>
                  {childName(member)} n’a pas d’inscription acceptée pour l’année en cours.{' '}
                  <a href={paths.newInscription}>
                    Créer une inscription<span class="visually-hidden"> pour {member.firstName}</span>
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
