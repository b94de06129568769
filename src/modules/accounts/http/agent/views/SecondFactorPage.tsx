import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { codeLabels, recoveryCodeLabels } from '../agentForms.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';

/** The second step of the login: the app's code, or one of the recovery codes when the phone is away. */
export function SecondFactorPage({
  context,
  form,
  method,
}: {
  context: PageContext;
  form: FormState;
  method: 'totp' | 'recovery';
}) {
  const paths = agentPaths(context.commune!);
  const title = method === 'totp' ? 'Double authentification' : 'Utiliser un code de secours';
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <h1>{title}</h1>
      {method === 'totp' ? (
        <>
          <p>
            Ouvrez l'application d'authentification de votre téléphone et saisissez le code à 6 chiffres affiché pour ce
            guichet.
          </p>
          <ErrorSummary form={form} labels={codeLabels} />
          <PostForm context={context} action={paths.secondFactor}>
            <TextField
              form={form}
              name="code"
              label={codeLabels.code}
              hint="Par exemple : 123456"
              autocomplete="one-time-code"
              inputMode="numeric"
              short
              required
            />
            <button type="submit" class="button">
              Valider
            </button>
          </PostForm>
          <p>
            Téléphone perdu ou indisponible ? <a href={paths.recoveryCode}>Utiliser un code de secours</a>
          </p>
        </>
      ) : (
        <>
          <p>
            Saisissez un des codes de secours notés lors de l'activation de la double authentification. Chaque code ne
            sert qu'une fois.
          </p>
          <ErrorSummary form={form} labels={recoveryCodeLabels} />
          <PostForm context={context} action={paths.recoveryCode}>
            <TextField
              form={form}
              name="recoveryCode"
              label={recoveryCodeLabels.recoveryCode}
              hint="Par exemple : ABCDE-FGHJK"
              autocomplete="off"
              spellcheck={false}
              required
            />
            <button type="submit" class="button">
              Valider
            </button>
          </PostForm>
          <p>
            <a href={paths.secondFactor}>Revenir au code de l'application</a>
          </p>
        </>
      )}
      <PostForm context={context} action={paths.logout}>
        <button type="submit" class="button button--secondary">
          Annuler la connexion
        </button>
      </PostForm>
    </Layout>
  );
}
