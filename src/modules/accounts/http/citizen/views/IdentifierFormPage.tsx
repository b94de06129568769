import type { ComponentChildren } from 'preact';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';

/**
 * One field, « Identifiant ou adresse e-mail »: « J'ai oublié mon mot de passe » and « Renvoyer le
 * lien d'activation ». After sending, the same notice whether an account answers or not.
 */
export function IdentifierFormPage(props: {
  context: PageContext;
  title: string;
  intro: string;
  action: string;
  submit: string;
  form: FormState;
  sentNotice?: string;
  children?: ComponentChildren;
}) {
  const { context, title, form } = props;
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <h1>{title}</h1>
      {props.sentNotice ? (
        <div class="notice notice--success" role="status">
          <p>{props.sentNotice}</p>
        </div>
      ) : null}
      <p>{props.intro}</p>
      <ErrorSummary form={form} labels={{ identifier: 'Identifiant ou adresse e-mail' }} />
      <PostForm context={context} action={props.action}>
        <TextField
          form={form}
          name="identifier"
          label="Identifiant ou adresse e-mail"
          autocomplete="username"
          spellcheck={false}
          required
        />
        <button type="submit" class="button">
          {props.submit}
        </button>
      </PostForm>
      {props.children}
    </Layout>
  );
}
