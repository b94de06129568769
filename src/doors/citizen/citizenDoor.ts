import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { CitizenAtDoor } from '../../modules/accounts/citizensRepository.js';
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
    // What the session's statement read beside it, for the hook below.
    const atDoor = new WeakMap<FastifyRequest, CitizenAtDoor>();
    useSessions(app, sessions, 'citizen', {
      loginPath: (request) => communePaths(communeOf(request)).login,
      // The session, its account and the account's family in one statement: every page behind the
      // login pays it (bench/README.md, « the logged-in path »).
      load: async (token, request) => {
        const found = await citizens.sessionAtDoor(communeOf(request), token);
        if (!found) return null;
        atDoor.set(request, found.with);
        return found.session;
      },
    });
    app.decorateRequest('citizen', undefined);
    app.decorateRequest('citizenFamilyId', undefined);
    app.addHook('onRequest', async (request, reply) => {
      if (!request.session) return;
      const commune = communeOf(request);
      const { citizen, familyId } = atDoor.get(request) ?? { citizen: null, familyId: null };
      if (!citizen || citizen.status !== 'active') {
        await reply.endSession();
        return;
      }
      request.citizen = citizen;
      request.citizenFamilyId = familyId;
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
