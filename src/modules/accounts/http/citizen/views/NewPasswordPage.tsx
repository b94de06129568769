import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';

/** The page behind the reset link: the new password, twice. */
export function NewPasswordPage({ context, form, token }: { context: PageContext; form: FormState; token: string }) {
  const paths = communePaths(context.commune!);
  return (
    <Layout context={context} title={formTitle('Choisir un nouveau mot de passe', form)}>
      <h1>Choisir un nouveau mot de passe</h1>
      <p>Une fois le mot de passe changé, toutes les connexions ouvertes à votre espace seront fermées.</p>
      <ErrorSummary
        form={form}
        labels={{ password: 'Nouveau mot de passe', passwordConfirmation: 'Confirmation du mot de passe' }}
      />
      <PostForm context={context} action={paths.resetPassword}>
        <input type="hidden" name="jeton" value={token} />
        <TextField
          form={form}
          name="password"
          type="password"
          label="Nouveau mot de passe"
          hint="Au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner."
          autocomplete="new-password"
          required
        />
        <TextField
          form={form}
          name="passwordConfirmation"
          type="password"
          label="Confirmation du mot de passe"
          autocomplete="new-password"
          required
        />
        <button type="submit" class="button">
          Enregistrer le mot de passe
        </button>
      </PostForm>
    </Layout>
  );
}
