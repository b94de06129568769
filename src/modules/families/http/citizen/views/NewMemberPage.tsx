import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { ErrorSummary, type FormState, PostForm, formTitle } from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { NewMemberFields, groupLabels } from './groupFields.js';

/** « Ajouter un membre du foyer »: a child or another adult living in the household. */
export function NewMemberPage({
  context,
  form,
  validated,
}: {
  context: PageContext;
  form: FormState;
  validated: boolean;
}) {
  const paths = communePaths(context.commune!);
  return (
    <Layout context={context} title={formTitle('Ajouter un membre du foyer', form)}>
      <p>
        <a href={paths.myFamily}>Retour à Ma famille</a>
      </p>
      <h1>Ajouter un membre du foyer</h1>
      <ErrorSummary form={form} labels={groupLabels('new-member')} />
      <div class="notice">
        <p>
          {validated
            ? 'Votre demande sera transmise au guichet unique, qui ajoutera le membre au dossier après vérification ; vous serez prévenu par e-mail. Il pourra vous demander un justificatif (livret de famille, jugement…).'
            : 'Le membre sera ajouté immédiatement à votre dossier famille.'}
        </p>
      </div>
      <PostForm context={context} action={paths.newMember}>
        <NewMemberFields form={form} />
        <div class="actions">
          <button type="submit" class="button">
            {validated ? 'Envoyer la demande' : 'Ajouter'}
          </button>
          <a href={paths.myFamily}>Annuler</a>
        </div>
      </PostForm>
    </Layout>
  );
}
