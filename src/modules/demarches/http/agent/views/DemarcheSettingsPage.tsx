import { SettingsNav } from '../../../../../doors/agent/views/SettingsNav.js';
import { Notice } from '../../../../../doors/agent/views/deskParts.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { ErrorSummary, type FormState, PostForm, formTitle } from '../../../../../platform/views/components/forms.js';
import type { Demarche } from '../../../demarchesRepository.js';
import { demarcheTextLabels, fieldLabels } from '../../demarcheForms.js';
import { demarchesSettingsPaths } from '../demarchesSettingsPaths.js';
import { DemarcheTextFields } from './DemarchesSettingsPage.js';
import { type DocumentTypeChoice, FieldDefinitionFields, fieldSummary } from './fieldParts.js';

/** What the page says after a post / redirect / get, from its `fait`. */
export const DEMARCHE_DONE: Record<string, string> = {
  creee: 'La démarche est créée. Ajoutez ses questions, puis publiez-la.',
  modifiee: 'Le titre et la description sont enregistrés.',
  publiee: 'La démarche est publiée : les familles la trouvent dans « Autres démarches ».',
  retiree: 'La démarche n’est plus proposée aux familles. Les demandes déjà envoyées restent dans la file.',
  ajoutee: 'La question est ajoutée.',
  'question-modifiee': 'La question est modifiée.',
  'question-retiree': 'La question est retirée.',
  deplacee: 'La question est déplacée.',
};

/** Which of the page's forms came back with errors; the others are drawn as they stand. */
export type DemarcheForm = 'text' | 'field' | 'publication';

interface Props {
  context: PageContext;
  demarche: Demarche;
  textForm: FormState;
  fieldForm: FormState;
  /** The form whose errors the summary lists, if one came back. */
  failed?: { form: DemarcheForm; state: FormState };
  done?: string;
  /** The document types a question may ask for. */
  documentTypes: DocumentTypeChoice[];
}

/** A démarche's page: its publication, its title and description, its questions in order, and a new question. */
export function DemarcheSettingsPage({ context, demarche, textForm, fieldForm, failed, done, documentTypes }: Props) {
  const paths = demarchesSettingsPaths(context.commune!);
  const id = demarche.id;
  const doneText = done && Object.hasOwn(DEMARCHE_DONE, done) ? DEMARCHE_DONE[done] : null;
  const summaryLabels = failed?.form === 'field' ? fieldLabels : demarcheTextLabels;
  return (
    <Layout context={context} title={formTitle(`Démarche « ${demarche.title} »`, failed?.state ?? textForm)}>
      <h1>Démarche « {demarche.title} »</h1>
      <SettingsNav context={context} current="demarches" />
      <p>
        <a href={paths.list}>Retour à la liste des démarches</a>
      </p>
      {doneText ? (
        <Notice>
          <p>{doneText}</p>
        </Notice>
      ) : null}
      {failed ? <ErrorSummary form={failed.state} labels={summaryLabels} /> : null}

      <h2>Publication</h2>
      <p>
        {demarche.published
          ? 'La démarche est publiée : les familles peuvent l’envoyer.'
          : 'La démarche n’est pas publiée : les familles ne la voient pas.'}
      </p>
      {failed?.form === 'publication' && failed.state.errors.published ? (
        <p class="field__error" id="champ-published">
          <span class="visually-hidden">Erreur : </span>
          {failed.state.errors.published}
        </p>
      ) : null}
      <PostForm context={context} action={paths.publication(id)}>
        <input type="hidden" name="published" value={demarche.published ? 'non' : 'oui'} />
        <button type="submit" class={demarche.published ? 'button button--secondary' : 'button'}>
          {demarche.published ? 'Ne plus proposer aux familles' : 'Publier la démarche'}
        </button>
      </PostForm>

      <h2>Questions</h2>
      {failed?.form === 'publication' && failed.state.errors.fields ? (
        <p class="field__error" id="champ-fields">
          <span class="visually-hidden">Erreur : </span>
          {failed.state.errors.fields}
        </p>
      ) : null}
      {demarche.fields.length === 0 ? (
        <p>La démarche n’a pas encore de question.</p>
      ) : (
        <ol>
          {demarche.fields.map((field, index) => (
            <li key={field.id}>
              <strong>{field.label}</strong>
              <br />
              <span class="meta">{fieldSummary(field, documentTypes)}</span>
              <div class="actions">
                <a href={paths.field(id, field.id)}>
                  Modifier<span class="visually-hidden"> la question « {field.label} »</span>
                </a>
                {index > 0 ? (
                  <PostForm context={context} action={paths.moveFieldUp(id, field.id)} class="inline-form">
                    <button type="submit" class="button button--secondary">
                      Monter<span class="visually-hidden"> la question « {field.label} »</span>
                    </button>
                  </PostForm>
                ) : null}
                <PostForm context={context} action={paths.removeField(id, field.id)} class="inline-form">
                  <button type="submit" class="button button--secondary">
                    Retirer<span class="visually-hidden"> la question « {field.label} »</span>
                  </button>
                </PostForm>
              </div>
            </li>
          ))}
        </ol>
      )}

      <h2>Ajouter une question</h2>
      <PostForm context={context} action={paths.fields(id)}>
        <FieldDefinitionFields form={fieldForm} documentTypes={documentTypes} />
        <button type="submit" class="button">
          Ajouter la question
        </button>
      </PostForm>

      <h2>Titre et description</h2>
      <PostForm context={context} action={paths.demarche(id)}>
        <DemarcheTextFields form={textForm} />
        <button type="submit" class="button">
          Enregistrer le titre et la description
        </button>
      </PostForm>
    </Layout>
  );
}
