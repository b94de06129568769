import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { PostForm } from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import { addMonths, formatDay, formatMonth, isoWeekday, type LocalDay } from '../../../../../shared/localDays.js';
import type { AgendaDay, AgendaMonth } from '../../../agendaService.js';
import { DayItems } from './agendaParts.js';

export type AgendaView = 'mois' | 'liste';

const weekdays = [
  ['Lun', 'lundi'],
  ['Mar', 'mardi'],
  ['Mer', 'mercredi'],
  ['Jeu', 'jeudi'],
  ['Ven', 'vendredi'],
  ['Sam', 'samedi'],
  ['Dim', 'dimanche'],
] as const;

/** The month's days cut into weeks from Monday, with empty cells before the 1st and after the last day. */
function weeksOf(days: AgendaDay[]): (AgendaDay | null)[][] {
  const cells: (AgendaDay | null)[] = [...Array<null>(isoWeekday(days[0]!.day) - 1).fill(null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (AgendaDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

function MonthGrid({ agenda, today }: { agenda: AgendaMonth; today: LocalDay }) {
  return (
    <>
      <table class="agenda-month">
        <caption>
          Activités de {agenda.member.firstName} en {formatMonth(agenda.month)}
        </caption>
        <thead>
          <tr>
            {weekdays.map(([short, long]) => (
              <th scope="col" key={short}>
                <abbr title={long}>{short}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeksOf(agenda.days).map((week) => (
            <tr key={week.find((cell) => cell)?.day}>
              {week.map((cell, index) =>
                cell ? (
                  <td
                    key={cell.day}
                    aria-current={cell.day === today ? 'date' : undefined}
                    class={cell.day === today ? 'agenda-month__today' : undefined}
                  >
                    <span class="agenda-month__date" aria-hidden="true">
                      {Number(cell.day.slice(8))}
                    </span>
                    <span class="visually-hidden agenda-month__long">{formatDay(cell.day)}</span>
                    {cell.entries.length > 0 || cell.absences.length > 0 ? <DayItems day={cell} /> : null}
                  </td>
                ) : (
                  <td key={`vide-${index}`} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function DayList({ agenda }: { agenda: AgendaMonth }) {
  const busy = agenda.days.filter((day) => day.entries.length > 0 || day.absences.length > 0);
  if (busy.length === 0) return <p>Aucune activité en {formatMonth(agenda.month)}.</p>;
  return (
    <ul class="agenda-list">
      {busy.map((day) => (
        <li key={day.day}>
          <h3 class="agenda-list__day">{formatDay(day.day)}</h3>
          <DayItems day={day} />
        </li>
      ))}
    </ul>
  );
}

function FeedSection({ context, agenda }: { context: PageContext; agenda: AgendaMonth }) {
  const action = communePaths(context.commune!).agendaFeed(agenda.member.id);
  const { feed, member } = agenda;
  return (
    <section aria-labelledby="abonnement" class="file-section">
      <h2 id="abonnement">S’abonner au calendrier</h2>
      <p>
        Ajoutez l’agenda de {member.firstName} au calendrier de votre téléphone ou de votre ordinateur : il se met à
        jour tout seul. Le calendrier ne montre que le prénom, le service et le jour.
      </p>
      {feed ? (
        <>
          <p>
            Un lien d’abonnement est actif depuis le {formatLocalDateTime(feed.createdAt)}. Pour des raisons de
            sécurité, il n’est affiché qu’à sa création.
          </p>
          <div class="actions">
            <PostForm context={context} action={action} class="inline-form">
              <input type="hidden" name="action" value="creer" />
              <button type="submit" class="button button--secondary">
                Créer un nouveau lien
              </button>
            </PostForm>
            <PostForm context={context} action={action} class="inline-form">
              <input type="hidden" name="action" value="revoquer" />
              <button type="submit" class="button button--danger">
                Révoquer le lien
              </button>
            </PostForm>
          </div>
          <p class="meta">
            Créer un nouveau lien révoque l’ancien : les calendriers abonnés avec l’ancien lien ne sont plus mis à jour.
          </p>
        </>
      ) : (
        <PostForm context={context} action={action}>
          <input type="hidden" name="action" value="creer" />
          <button type="submit" class="button">
            Créer un lien d’abonnement
          </button>
        </PostForm>
      )}
    </section>
  );
}

/** A member's agenda, a month at a time, as a calendar table or a list, with its subscription link. */
export function AgendaPage({
  context,
  agenda,
  view,
  today,
  notice,
}: {
  context: PageContext;
  agenda: AgendaMonth;
  view: AgendaView;
  today: LocalDay;
  notice: string | null;
}) {
  const paths = communePaths(context.commune!);
  const { member, month } = agenda;
  const base = paths.agenda(member.id);
  const link = (target: string, shown: AgendaView) => `${base}?mois=${target}${shown === 'liste' ? '&vue=liste' : ''}`;
  const title = `Agenda de ${member.firstName}`;
  return (
    <Layout context={context} title={`${title}, ${formatMonth(month)}`}>
      <p>
        <a href={paths.member(member.id)}>
          Retour à la fiche de {member.firstName} {member.lastName.toLocaleUpperCase('fr-FR')}
        </a>
      </p>
      <h1>{title}</h1>
      {notice ? (
        <div class="notice notice--success" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <p>
        <a class="button" href={paths.memberReservations(member.id, month)}>
          Modifier les réservations
        </a>
      </p>
      <nav aria-label="Affichage de l’agenda" class="agenda-nav">
        <ul class="pager">
          <li>
            <a href={link(addMonths(month, -1), view)}>
              <span aria-hidden="true">← </span>Mois précédent
              <span class="visually-hidden"> : {formatMonth(addMonths(month, -1))}</span>
            </a>
          </li>
          <li>
            <a href={link(addMonths(month, 1), view)}>
              Mois suivant<span class="visually-hidden"> : {formatMonth(addMonths(month, 1))}</span>
              <span aria-hidden="true"> →</span>
            </a>
          </li>
          <li>
            <a href={link(month, 'mois')} aria-current={view === 'mois' ? 'page' : undefined}>
              Vue du mois
            </a>
          </li>
          <li>
            <a href={link(month, 'liste')} aria-current={view === 'liste' ? 'page' : undefined}>
              Vue en liste
            </a>
          </li>
        </ul>
      </nav>
      <h2>{formatMonth(month).replace(/^./, (c) => c.toLocaleUpperCase('fr-FR'))}</h2>
      {view === 'mois' ? <MonthGrid agenda={agenda} today={today} /> : <DayList agenda={agenda} />}
      <FeedSection context={context} agenda={agenda} />
    </Layout>
  );
}
