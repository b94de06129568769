import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import { type AgentPermission, agentMay } from '../../../agentsPolicy.js';
import type { Agent } from '../../../agentsRepository.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice } from '../../../../../doors/agent/views/deskParts.js';
import { roleLabel } from './roleLabels.js';

/** Below this, the agent is warned: without codes, a lost phone means asking an administrator to reset the access. */
const FEW_RECOVERY_CODES = 3;

/** « Accueil du guichet »: who is logged in, with which role, and where they can go. */
export function DeskHomePage({
  context,
  agent,
  recoveryCodesLeft,
  unreadRequests = null,
}: {
  context: PageContext;
  agent: Agent;
  recoveryCodesLeft: number;
  /** Open requests with a family message no agent has read; null for whoever does not work the queue. */
  unreadRequests?: number | null;
}) {
  const commune = context.commune!;
  const paths = agentPaths(commune);
  const may = (permission: AgentPermission) => agentMay(agent, permission, commune.id);
  return (
    <Layout context={context} title="Accueil du guichet">
      <h1>Accueil du guichet</h1>
      <p class="lead">
        Bonjour {agent.firstName} {agent.lastName}.
      </p>
      <dl class="facts">
        <dt>Rôle</dt>
        <dd>{roleLabel(agent.role)}</dd>
        <dt>Adresse e-mail</dt>
        <dd>{agent.email}</dd>
        {agent.lastLoginAt ? (
          <>
            <dt>Connexion</dt>
            <dd>{formatLocalDateTime(agent.lastLoginAt)}</dd>
          </>
        ) : null}
        <dt>Codes de secours restants</dt>
        <dd>{recoveryCodesLeft}</dd>
      </dl>
      {recoveryCodesLeft <= FEW_RECOVERY_CODES ? (
        <Notice kind="info">
          <p>
            Il vous reste {recoveryCodesLeft} code{recoveryCodesLeft > 1 ? 's' : ''} de secours. Si vous perdez votre
            téléphone sans code de secours, un administrateur devra réinitialiser votre accès.
          </p>
        </Notice>
      ) : null}
      <h2>Que souhaitez-vous faire ?</h2>
      <ul>
        {may('requests') ? (
          <li>
            <a href={paths.requests}>Traiter les demandes</a> des familles
            {unreadRequests ? (
              <>
                {' '}
                :{' '}
                <a href={`${paths.requests}?nonlues=oui`}>
                  {unreadRequests === 1
                    ? '1 demande ouverte a un message non lu'
                    : `${unreadRequests} demandes ouvertes ont un message non lu`}
                </a>
              </>
            ) : null}
          </li>
        ) : null}
        {may('families') ? (
          <li>
            <a href={paths.families}>Rechercher une famille</a>, consulter son dossier, remettre une Clé Enfance
          </li>
        ) : null}
        {may('agents') ? (
          <li>
            <a href={paths.agents}>Gérer les agents</a> : inviter, changer un rôle, désactiver un compte
          </li>
        ) : null}
        {may('audit') ? (
          <li>
            <a href={paths.journal}>Consulter le journal</a> des connexions et des actions
          </li>
        ) : null}
        {may('settings') ? (
          <li>
            Paramétrer la commune : <a href={paths.servicesSettings}>les services et leurs règles</a>,{' '}
            <a href={paths.schoolYears}>les années scolaires</a>, <a href={paths.calendar}>le calendrier</a>,{' '}
            <a href={paths.sessionsSettings}>les sessions des activités vacances</a> et{' '}
            <a href={paths.fieldPolicies}>le dossier famille</a> (ce que les familles modifient directement)
          </li>
        ) : null}
        {may('day-lists') ? (
          <li>
            <a href={paths.dayLists}>Consulter les listes du jour</a> : enfants attendus par service et par école,
            régimes et PAI, à imprimer
          </li>
        ) : null}
        {may('attendance') ? (
          <li>
            <a href={paths.attendance}>Faire le pointage</a> des enfants présents
          </li>
        ) : null}
        {may('payments') ? (
          <li>
            <a href={paths.financeExports}>Télécharger les exports comptables</a> : factures émises et paiements reçus
          </li>
        ) : null}
        {may('sessions') ? (
          <li>
            <a href={paths.sessions}>Suivre les sessions des activités vacances</a> : réservations, listes d’attente,
            inscrire ou retirer un enfant
          </li>
        ) : null}
      </ul>
    </Layout>
  );
}
