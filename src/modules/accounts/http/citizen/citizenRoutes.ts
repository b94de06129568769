import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Container } from '../../../../container.js';
import { useSessions } from '../../../../platform/http/sessions.js';
import { communeOf } from '../../../../platform/http/tenant.js';
import { IDLE_TIMEOUT_MS } from '../../../../platform/sessions/sessionStore.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { greetingOf } from '../../citizenGreeting.js';
import type { Citizen } from '../../citizensRepository.js';
import { accountEntryRoutes } from './accountEntryRoutes.js';
import { mySpaceRoutes } from './mySpaceRoutes.js';
import { familyRoutes } from '../../../families/http/citizen/familyRoutes.js';
import { myDataRoutes } from '../../../families/http/citizen/myDataRoutes.js';
import { requestRoutes } from '../../../requests/http/citizen/requestRoutes.js';
import { holidayActivitiesRoutes } from '../../../bookings/http/citizen/holidayActivitiesRoutes.js';
import { agendaRoutes } from '../../../bookings/http/citizen/agendaRoutes.js';
import { inscriptionRoutes } from '../../../services/http/citizen/inscriptionRoutes.js';
import { absenceRoutes } from '../../../bookings/http/citizen/absenceRoutes.js';
import { reservationRoutes } from '../../../bookings/http/citizen/reservationRoutes.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in family's account, on the citizen door. */
    citizen?: Citizen;
  }
}

export { communeOf };

/** The logged-in citizen; only on routes guarded by `requireCitizen`. */
export function citizenOf(request: FastifyRequest): Citizen {
  if (!request.citizen) throw new Error('citizen route reached without a citizen');
  return request.citizen;
}

/** Guards a page behind the login: without a session, to the login page, then back here. */
export async function requireCitizen(request: FastifyRequest, reply: FastifyReply) {
  if (request.citizen) return;
  const paths = communePaths(communeOf(request));
  const back = request.method === 'GET' ? request.url : paths.myHome;
  const query = new URLSearchParams({ retour: back, ...(request.sessionLost ? { expiree: '1' } : {}) });
  return reply.redirect(`${paths.login}?${query}`, 303);
}

/** The families' door: its session, its navigation, its pages. */
export function citizenRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    useSessions(app, container.sessions, 'citizen', { loginPath: (request) => communePaths(communeOf(request)).login });
    app.decorateRequest('citizen', undefined);
    app.addHook('onRequest', async (request, reply) => {
      if (!request.session) return;
      const commune = communeOf(request);
      const citizen = await container.citizens.findById(commune, request.session.subjectId);
      if (!citizen || citizen.status !== 'active') {
        await reply.endSession();
        return;
      }
      request.citizen = citizen;
      const paths = communePaths(commune);
      request.viewer = {
        name: `${greetingOf(citizen)}`,
        navigation: [
          { href: paths.myHome, label: 'Mon accueil' },
          { href: paths.mySpace, label: 'Mon espace' },
          { href: paths.dashboard, label: 'Mon tableau de bord' },
          { href: paths.myFamily, label: 'Ma famille' },
        ],
        logoutAction: paths.logout,
        extendAction: paths.extendSession,
        idleMinutes: IDLE_TIMEOUT_MS / 60_000,
      };
    });
    await app.register(accountEntryRoutes(container));
    await app.register(mySpaceRoutes(container));
    await app.register(familyRoutes(container));
    await app.register(myDataRoutes(container));
    await app.register(requestRoutes(container));
    await app.register(holidayActivitiesRoutes(container));
    await app.register(agendaRoutes(container));
    await app.register(inscriptionRoutes(container));
    await app.register(absenceRoutes(container));
    await app.register(reservationRoutes(container));
  };
}
