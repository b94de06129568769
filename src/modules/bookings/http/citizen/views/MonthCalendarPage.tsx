import { agreed } from '../../../../../shared/words.js';
import { ErrorSummary, type FormState, PostForm, formTitle } from '../../../../../platform/views/components/forms.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatDay, formatMonth } from '../../../../../shared/localDays.js';
import { formatEuros } from '../../../../../shared/money.js';
import type { FamilyPrices } from '../../../../billing/familyPrices.js';
import type { CatalogueService } from '../../../../services/domain/catalogueService.js';
import type { MonthView } from '../../../bookingService.js';
import type { Booking } from '../../../bookingsRepository.js';
import { cellKey } from '../../../domain/cells.js';
import { calendarLabels } from '../reservationForms.js';
import { DayItem, isEditable, Legend, type WantedCells } from './monthCalendarParts.js';
import { childName, unitLabel } from './reservationParts.js';

/** What the last confirmation wrote, read back from the bookings: the list under « Vos réservations sont enregistrées ». */
export interface WrittenList {
  booked: Booking[];
  cancelled: Booking[];
}

const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

/**
 * A child's month: a calendar of weeks × days on a computer, the days one after the other on a phone
 * (the same list, laid out by the style sheet), each day with each service the child is enrolled in,
 * its state in words and by a mark, its deadline and its price at the family's tariff. A box or a list
 * per service the parent can still change; saving goes to the summary, nothing is written from here.
 */
export function MonthCalendarPage({
  context,
  view,
  written,
  form,
  prices,
  wanted,
}: {
  context: PageContext;
  view: MonthView;
  written?: WrittenList | null;
  form?: FormState;
  prices?: FamilyPrices;
  wanted?: WantedCells;
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
          {view.member.firstName} n’est{' '}
          {agreed(view.member.sex, { masculine: 'inscrit', feminine: 'inscrite', unknown: 'inscrit(e)' })} à aucun
          service pour ce mois. <a href={paths.newInscription}>Créer une inscription</a>
        </p>
      ) : (
        <PostForm context={context} action={paths.reservationsSummary(view.member.id)}>
          <p>
            Cochez les jours à réserver, décochez ceux à annuler, puis affichez le récapitulatif : rien n’est enregistré
            avant que vous le confirmiez. Une réservation après la date limite porte une majoration ; une annulation
            après la date limite reste facturée.
          </p>
          {prices ? <TariffNote view={view} prices={prices} /> : null}
          <Legend />
          <input type="hidden" name="mois" value={view.month} />
          <input type="hidden" name="cellules" value={editable.join(' ')} />
          <section class="month" aria-labelledby="titre-mois" id="champ-calendrier" tabIndex={-1}>
            <h2 id="titre-mois">
              {name} — {formatMonth(view.month)}
            </h2>
            <div class="month__weekdays" aria-hidden="true">
              {WEEKDAYS.map((weekday) => (
                <span key={weekday}>{weekday}</span>
              ))}
            </div>
            <ol class="month__days" data-reservations>
              {view.days.map(({ day, cells }) => (
                <DayItem key={day} day={day} services={view.services} cells={cells} prices={prices} wanted={wanted} />
              ))}
            </ol>
          </section>
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

/** Whose tariff the prices are: the family's bracket, or the highest one for the days no QF covers. */
function TariffNote({ view, prices }: { view: MonthView; prices: FamilyPrices }) {
  const withoutQf = view.days.some(({ day, cells }) =>
    cells.some(({ serviceId, state }) => {
      const service = view.bookable.get(serviceId);
      return state.kind === 'ouvert' && service && prices.unit(day, service, service.units[0]!.code, false).withoutQf;
    }),
  );
  return (
    <p class="tariff-note">
      Les prix indiqués sont ceux de votre famille, selon son quotient familial (QF).
      {withoutQf ? (
        <strong> QF non fourni : tarif maximal. Transmettez votre attestation au guichet unique.</strong>
      ) : null}
    </p>
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
        ? ` (avec majoration ${row.majorationRule ?? ''} soit ${formatEuros(row.majorationCents)})`
        : '';
      return { row, text: `${what}${cost}` };
    }),
    ...written.cancelled
      .filter((row) => !booked.has(cellKey(row)))
      .map((row) => ({ row, text: row.cancelledLate ? 'annulé après la date limite (reste facturé)' : 'annulé' })),
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
