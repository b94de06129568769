import type { FastifyReply, FastifyRequest } from 'fastify';
import { IDLE_TIMEOUT_MS } from '../../platform/sessions/sessionStore.js';
import type { Viewer } from '../../platform/views/PageContext.js';
import type { Commune } from '../../modules/communes/domain/commune.js';
import { type AgentPermission, agentMay } from '../../modules/accounts/agentsPolicy.js';
import type { Agent } from '../../modules/accounts/agentsRepository.js';
import { agentPaths } from './agentPaths.js';
import { communeOf } from '../../platform/http/tenant.js';

/**
 * Who may reach a route of the back office: anyone (`open`: login, invitation, logout), an agent
 * between their password and their second factor (`second-factor`), or an agent fully logged in who
 * holds the permission. A route that says nothing needs a full login (`dashboard`).
 */
export type AgentAccess = 'open' | 'second-factor' | AgentPermission;

declare module 'fastify' {
  interface FastifyRequest {
    /** The agent behind this request's session, reloaded at each request. */
    agent?: Agent;
  }
  interface FastifyContextConfig {
    agentAccess?: AgentAccess;
  }
}

/** The session's stage once the second factor is given; before, it is « password ». */
export const COMPLETE = 'complete';
export const PASSWORD_ONLY = 'password';

export { communeOf };

/** The agent of a route guarded by a permission: the access hook has checked them. */
export function agentOf(request: FastifyRequest): Agent {
  if (!request.agent) throw new Error('agent route reached without an agent');
  return request.agent;
}

/** The back office's shell: the agent's name and the links their role opens. */
export function viewerOf(commune: Commune, agent: Agent): Viewer {
  const paths = agentPaths(commune);
  const may = (permission: AgentPermission) => agentMay(agent, permission, commune.id);
  return {
    name: `${agent.firstName} ${agent.lastName}`,
    navigation: [
      { href: paths.home, label: 'Accueil du guichet' },
      ...(may('families') ? [{ href: paths.families, label: 'Familles' }] : []),
      ...(may('requests') ? [{ href: paths.requests, label: 'Demandes' }] : []),
      ...(may('documents') ? [{ href: paths.documents, label: 'Pièces' }] : []),
      ...(may('day-lists') ? [{ href: paths.dayLists, label: 'Listes du jour' }] : []),
      ...(may('attendance') ? [{ href: paths.attendance, label: 'Pointage' }] : []),
      ...(may('sessions') ? [{ href: paths.sessions, label: 'Sessions' }] : []),
      ...(may('agents') ? [{ href: paths.agents, label: 'Agents' }] : []),
      ...(may('audit') ? [{ href: paths.journal, label: 'Journal' }] : []),
      ...(may('mails') ? [{ href: paths.mailFailures, label: 'Courriels en échec' }] : []),
      ...(may('settings') ? [{ href: paths.servicesSettings, label: 'Paramètres' }] : []),
    ],
    logoutAction: paths.logout,
    extendAction: paths.extendSession,
    idleMinutes: IDLE_TIMEOUT_MS / 60_000,
  };
}

/** The second factor is given: a new session id for the new privilege (SECURITY.md: new id at login). */
export async function completeLogin(request: FastifyRequest, reply: FastifyReply, agent: Agent): Promise<void> {
  await reply.startSession({ subjectId: agent.id, stage: COMPLETE });
  request.agent = agent;
  request.viewer = viewerOf(communeOf(request), agent);
}
