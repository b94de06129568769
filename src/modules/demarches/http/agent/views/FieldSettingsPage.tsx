import { SettingsNav } from '../../../../../doors/agent/views/SettingsNav.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { ErrorSummary, type FormState, PostForm, formTitle } from '../../../../../platform/views/components/forms.js';
import type { Demarche } from '../../../demarchesRepository.js';
import type { DemarcheField } from '../../../domain/demarcheDefinition.js';
import { fieldLabels } from '../../demarcheForms.js';
import { demarchesSettingsPaths } from '../demarchesSettingsPaths.js';
import { type DocumentTypeChoice, FieldDefinitionFields } from './fieldParts.js';

/** One question of a démarche, to change. */
export function FieldSettingsPage({
  context,
  demarche,
  field,
  form,
  documentTypes,
}: {
  context: PageContext;
  demarche: Demarche;
  field: DemarcheField;
  form: FormState;
  documentTypes: DocumentTypeChoice[];
}) {
  const paths = demarchesSettingsPaths(context.commune!);
  return (
    <Layout context={context} title={formTitle(`Question « ${field.label} »`, form)}>
      <h1>Question « {field.label} »</h1>
      <SettingsNav context={context} current="demarches" />
      <p>
        <a href={paths.demarche(demarche.id)}>Retour à la démarche « {demarche.title} »</a>
      </p>
      <ErrorSummary form={form} labels={fieldLabels} />
      <p>Les demandes déjà envoyées gardent la question telle qu’elle était.</p>
      <PostForm context={context} action={paths.field(demarche.id, field.id)}>
        <FieldDefinitionFields form={form} documentTypes={documentTypes} />
        <button type="submit" class="button">
          Enregistrer la question
        </button>
      </PostForm>
    </Layout>
  );
}
