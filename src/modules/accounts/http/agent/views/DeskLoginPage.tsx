import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { loginLabels } from '../agentForms.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice } from '../../../../../doors/agent/views/deskParts.js';

export type DeskLoginNotice = 'logged-out' | 'expired' | 'password-set' | null;

const notices: Record<Exclude<DeskLoginNotice, null>, string> = {
  'logged-out': 'Vous êtes déconnecté du guichet unique.',
  expired: 'Votre session a pris fin. Connectez-vous à nouveau pour continuer.',
  'password-set':
    "Votre mot de passe est enregistré. Connectez-vous : vous relierez ensuite votre compte à votre application d'authentification.",
};

/** The agents' login, first step: e-mail and password. The errors never say whether the account exists. */
export function DeskLoginPage({
  context,
  form,
  notice,
}: {
  context: PageContext;
  form: FormState;
  notice: DeskLoginNotice;
}) {
  const paths = agentPaths(context.commune!);
  return (
    <Layout context={context} title={formTitle('Connexion au guichet unique', form)}>
      <h1>Connexion au guichet unique</h1>
      {notice ? (
        <Notice>
          <p>{notices[notice]}</p>
        </Notice>
      ) : null}
      <p>
        Cet accès est réservé aux agents de la commune. Les familles se connectent depuis la page d'accueil de l'espace
        citoyens.
      </p>
      <ErrorSummary form={form} labels={loginLabels} />
      <PostForm context={context} action={paths.login}>
        <TextField
          form={form}
          name="email"
          type="email"
          label={loginLabels.email}
          autocomplete="username"
          spellcheck={false}
          required
        />
        <TextField
          form={form}
          name="password"
          type="password"
          label={loginLabels.password}
          autocomplete="current-password"
          required
        />
        <button type="submit" class="button">
          Se connecter
        </button>
      </PostForm>
    </Layout>
  );
}
