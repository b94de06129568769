import type { FastifyPluginAsync } from 'fastify';
import type { CitizensService } from '../../modules/accounts/citizensService.js';
import { useSessions } from '../../platform/http/sessions.js';
import { IDLE_TIMEOUT_MS, type SessionStore } from '../../platform/sessions/sessionStore.js';
import { communePaths } from '../../platform/views/paths.js';
import { greetingOf } from '../../modules/accounts/citizenGreeting.js';
import { communeOf } from './citizenRequest.js';

/**
 * The families' door: its session, the account behind it, its navigation; then the pages the
 * modules put behind it (`app.ts` lists them), each guarding itself with `requireCitizen`.
 */
export function citizenDoor(
  { sessions, citizens }: { sessions: SessionStore; citizens: CitizensService },
  modulePages: FastifyPluginAsync[],
): FastifyPluginAsync {
  return async (app) => {
    useSessions(app, sessions, 'citizen', { loginPath: (request) => communePaths(communeOf(request)).login });
    app.decorateRequest('citizen', undefined);
    app.addHook('onRequest', async (request, reply) => {
      if (!request.session) return;
      const commune = communeOf(request);
      const citizen = await citizens.findById(commune, request.session.subjectId);
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
    for (const pages of modulePages) await app.register(pages);
  };
}
