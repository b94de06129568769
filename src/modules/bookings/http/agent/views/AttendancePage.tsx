import type { FieldErrors, FormValues } from '../../../../../platform/http/forms.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { ErrorSummary, PostForm } from '../../../../../platform/views/components/forms.js';
import { formatDay, type LocalDay } from '../../../../../shared/localDays.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice, TableBox } from '../../../../../doors/agent/views/deskParts.js';
import type { CatalogueService } from '../../../../services/domain/catalogueService.js';
import type { ExpectedChild, ServiceDay } from '../../../attendanceService.js';
import {
  type DayChoice,
  DayField,
  DayNav,
  Select,
  childFlags,
  childName,
  placeOf,
  serviceOptions,
} from './dayParts.js';

export interface PageNotice {
  kind: 'success' | 'error' | 'info';
  text: string;
}

interface Props {
  context: PageContext;
  choice: DayChoice;
  services: CatalogueService[];
  sheet: ServiceDay | null;
  today: LocalDay;
  notice?: PageNotice | null;
  /** The marks posted, shown again with the form's errors. */
  values?: FormValues;
  errors?: FieldErrors;
}

export const presenceField = (memberId: string) => `presence-${memberId}`;

/** Present / absent for one child: two big choices (at least 44 px), the child's name as the question. */
function ChildChoice({ child, values }: { child: ExpectedChild; values: FormValues | undefined }) {
  const name = presenceField(child.memberId);
  const posted = values?.[name];
  const chosen = posted ?? (child.mark === null ? (child.absence ? 'absent' : '') : child.mark ? 'present' : 'absent');
  const flags = childFlags(child);
  const detail = [child.schoolClass, placeOf(child)].filter(Boolean).join(' · ');
  const about = `${name}-details`;
  return (
    <fieldset class="pointage__child">
      <legend class="pointage__name">{childName(child)}</legend>
      <div id={about}>
        <p class="pointage__detail">{detail}</p>
        {flags.length > 0 ? <p class="pointage__flags">{flags.join(' · ')}</p> : null}
      </div>
      <div class="pointage__choices">
        <label class="pointage__option" for={`champ-${name}`}>
          <input
            type="radio"
            id={`champ-${name}`}
            name={name}
            value="present"
            checked={chosen === 'present'}
            aria-describedby={about}
          />
          Présent
        </label>
        <label class="pointage__option pointage__option--absent" for={`champ-${name}-absent`}>
          <input
            type="radio"
            id={`champ-${name}-absent`}
            name={name}
            value="absent"
            checked={chosen === 'absent'}
            aria-describedby={about}
          />
          Absent
        </label>
      </div>
    </fieldset>
  );
}

/** « 1 enfant attendu, 1 absence signalée ; déjà pointés : 1 présent, 1 absent. » */
function CountsLine({ sheet, done }: { sheet: ServiceDay; done: string }) {
  const { counts } = sheet;
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
  return (
    <p>
      {plural(counts.expected, 'enfant')} attendu{counts.expected > 1 ? 's' : ''}
      {counts.absences > 0 ? `, ${plural(counts.absences, 'absence')} signalée${counts.absences > 1 ? 's' : ''}` : ''}
      {counts.present + counts.absent > 0
        ? ` ; ${done} : ${plural(counts.present, 'présent')}, ${plural(counts.absent, 'absent')}`
        : ''}
      .
    </p>
  );
}

function Sheet({ context, sheet, values }: { context: PageContext; sheet: ServiceDay; values?: FormValues }) {
  const paths = agentPaths(context.commune!);
  return (
    <PostForm context={context} action={paths.attendance} class="pointage">
      <input type="hidden" name="jour" value={sheet.day} />
      <input type="hidden" name="service" value={sheet.service.id} />
      <CountsLine sheet={sheet} done="déjà pointés" />
      {sheet.children.map((child) => (
        <ChildChoice key={child.memberId} child={child} values={values} />
      ))}
      <button type="submit" class="button pointage__save">
        Enregistrer le pointage
      </button>
    </PostForm>
  );
}

