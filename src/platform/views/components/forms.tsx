import type { ComponentChildren } from 'preact';
import type { FieldErrors, FormValues } from '../../http/forms.js';
import type { PageContext } from '../PageContext.js';

/** The state a form is drawn with: what was typed, and what is wrong with it. */
export interface FormState {
  values: FormValues;
  errors: FieldErrors;
}
export const emptyForm: FormState = { values: {}, errors: {} };

/** The fields' labels, by name, in the order of the form: the error summary lists them in that order. */
export type FieldLabels = Record<string, string>;

const fieldId = (name: string) => `champ-${name}`;

/**
 * RGAA 11.10 and 11.11: the errors first, each a link to its field, in a region read out at once.
 * Shown only when there are errors.
 */
export function ErrorSummary({ form, labels }: { form: FormState; labels: FieldLabels }) {
  const names = Object.keys(form.errors);
  if (names.length === 0) return null;
  const ordered = [...Object.keys(labels).filter((n) => names.includes(n)), ...names.filter((n) => !(n in labels))];
  return (
    // Focused when the page loads, so that the keyboard and the screen reader start from the errors.
    <div class="error-summary" role="alert" aria-labelledby="erreurs-titre" tabIndex={-1} id="erreurs" autofocus>
      <h2 id="erreurs-titre">
        {names.length === 1 ? 'Le formulaire contient une erreur' : `Le formulaire contient ${names.length} erreurs`}
      </h2>
      <ul>
        {ordered.map((name) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>{form.errors[name]}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A page title that says when the form came back with errors (RGAA 8.6). */
export function formTitle(title: string, form: FormState): string {
  const count = Object.keys(form.errors).length;
  return count === 0 ? title : `Erreur : ${title}`;
}

export function CsrfField({ context }: { context: PageContext }) {
  return <input type="hidden" name="_csrf" value={context.csrfToken()} />;
}

/** A form that always carries its CSRF token. */
export function PostForm({
  context,
  action,
  children,
  class: className,
}: {
  context: PageContext;
  action: string;
  children: ComponentChildren;
  class?: string;
}) {
  return (
    <form method="post" action={action} class={className ?? 'form'} noValidate>
      <CsrfField context={context} />
      {children}
    </form>
  );
}

interface InputProps {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  type?: 'text' | 'email' | 'tel' | 'password';
  autocomplete?: string;
  required?: boolean;
  short?: boolean;
  inputMode?: 'numeric' | 'text';
  spellcheck?: boolean;
}

/** A field's label, hint and error around its control, tied to it by ids (aria-describedby). */
function Field({
  form,
  name,
  label,
  hint,
  required,
  control,
}: {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  control: (aria: ControlAria) => ComponentChildren;
}) {
  const id = fieldId(name);
  const error = form.errors[name];
  const described = [hint ? `${id}-aide` : '', error ? `${id}-erreur` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for={id}>
        {label}
        {required ? ' (obligatoire)' : ''}
      </label>
      {hint ? (
        <span class="hint" id={`${id}-aide`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span class="field__error" id={`${id}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {error}
        </span>
      ) : null}
      {control({
        id,
        'aria-required': required ? 'true' : undefined,
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': described,
      })}
    </div>
  );
}

interface ControlAria {
  id: string;
  'aria-required': 'true' | undefined;
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
}

/** A labelled one-line field with its hint and error tied to it, its value kept on error (never a password's). */
export function TextField({
  form,
  name,
  label,
  hint,
  type = 'text',
  autocomplete,
  required,
  short,
  inputMode,
  spellcheck,
}: InputProps) {
  return (
    <Field
      form={form}
      name={name}
      label={label}
      hint={hint}
      required={required}
      control={(aria) => (
        <input
          {...aria}
          name={name}
          // Preact's types tie each input type to its own attributes; these four share the ones used here.
          type={type as 'text'}
          class={short ? 'input--short' : undefined}
          value={type === 'password' ? '' : (form.values[name] ?? '')}
          autocomplete={autocomplete}
          inputMode={inputMode}
          spellcheck={spellcheck}
        />
      )}
    />
  );
}

/** A labelled text box of several lines, like `TextField`. */
export function TextArea({
  form,
  name,
  label,
  hint,
  required,
  rows = 6,
}: {
  form: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
  rows?: number;
}) {
  return (
    <Field
      form={form}
      name={name}
      label={label}
      hint={hint}
      required={required}
      control={(aria) => <textarea {...aria} name={name} rows={rows} value={form.values[name] ?? ''} />}
    />
  );
}

/** Radio buttons in a fieldset whose legend is the question. */
export function RadioGroup({
  form,
  name,
  legend,
  options,
  required,
}: {
  form: FormState;
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  required?: boolean;
}) {
  const error = form.errors[name];
  return (
    <fieldset
      class={error ? 'field field--error' : 'field'}
      aria-describedby={error ? `${fieldId(name)}-erreur` : undefined}
    >
      <legend>
        {legend}
        {required ? ' (obligatoire)' : ''}
      </legend>
      {error ? (
        <span class="field__error" id={`${fieldId(name)}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {error}
        </span>
      ) : null}
      {options.map((option, index) => {
        // The first choice bears the field's id: the error summary's link lands on it.
        const id = index === 0 ? fieldId(name) : `${fieldId(name)}-${option.value || 'aucun'}`;
        return (
          <div class="choice" key={option.value}>
            <input type="radio" id={id} name={name} value={option.value} checked={form.values[name] === option.value} />
            <label for={id}>{option.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** One checkbox; its error links to the box itself. */
export function Checkbox({
  form,
  name,
  label,
  children,
}: {
  form: FormState;
  name: string;
  label: string;
  children?: ComponentChildren;
}) {
  const id = fieldId(name);
  const error = form.errors[name];
  return (
    <div class={error ? 'field field--error' : 'field'}>
      {error ? (
        <span class="field__error" id={`${id}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {error}
        </span>
      ) : null}
      <div class="choice">
        <input
          type="checkbox"
          id={id}
          name={name}
          value="oui"
          checked={form.values[name] === 'oui'}
          aria-describedby={error ? `${id}-erreur` : undefined}
        />
        <label for={id}>{label}</label>
      </div>
      {children}
    </div>
  );
}
