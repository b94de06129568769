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
import {
  type FamilyChild,
  LONG_ANSWER_MAX,
  answerName,
  documentChildName,
  documentChoiceName,
} from '../../../domain/answers.js';
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

/** The child a child's piece is for: one of the family's children, chosen before any file of the form. */
function ChildQuestion({ field, form, children }: { field: DemarcheField; form: FormState; children: FamilyChild[] }) {
  if (children.length === 0)
    return (
      <p class="field" id={`champ-${documentChildName(field)}`}>
        « {field.label} » concerne un enfant, et votre dossier famille n’en compte aucun.
      </p>
    );
  return (
    <RadioGroup
      form={form}
      name={documentChildName(field)}
      legend={`Pour quel enfant est la pièce « ${field.label} » ?`}
      options={children.map((child) => ({ value: child.id, label: child.name }))}
      required={field.required}
    />
  );
}

/** A démarche's form: its description, then each question in order; the answers go to the guichet unique. */
export function DemarcheFormPage({
  context,
  demarche,
  form,
  validDocuments = {},
  children = [],
  forChild = new Set(),
}: {
  context: PageContext;
  demarche: Demarche;
  form: FormState;
  validDocuments?: ValidDocuments;
  /** The family's children, offered for the questions asking a child's piece. */
  children?: FamilyChild[];
  /** The codes of the document types given for a child. */
  forChild?: ReadonlySet<string>;
}) {
  const paths = communePaths(context.commune!);
  const answered = demarche.fields.filter((field) => field.kind !== 'document');
  const documents = demarche.fields.filter((field) => field.kind === 'document');
  const childPieces = documents.filter((field) => forChild.has(field.documentType ?? ''));
  const labels = Object.fromEntries([
    ...[...answered, ...documents].map((field) => [answerName(field), field.label]),
    ...childPieces.map((field) => [documentChildName(field), `Enfant concerné par « ${field.label} »`]),
  ]);
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
        {answered.map((field) => (
          <Question key={field.id} field={field} form={form} valid={validDocuments[answerName(field)]} />
        ))}
        {/* Which child each child's piece is for: a choice, so before every file. */}
        {childPieces.map((field) => (
          <ChildQuestion key={`${field.id}-enfant`} field={field} form={form} children={children} />
        ))}
        {documents.map((field) => (
          <Question key={field.id} field={field} form={form} valid={validDocuments[answerName(field)]} />
        ))}
        <button type="submit" class="button">
          Envoyer au guichet unique
        </button>
      </form>
    </Layout>
  );
}
