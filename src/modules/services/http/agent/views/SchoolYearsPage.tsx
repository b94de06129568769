import { SettingsNav } from '../../../../../doors/agent/views/SettingsNav.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { formatShortDay } from '../../../../../shared/localDays.js';
import { TableBox } from '../../../../../doors/agent/views/deskParts.js';
import type { SchoolYear } from '../../../serviceCatalogue.js';
import { schoolYearLabels } from '../../../servicesForms.js';
import { settingsPaths } from '../settingsPaths.js';
import { DATE_HINT, DoneNotice, dayInput } from './settingsParts.js';

const done = {
  creee: 'L’année scolaire est créée. Ajoutez ses vacances et ses fermetures dans le calendrier.',
  modifiee: 'L’année scolaire est modifiée.',
  inchangee: 'Rien n’a changé : l’année scolaire avait déjà ces valeurs.',
};

/** The form's values from a stored year. */
export function schoolYearValues(year: SchoolYear): FormState['values'] {
  return {
    label: year.label,
    startsOn: dayInput(year.startsOn),
    endsOn: dayInput(year.endsOn),
    rentreeWindowEndsOn: dayInput(year.rentreeWindowEndsOn),
  };
}

function SchoolYearFields({ form }: { form: FormState }) {
  return (
    <>
      <TextField
        form={form}
        name="label"
        label={schoolYearLabels.label}
        hint="Tel que les familles le liront, par exemple 2026-2027."
        required
        short
      />
      <TextField
        form={form}
        name="startsOn"
        label={schoolYearLabels.startsOn}
        hint={DATE_HINT}
        required
        short
        inputMode="numeric"
      />
      <TextField
        form={form}
        name="endsOn"
        label={schoolYearLabels.endsOn}
        hint={`Le dernier jour de classe. ${DATE_HINT}`}
        required
        short
        inputMode="numeric"
      />
      <TextField
        form={form}
        name="rentreeWindowEndsOn"
        label={schoolYearLabels.rentreeWindowEndsOn}
        hint="Jusqu’à ce jour inclus, les réservations de l’année se font sans délai. Laissez vide pour le 30 septembre."
        short
        inputMode="numeric"
      />
    </>
  );
}

/** « Années scolaires »: the commune's years, and the form to add one. */
export function SchoolYearsPage({
  context,
  years,
  form,
  done: fait,
}: {
  context: PageContext;
  years: SchoolYear[];
  form: FormState;
  done?: string;
}) {
  const paths = settingsPaths(context.commune!);
  const title = 'Années scolaires';
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <h1>{title}</h1>
      <SettingsNav context={context} current="schoolYears" />
      <DoneNotice texts={done} done={fait} />
      <p>
        Une année scolaire donne les jours où les services périscolaires peuvent ouvrir. Pendant sa fenêtre de rentrée,
        les familles réservent sans délai ; ensuite, les délais de chaque service s’appliquent.
      </p>
      {years.length === 0 ? (
        <p>La commune n’a pas encore d’année scolaire.</p>
      ) : (
        <TableBox label="Les années scolaires">
          <table class="data">
            <caption class="visually-hidden">Les années scolaires de la commune</caption>
            <thead>
              <tr>
                <th scope="col">Année</th>
                <th scope="col">Rentrée</th>
                <th scope="col">Dernier jour</th>
                <th scope="col">Fenêtre de rentrée jusqu’au</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {years.map((year) => (
                <tr key={year.id}>
                  <th scope="row">{year.label}</th>
                  <td>{formatShortDay(year.startsOn)}</td>
                  <td>{formatShortDay(year.endsOn)}</td>
                  <td>{formatShortDay(year.rentreeWindowEndsOn)}</td>
                  <td>
                    <div class="actions">
                      <a href={paths.schoolYear(year.id)}>
                        Modifier<span class="visually-hidden"> l’année {year.label}</span>
                      </a>
                      <a href={paths.calendarOf(year.id)}>
                        Calendrier<span class="visually-hidden"> de l’année {year.label}</span>
                      </a>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <h2>Ajouter une année scolaire</h2>
      <ErrorSummary form={form} labels={schoolYearLabels} />
      <PostForm context={context} action={paths.schoolYears}>
        <SchoolYearFields form={form} />
        <button type="submit" class="button">
          Ajouter l’année scolaire
        </button>
      </PostForm>
    </Layout>
  );
}

/** One year's page: its dates and its rentrée window, to change. */
export function SchoolYearPage({ context, year, form }: { context: PageContext; year: SchoolYear; form: FormState }) {
  const paths = settingsPaths(context.commune!);
  const title = `Modifier l’année scolaire ${year.label}`;
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <h1>{title}</h1>
      <SettingsNav context={context} current="schoolYears" />
      <p>
        <a href={paths.schoolYears}>Retour aux années scolaires</a> ·{' '}
        <a href={paths.calendarOf(year.id)}>Vacances et fermetures de cette année</a>
      </p>
      <ErrorSummary form={form} labels={schoolYearLabels} />
      <PostForm context={context} action={paths.schoolYear(year.id)}>
        <SchoolYearFields form={form} />
        <button type="submit" class="button">
          Enregistrer l’année scolaire
        </button>
      </PostForm>
    </Layout>
  );
}
