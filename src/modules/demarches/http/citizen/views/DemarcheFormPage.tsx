import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  RadioGroup,
  TextArea,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { Demarche } from '../../../demarchesRepository.js';
import { LONG_ANSWER_MAX, answerName, documentChoiceName } from '../../../domain/answers.js';
import type { DemarcheField } from '../../../domain/demarcheDefinition.js';

const DATE_HINT = 'Au format JJ/MM/AAAA, par exemple 14/11/2026.';
const FILE_HINT =
  'PDF, JPEG ou PNG, 10 Mo au plus par fichier ; plusieurs fichiers pour un document de plusieurs pages.';

/** The family's document already validated for a question, by the form's name. */
export type ValidDocuments = Record<string, { id: string; text: string }>;

/**
 * A document question: the document the guichet already validated, if the family has one (« Dites-le-nous
 * une fois »), or new files. The files go through the vault's checks when the form is sent.
 */
function DocumentQuestion({ field, form, valid }: { field: DemarcheField; form: FormState; valid?: { text: string } }) {
  const name = answerName(field);
  const id = `champ-${name}`;
  const choice = documentChoiceName(field);
  const error = form.errors[name];
  const hint = `${field.hint ? `${field.hint} ` : ''}${FILE_HINT}`;
  const file = (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>
        {valid ? 'Nouveaux fichiers' : field.label}
        {field.required && !valid ? ' (obligatoire)' : ''}
      </label>
      <span class="hint" id={`${id}-aide`}>
        {hint}
      </span>
      {error ? (
        <span class="field__error" id={`${id}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {error}
        </span>
      ) : null}
      <input
        type="file"
        id={id}
        name={name}
        multiple
        accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
        aria-required={field.required && !valid ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-aide ${id}-erreur` : `${id}-aide`}
      />
    </div>
  );
  if (!valid) return file;
  const reuse = form.values[choice] !== 'nouvelle';
  return (
    <fieldset class="field">
      <legend>
        {field.label}
        {field.required ? ' (obligatoire)' : ''}
      </legend>
      <div class="choice">
        <input type="radio" id={`${id}-existante`} name={choice} value="existante" checked={reuse} />
        <label for={`${id}-existante`}>Utiliser la pièce déjà donnée : {valid.text}</label>
      </div>
      <div class="choice">
        <input type="radio" id={`${id}-nouvelle`} name={choice} value="nouvelle" checked={!reuse} />
        <label for={`${id}-nouvelle`}>En envoyer une nouvelle</label>
      </div>
      {file}
    </fieldset>
  );
}

/** One question as the family answers it; its hint, then how to write the answer. */
function Question({ field, form, valid }: { field: DemarcheField; form: FormState; valid?: { text: string } }) {
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
    case 'document':
      return <DocumentQuestion field={field} form={form} valid={valid} />;
  }
}

/** A démarche's form: its description, then each question in order; the answers go to the guichet unique. */
export function DemarcheFormPage({
  context,
  demarche,
  form,
  validDocuments = {},
}: {
  context: PageContext;
  demarche: Demarche;
  form: FormState;
  validDocuments?: ValidDocuments;
}) {
  const paths = communePaths(context.commune!);
  const answered = demarche.fields.filter((field) => field.kind !== 'document');
  const documents = demarche.fields.filter((field) => field.kind === 'document');
  const labels = Object.fromEntries([...answered, ...documents].map((field) => [answerName(field), field.label]));
  return (
    <Layout context={context} title={formTitle(demarche.title, form)}>
      <h1>{demarche.title}</h1>
      <p>
        <a href={paths.demarches}>Retour aux autres démarches</a>
      </p>
      <ErrorSummary form={form} labels={labels} />
      {demarche.description ? <p class="text-block">{demarche.description}</p> : null}
      <p>
        Les questions marquées « obligatoire » demandent une réponse.
        {documents.length > 0 ? ' Les pièces à joindre sont à la fin du formulaire.' : ''}
      </p>
      {/* The files last: a multipart form's fields are read up to its first file (the CSRF check comes first). */}
      <form
        method="post"
        action={paths.demarche(demarche.id)}
        class="form"
        noValidate
        {...(documents.length > 0 ? { encType: 'multipart/form-data' } : {})}
      >
        <CsrfField context={context} />
        {[...answered, ...documents].map((field) => (
          <Question key={field.id} field={field} form={form} valid={validDocuments[answerName(field)]} />
        ))}
        <button type="submit" class="button">
          Envoyer au guichet unique
        </button>
      </form>
    </Layout>
  );
}
