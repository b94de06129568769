import { SettingsNav } from '../../../../../doors/agent/views/SettingsNav.js';
import { TableBox } from '../../../../../doors/agent/views/deskParts.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextArea,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import type { Demarche } from '../../../demarchesRepository.js';
import { TITLE_MAX } from '../../../domain/demarcheDefinition.js';
import { demarcheTextLabels } from '../../demarcheForms.js';
import { demarchesSettingsPaths } from '../demarchesSettingsPaths.js';

/** The title and description of a démarche, on its creation and on its page. */
export function DemarcheTextFields({ form }: { form: FormState }) {
  return (
    <>
      <TextField
        form={form}
        name="title"
        label={demarcheTextLabels.title}
        hint={`Tel que les familles le liront, par exemple « Attestation de présence ». ${TITLE_MAX} caractères au plus.`}
        required
      />
      <TextArea
        form={form}
        name="description"
        label={demarcheTextLabels.description}
        hint="Facultatif : à quoi sert la démarche, ce que le guichet unique fera, en combien de temps."
        rows={4}
      />
    </>
  );
}

/** « Autres démarches » in the set-up: the commune's démarches, published or not, and a new one. */
export function DemarchesSettingsPage({
  context,
  demarches,
  form,
}: {
  context: PageContext;
  demarches: Demarche[];
  form: FormState;
}) {
  const paths = demarchesSettingsPaths(context.commune!);
  return (
    <Layout context={context} title={formTitle('Autres démarches', form)}>
      <h1>Autres démarches</h1>
      <SettingsNav context={context} current="demarches" />
      <ErrorSummary form={form} labels={demarcheTextLabels} />
      <p>
        Les démarches publiées sont proposées aux familles dans « Ma famille → Autres démarches ». Chaque envoi devient
        une demande, traitée dans la file des demandes.
      </p>
      {demarches.length === 0 ? (
        <p>La commune n’a pas encore de démarche.</p>
      ) : (
        <TableBox label="Les démarches de la commune">
          <table class="data">
            <caption class="visually-hidden">Les démarches de la commune</caption>
            <thead>
              <tr>
                <th scope="col">Démarche</th>
                <th scope="col">Questions</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {demarches.map((demarche) => (
                <tr key={demarche.id}>
                  <th scope="row">
                    <a href={paths.demarche(demarche.id)}>{demarche.title}</a>
                  </th>
                  <td>{demarche.fields.length}</td>
                  <td>{demarche.published ? 'Publiée' : 'Non publiée'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      <h2>Nouvelle démarche</h2>
      <p>Elle est créée sans question et non publiée : ajoutez ses questions, puis publiez-la.</p>
      <PostForm context={context} action={paths.list}>
        <DemarcheTextFields form={form} />
        <button type="submit" class="button">
          Créer la démarche
        </button>
      </PostForm>
    </Layout>
  );
}
