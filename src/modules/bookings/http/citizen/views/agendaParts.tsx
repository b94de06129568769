import { communePaths } from '../../../../../platform/views/paths.js';
import { formatDay } from '../../../../../shared/localDays.js';
import type { Commune } from '../../../../communes/domain/commune.js';
import type { AgendaDay, AgendaEntry } from '../../../agendaService.js';

/** « Accueil de loisirs du mercredi (Journée) », « Activités vacances : Stage multisport ». */
export function entryLabel(entry: AgendaEntry): string {
  return `${entry.serviceName}${entry.unitLabel ? ` (${entry.unitLabel})` : ''}${entry.sessionName ? ` : ${entry.sessionName}` : ''}`;
}

/** Where the booking stands, in the family's words. */
export function entryState(entry: AgendaEntry): string {
  switch (entry.state) {
    case 'reserve':
      return entry.late
        ? `réservé avec majoration${entry.majorationRule ? ` (${entry.majorationRule})` : ''}`
        : 'réservé';
    case 'annule-facture':
      return 'annulé après la date limite, facturé';
    case 'inscrit':
      return 'inscrit';
    case 'attente':
      return entry.waitingPosition ? `liste d’attente, position ${entry.waitingPosition}` : 'liste d’attente';
  }
}

const reasons = { maladie: 'maladie', autre: 'autre motif' } as const;

export function absenceText(absence: { reason: 'maladie' | 'autre'; justified: boolean }): string {
  return `absence signalée (${reasons[absence.reason]}), ${absence.justified ? 'justifiée' : 'non justifiée'}`;
}

/** One line of a day: the service, its state, the absence reported and the pointage once taken. */
export function EntryLine({ entry }: { entry: AgendaEntry }) {
  const notes = [
    entryState(entry),
    entry.absence ? absenceText(entry.absence) : '',
    entry.attendance ? (entry.attendance === 'present' ? 'présent' : 'absent') : '',
  ].filter(Boolean);
  return (
    <li class={`agenda-entry agenda-entry--${entry.state}`}>
      <strong>{entryLabel(entry)}</strong> : {notes.join(' ; ')}
    </li>
  );
}

/** Absences of the day that no booking shows (reported for a service the child was not booked on). */
export function looseAbsences(day: AgendaDay) {
  return day.absences.filter((absence) => !day.entries.some((entry) => entry.absence?.id === absence.id));
}

/** A day as a list item: its date, then what the child does. */
export function DayItems({ day }: { day: AgendaDay }) {
  return (
    <ul class="agenda-day">
      {day.entries.map((entry) => (
        <EntryLine key={`${entry.id}-${entry.day}`} entry={entry} />
      ))}
      {looseAbsences(day).map((absence) => (
        <li key={absence.id} class="agenda-entry">
          {absenceText(absence).replace(/^a/, 'A')}
          {absence.serviceNames.length > 0 ? ` : ${absence.serviceNames.join(', ')}` : ''}
        </li>
      ))}
    </ul>
  );
}

/** The member page's « Agenda » section: the next seven days and the ways into the agenda. */
export function AgendaPreview({
  commune,
  member,
  days,
}: {
  commune: Commune;
  member: { id: string; firstName: string };
  days: AgendaDay[];
}) {
  const paths = communePaths(commune);
  return (
    <>
      <h3>Les 7 prochains jours</h3>
      {days.length === 0 ? (
        <p>Rien n’est prévu pour {member.firstName} dans les 7 prochains jours.</p>
      ) : (
        <ul class="agenda-list">
          {days.map((day) => (
            <li key={day.day}>
              <span class="agenda-list__day">{formatDay(day.day)}</span>
              <DayItems day={day} />
            </li>
          ))}
        </ul>
      )}
      <ul class="actions plain">
        <li>
          <a href={paths.agenda(member.id)}>Voir l’agenda de {member.firstName}</a>
        </li>
        <li>
          <a href={`${paths.agenda(member.id)}?vue=liste`}>Voir l’agenda en liste</a>
        </li>
        <li>
          <a href={paths.memberReservations(member.id)}>Modifier les réservations</a>
        </li>
      </ul>
    </>
  );
}
