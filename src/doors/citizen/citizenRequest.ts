import type { FastifyReply, FastifyRequest } from 'fastify';
import { communeOf } from '../../platform/http/tenant.js';
import { communePaths } from '../../platform/views/paths.js';
import type { Citizen } from '../../modules/accounts/citizensRepository.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in family's account, on the citizen door. */
    citizen?: Citizen;
    /**
     * The family file that account is linked to (null: none yet), read with the session in the same
     * statement; set with `citizen`.
     */
    citizenFamilyId?: string | null;
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
