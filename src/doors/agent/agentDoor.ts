import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { SessionStore } from '../../platform/sessions/sessionStore.js';
import type { AgentsService } from '../../modules/accounts/agentsService.js';
import type { Agent } from '../../modules/accounts/agentsRepository.js';
import { useSessions } from '../../platform/http/sessions.js';
import { agentMay } from '../../modules/accounts/agentsPolicy.js';
import { agentPaths } from './agentPaths.js';
import { notFound } from '../../platform/http/refusals.js';
import { COMPLETE, communeOf, viewerOf } from './agentRequest.js';

/**
 * The guichet unique's door, under `/<commune>/guichet`: its own session cookie and CSRF checks, and
 * before every handler the agent reloaded — a disabled agent's session ends at their next request
 * (SECURITY.md) — and the route's access checked. What an agent may not use answers 404. Then the
 * pages the modules put behind it (`app.ts` lists them), each saying its access in `agentAccess`.
 */
export function agentDoor(
  { sessions, agents }: { sessions: SessionStore; agents: AgentsService },
  modulePages: FastifyPluginAsync[],
): FastifyPluginAsync {
  return async (app) => {
    await app.register(
      async (scope) => {
        // The agent read with the session, in the same statement, for the hook below.
        const atDoor = new WeakMap<FastifyRequest, Agent | null>();
        useSessions(scope, sessions, 'agent', {
          loginPath: (request) => agentPaths(communeOf(request)).login,
          load: async (token, request) => {
            const found = await agents.sessionAtDoor(communeOf(request), token);
            if (!found) return null;
            atDoor.set(request, found.with);
            return found.session;
          },
        });
        scope.decorateRequest('agent', undefined);
        scope.addHook('onRequest', async (request, reply) => {
          const commune = communeOf(request);
          const paths = agentPaths(commune);
          if (request.session) {
            const agent = atDoor.get(request) ?? null;
            if (agent) {
              request.agent = agent;
              if (request.session.stage === COMPLETE) request.viewer = viewerOf(commune, agent);
            } else {
              await reply.endSession();
              request.sessionLost = true;
            }
          }
          const access = request.routeOptions.config.agentAccess ?? 'dashboard';
          if (access === 'open') return;
          const stage = request.agent ? request.session?.stage : undefined;
          if (stage === undefined)
            return reply.redirect(request.sessionLost ? `${paths.login}?expiree=1` : paths.login, 303);
          if (access === 'second-factor') {
            if (stage === COMPLETE) return reply.redirect(paths.home, 303);
            return;
          }
          if (stage !== COMPLETE) return reply.redirect(paths.secondFactor, 303);
          if (!agentMay(request.agent!, access, commune.id)) return notFound(reply);
        });
        for (const pages of modulePages) await scope.register(pages);
      },
      { prefix: '/guichet' },
    );
  };
}