/** Another day than today: who was (or is) expected and what was marked, to read only. */
function ReadOnlySheet({ sheet }: { sheet: ServiceDay }) {
  return (
    <>
      <CountsLine sheet={sheet} done="pointage enregistré" />
      <TableBox label={`Enfants attendus : ${sheet.service.name}`}>
        <table class="data">
          <caption class="visually-hidden">
            Enfants attendus à {sheet.service.name} le {formatDay(sheet.day)}
          </caption>
          <thead>
            <tr>
              <th scope="col">Enfant</th>
              <th scope="col">Réservation</th>
              <th scope="col">À savoir</th>
              <th scope="col">Pointage</th>
            </tr>
          </thead>
          <tbody>
            {sheet.children.map((child) => (
              <tr key={child.memberId}>
                <th scope="row">{childName(child)}</th>
                <td>{[child.schoolClass, placeOf(child)].filter(Boolean).join(' · ')}</td>
                <td>{childFlags(child).join(' · ') || '—'}</td>
                <td>{child.mark === null ? 'Non pointé' : child.mark ? 'Présent' : 'Absent'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
    </>
  );
}

/** What the page says of a day the pointage cannot be taken on: the staff take it on the day, on site. */
const otherDay = {
  passe:
    'Le pointage se fait le jour même : ce jour est passé. Voici les enfants qui étaient attendus et le pointage enregistré, en lecture seule.',
  futur:
    'Le pointage se fait le jour même : ce jour n’est pas encore arrivé. Voici les enfants attendus, en lecture seule.',
};

/** « Pointage »: the expected children of a service on a day, present or absent, saved in one go; for a tablet. */
export function AttendancePage({ context, choice, services, sheet, today, notice, values, errors = {} }: Props) {
  const paths = agentPaths(context.commune!);
  const href = (day: LocalDay) =>
    `${paths.attendance}?${new URLSearchParams({ jour: day, service: choice.serviceId })}`;
  const allErrors = { ...choice.errors, ...errors };
  const hasErrors = Object.keys(allErrors).length > 0;
  const when = choice.day < today ? 'passe' : choice.day > today ? 'futur' : 'jour';
  const title = sheet ? `Pointage : ${sheet.service.name}, ${formatDay(sheet.day)}` : 'Pointage';
  return (
    <Layout context={context} title={hasErrors ? `Erreur : ${title}` : title}>
      <h1>Pointage</h1>
      <ErrorSummary form={{ values: values ?? {}, errors: allErrors }} labels={{ jour: 'Jour' }} />
      {notice ? (
        <Notice kind={notice.kind}>
          <p>{notice.text}</p>
        </Notice>
      ) : null}
      <form
        method="get"
        action={paths.attendance}
        class="filters"
        role="search"
        aria-label="Choisir le jour et le service"
      >
        <DayField choice={choice} />
        <Select name="service" label="Service" value={choice.serviceId} options={serviceOptions(services)} />
        <button type="submit" class="button">
          Afficher
        </button>
      </form>
      <DayNav href={href} day={choice.day} today={today} />
      {sheet ? (
        <>
          <h2>
            {sheet.service.name} — {formatDay(sheet.day)}
          </h2>
          {!sheet.opening.open ? <p>Service fermé ce jour-là : {sheet.opening.label}.</p> : null}
          {when !== 'jour' ? <p>{otherDay[when]}</p> : null}
          {sheet.children.length === 0 ? (
            <p>Aucun enfant attendu.</p>
          ) : when === 'jour' ? (
            <Sheet context={context} sheet={sheet} values={values} />
          ) : (
            <ReadOnlySheet sheet={sheet} />
          )}
          {when === 'jour' && sheet.opening.open && sheet.service.kind !== 'vacances' ? (
            <section aria-labelledby="ajout" class="file-section">
              <h2 id="ajout">Ajouter un enfant présent sans réservation</h2>
              <p>
                Pour un enfant inscrit à ce service. La journée lui est facturée avec la majoration du service ; si sa
                réservation de ce jour a été annulée hors délai, elle est rétablie, sans nouvelle majoration.
              </p>
              <form
                method="get"
                action={`${paths.attendance}/ajouter`}
                class="filters"
                role="search"
                aria-label="Chercher un enfant"
              >
                <input type="hidden" name="jour" value={sheet.day} />
                <input type="hidden" name="service" value={sheet.service.id} />
                <div class="field">
                  <label for="champ-nom">Nom ou prénom de l’enfant</label>
                  <input id="champ-nom" name="nom" type="search" spellcheck={false} />
                </div>
                <button type="submit" class="button">
                  Rechercher
                </button>
              </form>
            </section>
          ) : null}
        </>
      ) : (
        <p>Aucun service n’est encore configuré.</p>
      )}
    </Layout>
  );
}
