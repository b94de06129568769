import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { ErrorSummary } from '../../../../../platform/views/components/forms.js';
import { formatDay, type LocalDay } from '../../../../../shared/localDays.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { dietLabel } from '../../../../families/domain/diets.js';
import type { CatalogueService } from '../../../../services/domain/catalogueService.js';
import type { ExpectedChild, ServiceDay } from '../../../attendanceService.js';
import {
  type DayChoice,
  DayField,
  DayNav,
  Select,
  absenceText,
  childName,
  placeOf,
  serviceOptions,
} from './dayParts.js';

interface Props {
  context: PageContext;
  choice: DayChoice;
  services: CatalogueService[];
  schools: string[];
  lists: ServiceDay[];
  today: LocalDay;
  /** Whether the agent may take the pointage (a link from each list). */
  mayPoint: boolean;
}

function Counts({ list }: { list: ServiceDay }) {
  const { counts } = list;
  return (
    <dl class="facts">
      <dt>Enfants attendus</dt>
      <dd>{counts.expected}</dd>
      <dt>Absences signalées</dt>
      <dd>{counts.absences}</dd>
      <dt>Réservés hors délai</dt>
      <dd>{counts.late}</dd>
      <dt>Avec un PAI</dt>
      <dd>{counts.pai}</dd>
      {counts.diets.length > 0 ? (
        <>
          <dt>Repas</dt>
          <dd>{counts.diets.map((diet) => `${diet.label} : ${diet.count}`).join(' ; ')}</dd>
        </>
      ) : null}
      {counts.present + counts.absent > 0 ? (
        <>
          <dt>Pointage</dt>
          <dd>
            {counts.present} présent{counts.present > 1 ? 's' : ''}, {counts.absent} absent
            {counts.absent > 1 ? 's' : ''}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

const columns = ['Enfant', 'Classe', 'École', 'Repas', 'PAI', 'Réservation', 'Absence', 'Pointage'];

/**
 * The children of one part of a list. Below a desktop's width each child reflows to a block of labelled
 * lines (`table-reflow`): every column, PAI and absence included, stays on screen at 768 and 375 px, with no
 * sideways scrolling; printed, it is a table again.
 */
function ChildrenTable({ list, children, title }: { list: ServiceDay; children: ExpectedChild[]; title: string }) {
  return (
    <table class="data day-list__table table-reflow">
      <caption>
        {title} ({children.length})
        <span class="visually-hidden">
          {' '}
          à {list.service.name} le {formatDay(list.day)}
        </span>
      </caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {children.map((child) => (
          <tr key={child.memberId}>
            <th scope="row">{childName(child)}</th>
            <td data-label="Classe">{child.schoolClass || '—'}</td>
            <td data-label="École">{child.schoolName || '—'}</td>
            <td data-label="Repas">{dietLabel(child.diet)}</td>
            <td data-label="PAI">
              {[child.pai ? 'PAI' : '', child.hasAllergies ? 'allergies : voir PAI' : ''].filter(Boolean).join(', ') ||
                '—'}
            </td>
            <td data-label="Réservation">
              {placeOf(child)}
              {child.late ? ', hors délai' : ''}
              {child.source === 'pointage' ? ', ajouté au pointage' : ''}
            </td>
            <td data-label="Absence">{child.absence ? absenceText(child.absence) : '—'}</td>
            <td data-label="Pointage">{child.mark === null ? '—' : child.mark ? 'Présent' : 'Absent'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ServiceList({
  list,
  mayPoint,
  today,
  pointing,
}: {
  list: ServiceDay;
  mayPoint: boolean;
  today: LocalDay;
  pointing: string;
}) {
  const id = `liste-${list.service.id}`;
  // Listed apart, as counted: the children who will come, then those whose absence stands.
  const expected = list.children.filter((child) => !child.absence);
  const absent = list.children.filter((child) => child.absence);
  return (
    <section class="day-list" aria-labelledby={id}>
      <h2 id={id}>
        {list.service.name} — {formatDay(list.day)}
      </h2>
      {!list.opening.open ? <p>Service fermé ce jour-là : {list.opening.label}.</p> : null}
      <Counts list={list} />
      {mayPoint && list.day === today && list.children.length > 0 ? (
        <p class="no-print">
          <a href={pointing}>Faire le pointage de ce service</a>
        </p>
      ) : null}
      {expected.length === 0 ? (
        <p>Aucun enfant attendu.</p>
      ) : (
        <ChildrenTable list={list} children={expected} title="Enfants attendus" />
      )}
      {absent.length > 0 ? <ChildrenTable list={list} children={absent} title="Absences signalées" /> : null}
    </section>
  );
}

/** « Listes du jour »: who is expected at each service, with the meals and the PAI flags; made to be printed. */
export function DayListPage({ context, choice, services, schools, lists, today, mayPoint }: Props) {
  const paths = agentPaths(context.commune!);
  const href = (day: LocalDay) =>
    `${paths.dayLists}?${new URLSearchParams({ jour: day, service: choice.serviceId, ecole: choice.school })}`;
  const pointing = (serviceId: string) =>
    `${paths.attendance}?${new URLSearchParams({ jour: choice.day, service: serviceId })}`;
  const title = `Listes du ${formatDay(choice.day)}`;
  // Every service of the day: a closed one with nobody expected is only named, so the printout holds the services that run.
  const closed = lists.length > 1 ? lists.filter((list) => !list.opening.open && list.children.length === 0) : [];
  const shown = lists.filter((list) => !closed.includes(list));
  return (
    <Layout context={context} title={Object.keys(choice.errors).length > 0 ? 'Erreur : Listes du jour' : title}>
      <h1>Listes du jour</h1>
      <ErrorSummary form={{ values: {}, errors: choice.errors }} labels={{ jour: 'Jour' }} />
      <form
        method="get"
        action={paths.dayLists}
        class="filters no-print"
        role="search"
        aria-label="Choisir le jour, le service et l’école"
      >
        <DayField choice={choice} />
        <Select
          name="service"
          label="Service"
          value={choice.serviceId}
          options={[{ value: '', label: 'Tous les services' }, ...serviceOptions(services)]}
        />
        <Select
          name="ecole"
          label="École"
          value={choice.school}
          options={[
            { value: '', label: 'Toutes les écoles' },
            ...schools.map((school) => ({ value: school, label: school })),
          ]}
        />
        <button type="submit" class="button">
          Afficher
        </button>
      </form>
      <DayNav href={href} day={choice.day} today={today} />
      <p class="no-print">
        Pour imprimer les listes, utilisez la commande d’impression du navigateur : chaque service commence sur une
        nouvelle page.
      </p>
      {mayPoint && choice.day !== today && Object.keys(choice.errors).length === 0 ? (
        <p class="no-print">
          Le pointage se fait le jour même, sur place : les listes d’un autre jour se consultent seulement.
        </p>
      ) : null}
      {choice.school ? <p>École : {choice.school}</p> : null}
      {shown.map((list) => (
        <ServiceList
          key={list.service.id}
          list={list}
          mayPoint={mayPoint}
          today={today}
          pointing={pointing(list.service.id)}
        />
      ))}
      {closed.length > 0 ? (
        <p>
          Fermés ce jour-là :{' '}
          {closed.map((list) => `${list.service.name} (${list.opening.open ? '' : list.opening.label})`).join(', ')}.
        </p>
      ) : null}
    </Layout>
  );
}
