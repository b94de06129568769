import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { AGENT_MIN_PASSWORD_LENGTH } from '../../../domain/passwordPolicy.js';
import type { Agent } from '../../../agentsRepository.js';
import { invitationLabels } from '../agentForms.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';

/** The invited agent chooses their password; the second factor comes at the first login. */
export function InvitationPage({
  context,
  form,
  token,
  agent,
}: {
  context: PageContext;
  form: FormState;
  token: string;
  agent: Agent;
}) {
  const paths = agentPaths(context.commune!);
  return (
    <Layout context={context} title={formTitle('Choisir mon mot de passe', form)}>
      <h1>Choisir mon mot de passe</h1>
      <p>
        Bienvenue {agent.firstName} {agent.lastName}. Votre compte d'agent du guichet unique ({agent.email}) sera prêt
        quand vous aurez choisi votre mot de passe.
      </p>
      <ErrorSummary form={form} labels={invitationLabels} />
      <PostForm context={context} action={paths.invitation}>
        <input type="hidden" name="jeton" value={token} />
        {/* The e-mail as a username, so that a password manager files the new password under it. */}
        <input type="hidden" name="username" value={agent.email} autocomplete="username" />
        <TextField
          form={form}
          name="password"
          type="password"
          label={invitationLabels.password}
          hint={`Au moins ${AGENT_MIN_PASSWORD_LENGTH} caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.`}
          autocomplete="new-password"
          required
        />
        <TextField
          form={form}
          name="passwordConfirmation"
          type="password"
          label={invitationLabels.passwordConfirmation}
          autocomplete="new-password"
          required
        />
        <button type="submit" class="button">
          Enregistrer mon mot de passe
        </button>
      </PostForm>
    </Layout>
  );
}
