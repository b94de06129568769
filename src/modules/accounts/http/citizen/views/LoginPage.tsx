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

export type LoginNotice = 'logged-out' | 'expired' | 'activated' | 'password-changed' | 'email-changed' | null;

const notices: Record<Exclude<LoginNotice, null>, string> = {
  'logged-out': 'Vous êtes déconnecté. À bientôt !',
  expired: 'Votre session a pris fin. Connectez-vous à nouveau pour continuer.',
  activated: 'Votre espace est activé. Vous pouvez vous connecter.',
  'password-changed': 'Votre mot de passe a été changé. Connectez-vous avec le nouveau mot de passe.',
  'email-changed': 'Votre nouvelle adresse e-mail est confirmée.',
};

/** « Connexion » with the username or the e-mail. The errors never say whether the account exists. */
export function LoginPage({
  context,
  form,
  notice,
  returnTo,
}: {
  context: PageContext;
  form: FormState;
  notice: LoginNotice;
  returnTo?: string;
}) {
  const paths = communePaths(context.commune!);
  return (
    <Layout context={context} title={formTitle('Connexion', form)}>
      <h1>Connexion à mon espace</h1>
      {notice ? (
        <div class="notice notice--success" role="status">
          <p>{notices[notice]}</p>
        </div>
      ) : null}
      <ErrorSummary form={form} labels={{ identifier: 'Identifiant ou adresse e-mail', password: 'Mot de passe' }} />
      <PostForm context={context} action={paths.login}>
        {returnTo ? <input type="hidden" name="retour" value={returnTo} /> : null}
        <TextField
          form={form}
          name="identifier"
          label="Identifiant ou adresse e-mail"
          autocomplete="username"
          spellcheck={false}
          required
        />
        <TextField
          form={form}
          name="password"
          type="password"
          label="Mot de passe"
          autocomplete="current-password"
          required
        />
        <button type="submit" class="button">
          Connexion
        </button>
      </PostForm>
      <ul>
        <li>
          <a href={paths.forgottenPassword}>J'ai oublié mon mot de passe</a>
        </li>
        <li>
          <a href={paths.resendActivation}>Je n'ai pas reçu le lien d'activation</a>
        </li>
        <li>
          Je n'ai pas d'espace : <a href={paths.signUp}>Créer mon espace</a>
        </li>
      </ul>
    </Layout>
  );
}
