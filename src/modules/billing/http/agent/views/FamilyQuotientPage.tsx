import { FamilyFileTrail, TableBox } from '../../../../../doors/agent/views/deskParts.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  Checkbox,
  ErrorSummary,
  type FormState,
  PostForm,
  RadioGroup,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import { formatShortDay } from '../../../../../shared/localDays.js';
import type { FamilyQuotientView } from '../../../quotientsService.js';
import { DATE_HINT, QUOTIENT_SOURCES, quotientLabels } from '../../billingForms.js';
import { billingPaths } from '../billingPaths.js';
import { DoneNotice } from './billingParts.js';

const done = {
  enregistre: 'Le quotient familial est enregistré ; il s’applique aux jours qu’il couvre, à la prochaine facturation.',
  residence: 'La résidence de la famille est enregistrée.',
};

const sourceOptions = Object.entries(QUOTIENT_SOURCES).map(([value, label]) => ({ value, label }));

/** The QF on the desk's family file: the one valid today and its bracket, the history, a new entry. */
export function FamilyQuotientPage({
  context,
  view,
  form,
  done: fait,
}: {
  context: PageContext;
  view: FamilyQuotientView;
  form: FormState;
  done?: string;
}) {
  const paths = billingPaths(context.commune!);
  const { family, current, history } = view;
  const title = `Quotient familial — dossier ${family.reference}`;
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <FamilyFileTrail
        commune={context.commune!}
        familyId={family.id}
        file={family.reference}
        current="Quotient familial"
      />
      <h1>{title}</h1>
      <DoneNotice texts={done} done={fait} />
      <h2>Aujourd’hui</h2>
      {current ? (
        <p>
          QF {current.value} € ({QUOTIENT_SOURCES[current.source]}), valable jusqu’au {formatShortDay(current.validTo)}{' '}
          : <strong>{view.bracketLabel}</strong>.
        </p>
      ) : (
        <p>
          Aucun quotient familial valable aujourd’hui : la famille paie la tranche la plus haute (
          <strong>{view.bracketLabel}</strong>).
        </p>
      )}
      <h2>Enregistrer un quotient familial</h2>
      <p>
        Saisissez-le tel qu’il figure sur le justificatif présenté. Un nouveau quotient remplace l’ancien sur les jours
        qu’il couvre ; l’historique reste.
      </p>
      <ErrorSummary form={form} labels={quotientLabels} />
      <PostForm context={context} action={paths.quotient(family.id)}>
        <TextField
          form={form}
          name="value"
          label={quotientLabels.value}
          hint="Un nombre entier, par exemple 742."
          required
          short
          inputMode="numeric"
        />
        <RadioGroup form={form} name="source" legend={quotientLabels.source} options={sourceOptions} required />
        <TextField
          form={form}
          name="validFrom"
          label={quotientLabels.validFrom}
          hint={DATE_HINT}
          required
          short
          inputMode="numeric"
        />
        <TextField
          form={form}
          name="validTo"
          label={quotientLabels.validTo}
          hint={DATE_HINT}
          required
          short
          inputMode="numeric"
        />
        <button type="submit" class="button">
          Enregistrer le quotient
        </button>
      </PostForm>
      <h2>Historique</h2>
      {history.length === 0 ? (
        <p>Aucun quotient familial enregistré.</p>
      ) : (
        <TableBox label="Historique des quotients familiaux">
          <table class="data">
            <caption class="visually-hidden">Les quotients familiaux enregistrés, le plus récent d’abord</caption>
            <thead>
              <tr>
                <th scope="col">QF</th>
                <th scope="col">Justificatif</th>
                <th scope="col">Validité</th>
                <th scope="col">Saisi le</th>
              </tr>
            </thead>
            <tbody>
              {history.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">{entry.value} €</th>
                  <td>{QUOTIENT_SOURCES[entry.source]}</td>
                  <td>
                    du {formatShortDay(entry.validFrom)} au {formatShortDay(entry.validTo)}
                  </td>
                  <td>{formatLocalDateTime(entry.enteredAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <h2>Résidence</h2>
      <PostForm context={context} action={paths.residence(family.id)}>
        <Checkbox
          form={{ values: view.nonResident ? { nonResident: 'oui' } : {}, errors: {} }}
          name="nonResident"
          label="La famille n’habite pas la commune (prix hors commune quand la grille en a un)"
        />
        <button type="submit" class="button button--secondary">
          Enregistrer la résidence
        </button>
      </PostForm>
    </Layout>
  );
}
