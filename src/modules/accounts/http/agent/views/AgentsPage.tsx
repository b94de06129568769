import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  RadioGroup,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { formatLocalDate } from '../../../../../shared/dates.js';
import { AGENT_ROLES } from '../../../agentsPolicy.js';
import type { Agent } from '../../../agentsRepository.js';
import { inviteLabels } from '../agentForms.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice, personName, TableBox } from '../../../../../doors/agent/views/deskParts.js';
import { roleLabel, roleLabels } from './roleLabels.js';

const notices = {
  invited: { kind: 'success', text: "L'invitation est envoyée. Le lien qu'elle contient est valable 72 heures." },
  reinvited: {
    kind: 'success',
    text: "Une nouvelle invitation est envoyée (lien valable 72 heures) ; le lien de la précédente ne fonctionne plus. Si l'agent avait déjà un mot de passe, il en choisira un nouveau et activera de nouveau la double authentification ; ses connexions en cours sont fermées.",
  },
  'role-changed': { kind: 'success', text: 'Le rôle est modifié.' },
  disabled: { kind: 'success', text: 'Le compte est désactivé. Ses connexions en cours sont fermées.' },
  enabled: { kind: 'success', text: 'Le compte est réactivé.' },
  unchanged: { kind: 'info', text: "Rien n'a changé : le compte était déjà dans cet état." },
  self: {
    kind: 'error',
    text: 'Vous ne pouvez pas changer votre propre rôle ni désactiver votre propre compte. Demandez-le à un autre administrateur.',
  },
} as const;

export type AgentsNotice = keyof typeof notices;
export const isAgentsNotice = (value: string): value is AgentsNotice => Object.hasOwn(notices, value);

const roleOptions = AGENT_ROLES.map((role) => ({ value: role, label: roleLabels[role] }));

function stateOf(agent: Agent): string {
  if (agent.disabledAt) return `Désactivé le ${formatLocalDate(agent.disabledAt)}`;
  if (!agent.passwordHash) return 'Invitation en attente';
  if (!agent.totpSecret) return 'Double authentification à activer';
  return 'Actif';
}

/** The commune's agents, what an administrator may change about each, and the invitation form. */
export function AgentsPage({
  context,
  agents,
  me,
  form,
  notice,
}: {
  context: PageContext;
  agents: Agent[];
  me: Agent;
  form: FormState;
  notice: AgentsNotice | null;
}) {
  const paths = agentPaths(context.commune!);
  const message = notice ? notices[notice] : null;
  return (
    <Layout context={context} title={formTitle('Agents', form)}>
      <h1>Agents</h1>
      {message ? (
        <Notice kind={message.kind}>
          <p>{message.text}</p>
        </Notice>
      ) : null}
      <TableBox label="Les agents de la commune">
        <table class="data">
          <caption class="visually-hidden">Les agents de la commune</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th>
              <th scope="col">Adresse e-mail</th>
              <th scope="col">Rôle</th>
              <th scope="col">État</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {agents.map((agent) => {
              const self = agent.id === me.id;
              const name = personName(agent);
              return (
                <tr key={agent.id}>
                  <th scope="row">
                    {name}
                    {self ? ' (vous)' : ''}
                  </th>
                  <td>{agent.email}</td>
                  <td>
                    {self ? (
                      roleLabel(agent.role)
                    ) : (
                      <PostForm context={context} action={paths.agentRole(agent.id)} class="inline-form">
                        <label for={`role-${agent.id}`} class="visually-hidden">
                          Rôle de {name}
                        </label>
                        <select id={`role-${agent.id}`} name="role">
                          {roleOptions.map((option) => (
                            <option key={option.value} value={option.value} selected={option.value === agent.role}>
                              {option.label}
                            </option>
                          ))}
                        </select>{' '}
                        <button type="submit" class="button button--secondary">
                          Changer<span class="visually-hidden"> le rôle de {name}</span>
                        </button>
                      </PostForm>
                    )}
                  </td>
                  <td>{stateOf(agent)}</td>
                  <td>
                    {self ? null : (
                      <div class="actions">
                        {agent.disabledAt ? (
                          <PostForm context={context} action={paths.enableAgent(agent.id)} class="inline-form">
                            <button type="submit" class="button button--secondary">
                              Réactiver<span class="visually-hidden"> {name}</span>
                            </button>
                          </PostForm>
                        ) : (
                          <PostForm context={context} action={paths.disableAgent(agent.id)} class="inline-form">
                            <button type="submit" class="button button--danger">
                              Désactiver<span class="visually-hidden"> {name}</span>
                            </button>
                          </PostForm>
                        )}
                        {agent.disabledAt ? null : (
                          <PostForm context={context} action={paths.reinviteAgent(agent.id)} class="inline-form">
                            <button type="submit" class="button button--secondary">
                              {agent.passwordHash ? "Réinitialiser l'accès" : "Renvoyer l'invitation"}
                              <span class="visually-hidden"> de {name}</span>
                            </button>
                          </PostForm>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableBox>
      <p class="meta">
        « Réinitialiser l'accès » sert à l'agent qui a perdu son mot de passe, ou son téléphone et ses codes de secours
        : il reçoit une nouvelle invitation.
      </p>
      <h2 id="inviter">Inviter un agent</h2>
      <p>
        L'agent reçoit par e-mail un lien, valable 72 heures, pour choisir son mot de passe. À sa première connexion, il
        active la double authentification.
      </p>
      <ErrorSummary form={form} labels={inviteLabels} />
      <PostForm context={context} action={paths.agents}>
        <TextField
          form={form}
          name="email"
          type="email"
          label={inviteLabels.email}
          autocomplete="off"
          spellcheck={false}
          required
        />
        <TextField form={form} name="firstName" label={inviteLabels.firstName} autocomplete="off" required />
        <TextField form={form} name="lastName" label={inviteLabels.lastName} autocomplete="off" required />
        <RadioGroup form={form} name="role" legend={inviteLabels.role} options={roleOptions} required />
        <button type="submit" class="button">
          Envoyer l'invitation
        </button>
      </PostForm>
    </Layout>
  );
}
