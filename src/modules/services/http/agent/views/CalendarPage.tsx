import { SettingsNav } from '../../../../../doors/agent/views/SettingsNav.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  RadioGroup,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { daysBetween, formatDay } from '../../../../../shared/localDays.js';
import { TableBox } from '../../../../../doors/agent/views/deskParts.js';
import type { PublicHoliday } from '../../../domain/publicHolidays.js';
import type { CalendarPeriod, SchoolYear } from '../../../serviceCatalogue.js';
import { PERIOD_KINDS, periodLabels } from '../../../servicesForms.js';
import { settingsPaths } from '../settingsPaths.js';
import { DATE_HINT, DoneNotice, dayRange } from './settingsParts.js';

const done = {
  ajoutee: 'La période est ajoutée au calendrier.',
  modifiee: 'La période est modifiée.',
  inchangee: 'Rien n’a changé : la période avait déjà ces valeurs.',
  supprimee: 'La période est retirée du calendrier.',
};

export const periodKindOptions = Object.entries(PERIOD_KINDS).map(([value, label]) => ({ value, label }));

/** The fields of a day off, shared by the add form and the edit page. */
export function PeriodFields({ form }: { form: FormState }) {
  return (
    <>
      <RadioGroup form={form} name="kind" legend={periodLabels.kind} options={periodKindOptions} required />
      <TextField
        form={form}
        name="label"
        label={periodLabels.label}
        hint="Par exemple « Vacances de Noël » ou « Pont du 11 novembre »."
        required
      />
      <TextField
        form={form}
        name="startsOn"
        label={periodLabels.startsOn}
        hint={DATE_HINT}
        required
        short
        inputMode="numeric"
      />
      <TextField
        form={form}
        name="endsOn"
        label={periodLabels.endsOn}
        hint={`Ce jour est compris dans la période. ${DATE_HINT}`}
        required
        short
        inputMode="numeric"
      />
    </>
  );
}

function PeriodsTable({
  context,
  periods,
  caption,
}: {
  context: PageContext;
  periods: CalendarPeriod[];
  caption: string;
}) {
  const paths = settingsPaths(context.commune!);
  return (
    <TableBox label={caption}>
      <table class="data">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Période</th>
            <th scope="col">Type</th>
            <th scope="col">Dates (incluses)</th>
            <th scope="col">Jours</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {periods.map((period) => (
            <tr key={period.id}>
              <th scope="row">{period.label}</th>
              <td>{PERIOD_KINDS[period.kind]}</td>
              <td>{dayRange(period.startsOn, period.endsOn)}</td>
              <td>{daysBetween(period.startsOn, period.endsOn) + 1}</td>
              <td>
                <div class="actions">
                  <a href={paths.period(period.id)}>
                    Modifier<span class="visually-hidden"> « {period.label} »</span>
                  </a>
                  <PostForm context={context} action={paths.removePeriod(period.id)} class="inline-form">
                    <button type="submit" class="button button--secondary">
                      Retirer<span class="visually-hidden"> « {period.label} »</span>
                    </button>
                  </PostForm>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableBox>
  );
}

interface Props {
  context: PageContext;
  years: SchoolYear[];
  year: SchoolYear | null;
  /** The days off that meet the year. */
  periods: CalendarPeriod[];
  /** Days off outside every school year: kept editable. */
  elsewhere: CalendarPeriod[];
  holidays: PublicHoliday[];
  form: FormState;
  done?: string;
}

/** « Calendrier »: the days off of a school year, school holidays and closures, and the public holidays as computed. */
export function CalendarPage({ context, years, year, periods, elsewhere, holidays, form, done: fait }: Props) {
  const paths = settingsPaths(context.commune!);
  const title = year ? `Calendrier ${year.label}` : 'Calendrier';
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <h1>{title}</h1>
      <SettingsNav context={context} current="calendar" />
      <DoneNotice texts={done} done={fait} />
      {years.length > 1 ? (
        <nav aria-label="Années scolaires">
          <ul class="pager">
            {years.map((other) => (
              <li key={other.id}>
                <a href={paths.calendarOf(other.id)} aria-current={other.id === year?.id ? 'page' : undefined}>
                  {other.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {year ? (
        <>
          <p>
            Année scolaire {dayRange(year.startsOn, year.endsOn)}. Les services périscolaires sont fermés pendant les
            vacances scolaires (sauf réglage contraire du service) ; tous les services sont fermés les jours de
            fermeture et les jours fériés.
          </p>
          <h2>Vacances scolaires et fermetures</h2>
          {periods.length === 0 ? (
            <p>Aucune période pour cette année.</p>
          ) : (
            <PeriodsTable context={context} periods={periods} caption={`Vacances et fermetures ${year.label}`} />
          )}
          <h2>Jours fériés</h2>
          <p>Calculés selon le Code du travail (article L3133-1), ils ne se saisissent pas.</p>
          <ul>
            {holidays.map((holiday) => (
              <li key={holiday.day}>
                {holiday.label} : {formatDay(holiday.day)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>
          La commune n’a pas encore d’année scolaire : <a href={paths.schoolYears}>ajoutez-en une</a> pour voir ses
          jours fériés.
        </p>
      )}
      {elsewhere.length > 0 ? (
        <>
          <h2>Périodes hors des années scolaires</h2>
          <PeriodsTable context={context} periods={elsewhere} caption="Périodes hors des années scolaires" />
        </>
      ) : null}
      <h2>Ajouter une période</h2>
      <ErrorSummary form={form} labels={periodLabels} />
      <PostForm context={context} action={paths.calendar}>
        <PeriodFields form={form} />
        <button type="submit" class="button">
          Ajouter la période
        </button>
      </PostForm>
    </Layout>
  );
}

/** One day off's page: change it or take it out of the calendar. */
export function PeriodPage({
  context,
  period,
  form,
}: {
  context: PageContext;
  period: CalendarPeriod;
  form: FormState;
}) {
  const paths = settingsPaths(context.commune!);
  const title = `Modifier « ${period.label} »`;
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <h1>{title}</h1>
      <SettingsNav context={context} current="calendar" />
      <p>
        <a href={paths.calendar}>Retour au calendrier</a>
      </p>
      <ErrorSummary form={form} labels={periodLabels} />
      <PostForm context={context} action={paths.period(period.id)}>
        <PeriodFields form={form} />
        <button type="submit" class="button">
          Enregistrer la période
        </button>
      </PostForm>
      <h2>Retirer la période</h2>
      <p>Les jours de cette période redeviendront des jours d’ouverture des services.</p>
      <PostForm context={context} action={paths.removePeriod(period.id)}>
        <button type="submit" class="button button--danger">
          Retirer « {period.label} » du calendrier
        </button>
      </PostForm>
    </Layout>
  );
}
