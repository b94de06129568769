import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../../container.js';
import { useSessions } from '../../../../platform/http/sessions.js';
import { agentMay } from '../../agentsPolicy.js';
import { administrationRoutes } from './administrationRoutes.js';
import { agentEntryRoutes } from './agentEntryRoutes.js';
import { agentPaths } from './agentPaths.js';
import { COMPLETE, communeOf, notFound, viewerOf } from './agentRequest.js';
import { familyDeskRoutes } from './familyDeskRoutes.js';
import { mailFailuresRoutes } from './mailFailuresRoutes.js';
import { familyFileDeskRoutes } from '../../../families/http/agent/familyFileDeskRoutes.js';
import { requestDeskRoutes } from '../../../requests/http/agent/requestDeskRoutes.js';
import { sessionDeskRoutes } from '../../../bookings/http/agent/sessionDeskRoutes.js';
import { servicesSettingsRoutes } from '../../../services/http/agent/servicesSettingsRoutes.js';
import { dayListRoutes } from '../../../bookings/http/agent/dayListRoutes.js';
import { attendanceRoutes } from '../../../bookings/http/agent/attendanceRoutes.js';

/**
 * The guichet unique's door, under `/<commune>/guichet`: its own session cookie and CSRF checks, and
 * before every handler the agent reloaded — a disabled agent's session ends at their next request
 * (SECURITY.md) — and the route's access checked. What an agent may not use answers 404.
 */
export function agentRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    await app.register(
      async (scope) => {
        useSessions(scope, container.sessions, 'agent', { loginPath: (request) => agentPaths(communeOf(request)).login });
        scope.decorateRequest('agent', undefined);
        scope.addHook('onRequest', async (request, reply) => {
          const commune = communeOf(request);
          const paths = agentPaths(commune);
          if (request.session) {
            const agent = await container.agents.sessionAgent(commune, request.session.subjectId);
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
          if (stage === undefined) return reply.redirect(request.sessionLost ? `${paths.login}?expiree=1` : paths.login, 303);
          if (access === 'second-factor') {
            if (stage === COMPLETE) return reply.redirect(paths.home, 303);
            return;
          }
          if (stage !== COMPLETE) return reply.redirect(paths.secondFactor, 303);
          if (!agentMay(request.agent!, access, commune.id)) return notFound(reply);
        });
        await scope.register(agentEntryRoutes(container));
        await scope.register(familyDeskRoutes(container));
        await scope.register(administrationRoutes(container));
        await scope.register(mailFailuresRoutes(container));
        await scope.register(familyFileDeskRoutes(container));
        await scope.register(requestDeskRoutes(container));
        await scope.register(sessionDeskRoutes(container));
        await scope.register(servicesSettingsRoutes(container));
        await scope.register(dayListRoutes(container));
        await scope.register(attendanceRoutes(container));
      },
      { prefix: '/guichet' },
    );
  };
}
