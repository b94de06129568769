import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import { type AgentPermission, agentMay } from '../../../agentsPolicy.js';
import type { Agent } from '../../../agentsRepository.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice } from '../../../../../doors/agent/views/deskParts.js';
import { roleLabel } from './roleLabels.js';
import type { ServiceDay } from '../../../../bookings/attendanceService.js';
import { OPEN_STATUSES, requestStatusLabel } from '../../../../requests/domain/requestStatus.js';
import type { OpenRequestCounts } from '../../../../requests/requestsService.js';

/** The ages the home counts the open requests by, in days: each is one of the queue's « ancienneté » filters. */
export const WAITING_AGES = [2, 7] as const;

/** The open requests by status, each count linking to the queue filtered so; the ones waiting longest said. */
function WaitingRequests({ counts, requestsPath }: { counts: OpenRequestCounts[]; requestsPath: string }) {
  const order = OPEN_STATUSES as readonly string[];
  const sorted = [...counts].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  const link = (status: string, age?: number) =>
    `${requestsPath}?${new URLSearchParams({ statut: status, ...(age ? { anciennete: String(age) } : {}) })}`;
  const requestsWord = (n: number) => `${n} demande${n > 1 ? 's' : ''}`;
  return (
    <section aria-labelledby="demandes-en-attente">
      <h2 id="demandes-en-attente">Demandes en attente</h2>
      {sorted.length === 0 ? (
        <p>Aucune demande ouverte.</p>
      ) : (
        <ul>
          {sorted.map((line) => (
            <li key={line.status}>
              <a href={link(line.status)}>
                {requestStatusLabel(line.status)} : {requestsWord(line.count)}
              </a>
              {WAITING_AGES.map((age, i) =>
                line.older[i] ? (
                  <span key={age}>
                    {', '}
                    <a href={link(line.status, age)}>
                      {line.older[i]} depuis plus de {age} jours
                    </a>
                  </span>
                ) : null,
              )}{' '}
              (la plus ancienne du {formatLocalDateTime(line.oldest)})
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Today's lists: each service open today with its expected children and reported absences, linking to its list. */
function TodayLists({ lists, dayListsPath }: { lists: ServiceDay[]; dayListsPath: string }) {
  const open = lists.filter((list) => list.opening.open);
  const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
  return (
    <section aria-labelledby="listes-aujourdhui">
      <h2 id="listes-aujourdhui">Listes du jour</h2>
      {open.length === 0 ? (
        <p>Aucun service n’accueille d’enfants aujourd’hui.</p>
      ) : (
        <ul>
          {open.map((list) => (
            <li key={list.service.id}>
              <a href={`${dayListsPath}?${new URLSearchParams({ jour: list.day, service: list.service.id })}`}>
                {list.service.name}
              </a>{' '}
              : {plural(list.counts.expected, 'enfant')} attendu{list.counts.expected > 1 ? 's' : ''}
              {list.counts.absences > 0
                ? `, ${plural(list.counts.absences, 'absence')} signalée${list.counts.absences > 1 ? 's' : ''}`
                : ''}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Below this, the agent is warned: without codes, a lost phone means asking an administrator to reset the access. */
const FEW_RECOVERY_CODES = 3;

/** « Accueil du guichet »: who is logged in, with which role, and where they can go. */
export function DeskHomePage({
  context,
  agent,
  recoveryCodesLeft,
  unreadRequests = null,
  openRequests = null,
  todayLists = null,
}: {
  context: PageContext;
  agent: Agent;
  recoveryCodesLeft: number;
  /** Open requests with a family message no agent has read; null for whoever does not work the queue. */
  unreadRequests?: number | null;
  /** The open requests by status and age; null for whoever does not work the queue. */
  openRequests?: OpenRequestCounts[] | null;
  /** Today's lists; null for whoever does not read them. */
  todayLists?: ServiceDay[] | null;
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
            {recoveryCodesLeft === 0
              ? 'Il ne vous reste aucun code de secours.'
              : `Il vous reste ${recoveryCodesLeft} code${recoveryCodesLeft > 1 ? 's' : ''} de secours.`}{' '}
            Si vous perdez votre téléphone sans code de secours, un administrateur devra réinitialiser votre accès.
          </p>
        </Notice>
      ) : null}
      {openRequests ? <WaitingRequests counts={openRequests} requestsPath={paths.requests} /> : null}
      {todayLists ? <TodayLists lists={todayLists} dayListsPath={paths.dayLists} /> : null}
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
