import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { codeLabels } from '../agentForms.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';

/** « ABCD EFGH IJKL … »: a secret typed by hand is easier to copy in groups of 4. */
function grouped(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/**
 * The first login: the agent adds the guichet to an authenticator app, with the QR code or by typing
 * the secret, then proves it with a first code.
 */
export function EnrolmentPage({
  context,
  form,
  secret,
  qrSvg,
}: {
  context: PageContext;
  form: FormState;
  secret: string;
  qrSvg: string;
}) {
  const paths = agentPaths(context.commune!);
  return (
    <Layout context={context} title={formTitle('Activer la double authentification', form)}>
      <h1>Activer la double authentification</h1>
      <p>
        Pour protéger les données des familles, chaque connexion au guichet demande, en plus du mot de passe, un code
        donné par une application d'authentification installée sur votre téléphone (par exemple FreeOTP, Aegis ou Google
        Authenticator).
      </p>
      <ErrorSummary form={form} labels={codeLabels} />
      <h2>1. Ajoutez le guichet à votre application</h2>
      <p>Dans l'application, choisissez d'ajouter un compte, puis scannez ce QR code :</p>
      {/* The SVG comes from the qrcode library, drawn from the otpauth address: nothing a user typed is in it. */}
      <div
        class="qr"
        role="img"
        aria-label="QR code à scanner avec votre application d'authentification"
        dangerouslySetInnerHTML={{ __html: qrSvg }}
      />
      <p>
        Si vous ne pouvez pas scanner le QR code, saisissez cette clé dans l'application (type « basé sur le temps ») :
      </p>
      <p class="secret">{grouped(secret)}</p>
      <h2>2. Saisissez le code affiché</h2>
      <PostForm context={context} action={paths.enrolment}>
        <TextField
          form={form}
          name="code"
          label={codeLabels.code}
          hint="Le code que l'application affiche pour ce guichet, par exemple 123456."
          autocomplete="one-time-code"
          inputMode="numeric"
          short
          required
        />
        <button type="submit" class="button">
          Activer
        </button>
      </PostForm>
      <PostForm context={context} action={paths.logout}>
        <button type="submit" class="button button--secondary">
          Annuler la connexion
        </button>
      </PostForm>
    </Layout>
  );
}
