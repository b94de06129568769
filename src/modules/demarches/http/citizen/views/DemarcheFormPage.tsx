import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  RadioGroup,
  TextArea,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { Demarche } from '../../../demarchesRepository.js';
import { LONG_ANSWER_MAX, answerName } from '../../../domain/answers.js';
import type { DemarcheField } from '../../../domain/demarcheDefinition.js';

const DATE_HINT = 'Au format JJ/MM/AAAA, par exemple 14/11/2026.';

/** One question as the family answers it; its hint, then how to write the answer. */
function Question({ field, form }: { field: DemarcheField; form: FormState }) {
  const name = answerName(field);
  const common = { form, name, required: field.required };
  switch (field.kind) {
    case 'short-text':
      return <TextField {...common} label={field.label} hint={field.hint || undefined} />;
    case 'long-text':
      return (
        <TextArea
          {...common}
          label={field.label}
          hint={`${field.hint ? `${field.hint} ` : ''}${LONG_ANSWER_MAX} caractères au maximum.`}
        />
      );
    case 'date':
      return (
        <TextField
          {...common}
          label={field.label}
          hint={field.hint ? `${field.hint} ${DATE_HINT}` : DATE_HINT}
          short
          inputMode="numeric"
        />
      );
    case 'choice':
      return (
        <RadioGroup
          {...common}
          legend={field.hint ? `${field.label} (${field.hint})` : field.label}
          options={field.options.map((option) => ({ value: option, label: option }))}
        />
      );
    case 'yes-no':
      return (
        <RadioGroup
          {...common}
          legend={field.hint ? `${field.label} (${field.hint})` : field.label}
          options={[
            { value: 'oui', label: 'Oui' },
            { value: 'non', label: 'Non' },
          ]}
        />
      );
  }
}

/** A démarche's form: its description, then each question in order; the answers go to the guichet unique. */
export function DemarcheFormPage({
  context,
  demarche,
  form,
}: {
  context: PageContext;
  demarche: Demarche;
  form: FormState;
}) {
  const paths = communePaths(context.commune!);
  const labels = Object.fromEntries(demarche.fields.map((field) => [answerName(field), field.label]));
  return (
    <Layout context={context} title={formTitle(demarche.title, form)}>
      <h1>{demarche.title}</h1>
      <p>
        <a href={paths.demarches}>Retour aux autres démarches</a>
      </p>
      <ErrorSummary form={form} labels={labels} />
      {demarche.description ? <p class="text-block">{demarche.description}</p> : null}
      <p>Les questions marquées « obligatoire » demandent une réponse.</p>
      <PostForm context={context} action={paths.demarche(demarche.id)}>
        {demarche.fields.map((field) => (
          <Question key={field.id} field={field} form={form} />
        ))}
        <button type="submit" class="button">
          Envoyer au guichet unique
        </button>
      </PostForm>
    </Layout>
  );
}
