import type { FamilyExport } from '../../../familyExport.js';
import { formatEuros } from '../../../../../shared/money.js';
import { DataSection, Rows, plain } from './MyDataParts.js';

/** What the readable export needs to name services and sessions: their names, not their ids. */
export interface ReservationNames {
  service: (id: unknown) => string;
  session: (id: unknown) => string;
}

const bookingStates: Record<string, string> = { reserve: 'Réservé', annule: 'Annulé' };
const sessionStates: Record<string, string> = { inscrit: 'Inscrit', attente: 'Liste d’attente', annule: 'Annulé' };
const reasons: Record<string, string> = { maladie: 'Maladie', autre: 'Autre motif' };
const yesNo = (value: unknown) => (value ? 'Oui' : 'Non');
// An exported amount is integer cents; anything else (an absent price) reads as a dash.
const euros = (value: unknown) => (typeof value === 'number' && Number.isSafeInteger(value) ? formatEuros(value) : '—');

/** The reservations' part of « Télécharger mes données »: one table per kind of data. */
export function MyReservationsData({
  data,
  memberName,
  names,
}: {
  data: FamilyExport;
  memberName: (id: unknown) => string;
  names: ReservationNames;
}) {
  return (
    <>
      <DataSection title="Les inscriptions aux services">
        <Rows
          caption="Les inscriptions aux services"
          rows={data.enrolments}
          fields={[
            ['memberId', 'Enfant', memberName],
            ['serviceId', 'Service', names.service],
            ['status', 'État', (v) => (v === 'active' ? 'Active' : 'Terminée')],
            ['createdAt', 'Depuis le'],
          ]}
        />
      </DataSection>
      <DataSection
        title="Les réservations"
        about="Chaque jour réservé ou annulé, avec son prix et sa majoration au moment de la réservation."
      >
        <Rows
          caption="Les réservations"
          rows={data.bookings}
          fields={[
            ['day', 'Jour'],
            ['memberId', 'Enfant', memberName],
            ['serviceId', 'Service', names.service],
            ['unit', 'Formule'],
            ['status', 'État', (v) => bookingStates[String(v)] ?? plain(v)],
            ['unitPriceCents', 'Prix', euros],
            ['majorationCents', 'Majoration', euros],
            ['bookedAt', 'Réservé le'],
            ['cancelledAt', 'Annulé le'],
            ['cancelledLate', 'Annulé hors délai', yesNo],
          ]}
        />
      </DataSection>
      <DataSection title="Les activités vacances">
        <Rows
          caption="Les activités vacances"
          rows={data.session_bookings}
          fields={[
            ['sessionId', 'Session', names.session],
            ['memberId', 'Enfant', memberName],
            ['status', 'État', (v) => sessionStates[String(v)] ?? plain(v)],
            ['priceCents', 'Prix', euros],
            ['majorationCents', 'Majoration', euros],
            ['createdAt', 'Demandé le'],
            ['cancelledAt', 'Annulé le'],
          ]}
        />
      </DataSection>
      <DataSection title="Les absences signalées">
        <Rows
          caption="Les absences signalées"
          rows={data.absences}
          fields={[
            ['memberId', 'Enfant', memberName],
            ['firstDay', 'Du'],
            ['lastDay', 'Au'],
            ['reason', 'Motif', (v) => reasons[String(v)] ?? plain(v)],
            ['note', 'Précision'],
            ['justified', 'Justifiée', yesNo],
            ['reportedAt', 'Signalée le'],
          ]}
        />
      </DataSection>
      <DataSection title="Les présences" about="Le pointage des animateurs, jour par jour.">
        <Rows
          caption="Les présences"
          rows={data.attendance}
          fields={[
            ['day', 'Jour'],
            ['memberId', 'Enfant', memberName],
            ['serviceId', 'Service', names.service],
            ['present', 'Présent', yesNo],
          ]}
        />
      </DataSection>
      <DataSection
        title="Les abonnements à l’agenda"
        about="Les liens d’agenda créés : leurs dates seulement, jamais le lien."
      >
        <Rows
          caption="Les abonnements à l’agenda"
          rows={data.calendar_feeds}
          fields={[
            ['memberId', 'Enfant', memberName],
            ['createdAt', 'Créé le'],
            ['revokedAt', 'Révoqué le'],
          ]}
        />
      </DataSection>
    </>
  );
}
