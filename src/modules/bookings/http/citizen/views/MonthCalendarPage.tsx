import { ErrorSummary, type FormState, PostForm, formTitle } from '../../../../../platform/views/components/forms.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatDay, formatMonth, type LocalDay } from '../../../../../shared/localDays.js';
import { formatEuros } from '../../../../../shared/money.js';
import type { CatalogueService } from '../../../../services/domain/catalogueService.js';
import type { CellState, MonthView } from '../../../bookingService.js';
import type { Booking } from '../../../bookingsRepository.js';
import { cellKey } from '../../../domain/cells.js';
import { calendarLabels, cellField } from '../reservationForms.js';
import { childName, dayInMonth, shortDateTime, unitLabel } from './reservationParts.js';

/** What the last confirmation wrote, read back from the bookings: the list under « Vos réservations sont enregistrées ». */
export interface WrittenList {
  booked: Booking[];
  cancelled: Booking[];
}

/**
 * A child's month: an accessible table (a row per day, a column per service the child is enrolled
 * in), a box or a list per cell the parent can still change, and each cell's state in words. Saving
 * goes to the summary; nothing is written from this page.
 */
export function MonthCalendarPage({
  context,
  view,
  written,
  form,
}: {
  context: PageContext;
  view: MonthView;
  written?: WrittenList | null;
  form?: FormState;
}) {
  const paths = communePaths(context.commune!);
  const name = childName(view.member);
  const title = `Réservations de ${name} : ${formatMonth(view.month)}`;
  const editable = view.days.flatMap(({ day, cells }) =>
    cells.filter(({ state }) => isEditable(state)).map(({ serviceId }) => `${day}:${serviceId}`),
  );
  return (
    <Layout context={context} title={form ? formTitle(title, form) : title}>
      <p>
        <a href={paths.reservations}>Retour à Modifier les réservations</a>
      </p>
      <h1>Réservations de {name}</h1>
      {form ? <ErrorSummary form={form} labels={calendarLabels} /> : null}
      {written ? <WrittenNotice services={view.bookable} written={written} /> : null}
      <nav aria-label="Mois" class="actions">
        <a href={paths.memberReservations(view.member.id, view.previous)}>
          Mois précédent : {formatMonth(view.previous)}
        </a>
        <a href={paths.memberReservations(view.member.id, view.next)}>Mois suivant : {formatMonth(view.next)}</a>
        <a href={paths.weekPattern(view.member.id)}>Semaine type : réserver une période en une fois</a>
      </nav>
      {view.services.length === 0 ? (
        <p>
          {view.member.firstName} n’est inscrit(e) à aucun service pour ce mois.{' '}
          <a href={paths.newInscription}>Créer une inscription</a>
        </p>
      ) : (
        <PostForm context={context} action={paths.reservationsSummary(view.member.id)}>
          <p>
            Cochez les jours à réserver, décochez ceux à annuler, puis affichez le récapitulatif : rien n’est enregistré
            avant que vous le confirmiez. Une modification après la date limite porte une majoration ; une annulation
            après la date limite reste facturée.
          </p>
          <input type="hidden" name="mois" value={view.month} />
          <input type="hidden" name="cellules" value={editable.join(' ')} />
          <div
            class="table-wrap"
            role="region"
            aria-label={`Calendrier de ${formatMonth(view.month)}`}
            tabIndex={0}
            id="champ-calendrier"
          >
            <table class="data calendar" data-reservations>
              <caption>
                {name} — {formatMonth(view.month)}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Jour</th>
                  {view.services.map((service) => (
                    <th scope="col" key={service.id}>
                      {service.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {view.days.map(({ day, cells }) => (
                  <DayRow key={day} day={day} services={view.services} cells={cells} />
                ))}
              </tbody>
            </table>
          </div>
          <div id="resume-direct" class="live-summary" hidden></div>
          <button type="submit" class="button">
            Voir le récapitulatif
          </button>
          <script src={context.assets.reservationsScript} defer nonce={context.nonce}></script>
        </PostForm>
      )}
    </Layout>
  );
}

const isEditable = (state: CellState): boolean =>
  state.kind === 'ouvert' && state.timing !== 'refused' && (state.bookedUnit !== null || !state.complet);

function DayRow({
  day,
  services,
  cells,
}: {
  day: LocalDay;
  services: CatalogueService[];
  cells: { serviceId: string; state: CellState }[];
}) {
  const first = cells[0]?.state;
  // A day closed for every service says it once, across the row.
  const allClosed =
    first?.kind === 'ferme' && cells.every(({ state }) => state.kind === 'ferme' && state.label === first.label);
  return (
    <tr>
      <th scope="row">{dayInMonth(day)}</th>
      {allClosed ? (
        <td colSpan={cells.length}>
          fermé <span class="cell-note">({first.label})</span>
        </td>
      ) : (
        cells.map(({ serviceId, state }, index) => (
          <Cell key={serviceId} day={day} service={services[index]!} state={state} />
        ))
      )}
    </tr>
  );
}

function Cell({ day, service, state }: { day: LocalDay; service: CatalogueService; state: CellState }) {
  if (state.kind === 'ferme') {
    return (
      <td>
        fermé <span class="cell-note">({state.label})</span>
      </td>
    );
  }
  if (state.kind === 'non-inscrit') return <td>non inscrit</td>;
  const booked = state.bookedUnit;
  const withUnit = (text: string, code: string) =>
    `${text}${unitLabel(service, code) ? ` : ${unitLabel(service, code)}` : ''}`;
  // A day cancelled late is still billed: booking it again puts it back without majoration.
  const word = booked
    ? withUnit('réservé', booked)
    : state.complet
      ? 'complet'
      : state.cancelledLate
        ? `${withUnit('annulé hors délai', state.cancelledLate)} (reste facturé)`
        : 'libre';
  if (!isEditable(state)) {
    return (
      <td>
        {word}
        {state.timing === 'refused' ? <span class="cell-note">hors délai</span> : null}
      </td>
    );
  }
  const id = `c-${day}-${service.id}`;
  const note =
    state.timing === 'on-time'
      ? `modifiable jusqu'au ${shortDateTime(state.onTimeUntil)}`
      : booked === null && state.cancelledLate !== null && service.units.length === 1
        ? `à réserver de nouveau sans majoration jusqu'au ${shortDateTime(state.cutoff)}`
        : `avec majoration (${state.majorationRule}) jusqu'au ${shortDateTime(state.cutoff)}`;
  const data = {
    'data-cellule': `${day}:${service.id}`,
    'data-jour': formatDay(day),
    'data-service': service.name,
    'data-actuel': booked ?? '',
    'data-delai': state.timing,
    'data-regle': state.majorationRule,
  };
  const label = `${service.name}, ${formatDay(day)}`;
  return (
    <td class={state.timing === 'late' ? 'cell--late' : undefined}>
      {service.units.length > 1 ? (
        <>
          <label for={id} class="visually-hidden">
            {label}
          </label>
          <select id={id} name={cellField(day, service.id)} aria-describedby={`${id}-etat`} {...data}>
            <option value="" selected={booked === null} data-libelle="Pas de réservation">
              Pas de réservation
            </option>
            {service.units.map((unit) => (
              <option
                key={unit.code}
                value={unit.code}
                selected={booked === unit.code}
                data-libelle={unit.label}
                data-majoration={String(state.majorations[unit.code] ?? 0)}
              >
                {unit.label}
              </option>
            ))}
          </select>
        </>
      ) : (
        <div class="choice">
          <input
            type="checkbox"
            id={id}
            name={cellField(day, service.id)}
            value={service.units[0]!.code}
            checked={booked !== null}
            aria-describedby={`${id}-etat`}
            data-majoration={String(state.majorations[service.units[0]!.code] ?? 0)}
            {...data}
          />
          <label for={id}>
            <span class="visually-hidden">{label} : </span>
            {word}
          </label>
        </div>
      )}
      <span class="cell-note" id={`${id}-etat`}>
        {service.units.length > 1 ? `${word} ; ` : ''}
        {note}
      </span>
    </td>
  );
}

/** « Vos réservations sont enregistrées » and what changed, each line with what it costs or keeps billable. */
function WrittenNotice({
  services: byId,
  written,
}: {
  services: ReadonlyMap<string, CatalogueService>;
  written: WrittenList;
}) {
  const replaced = new Map(written.cancelled.map((row) => [cellKey(row), row]));
  const booked = new Set(written.booked.map(cellKey));
  const lines = [
    ...written.booked.map((row) => {
      const before = replaced.get(cellKey(row));
      const service = byId.get(row.serviceId);
      const what = before
        ? `changé : ${unitLabel(service, before.unit) ?? before.unit} → ${unitLabel(service, row.unit) ?? row.unit}`
        : `réservé${unitLabel(service, row.unit) ? ` : ${unitLabel(service, row.unit)}` : ''}`;
      const cost = row.late
        ? ` (hors délai : majoration ${row.majorationRule ?? ''} soit ${formatEuros(row.majorationCents)})`
        : '';
      return { row, text: `${what}${cost}` };
    }),
    ...written.cancelled
      .filter((row) => !booked.has(cellKey(row)))
      .map((row) => ({ row, text: row.cancelledLate ? 'annulé (hors délai : reste facturé)' : 'annulé' })),
  ].sort((a, b) => (a.row.day === b.row.day ? 0 : a.row.day < b.row.day ? -1 : 1));
  return (
    <div class="notice notice--success" role="status">
      <p>Vos réservations sont enregistrées.</p>
      {lines.length === 0 ? (
        <p>Elles étaient déjà dans l’état demandé : rien n’a changé.</p>
      ) : (
        <ul>
          {lines.map(({ row, text }) => (
            <li key={`${row.id}`}>
              {formatDay(row.day)} — {byId.get(row.serviceId)?.name ?? 'Service'} : {text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
