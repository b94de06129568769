import type { FastifyReply, FastifyRequest } from 'fastify';
import { citizenOf, communeOf } from '../../../../doors/citizen/citizenRequest.js';
import type { FamilyFileService, FileAuthor } from '../../familyFileService.js';
import { NoFamilyPage } from './views/NoFamilyPage.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The family file the logged-in citizen's account is linked to. */
    familyId?: string;
  }
}

export { citizenOf, communeOf };

/**
 * Guards the family's pages: the citizen's own family, found from their account and nothing the
 * request says, so a page can only ever show that family. Without a linked file, the page says why
 * and how to get a Clé Enfance.
 */
export function requireFamily(familyFile: FamilyFileService) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.citizen) return; // requireCitizen answers first
    // The door read it with the session; a citizen set otherwise has it read here.
    const familyId =
      request.citizenFamilyId !== undefined
        ? request.citizenFamilyId
        : await familyFile.familyOfCitizen(communeOf(request).id, request.citizen.id);
    // Nothing to show and nothing to act on: a form posted without a family changes nothing, and says so.
    if (!familyId) return reply.page((context) => NoFamilyPage({ context }), request.method === 'GET' ? 200 : 409);
    request.familyId = familyId;
  };
}

/** The family of a route guarded by `requireFamily`. */
export function familyIdOf(request: FastifyRequest): string {
  if (!request.familyId) throw new Error('family route reached without a family');
  return request.familyId;
}

/** How a parent is named in the requests and the family's history. */
export function citizenAuthor(citizen: { id: string; firstName: string; lastName: string }): FileAuthor {
  return {
    kind: 'citizen',
    id: citizen.id,
    label: `${citizen.firstName} ${citizen.lastName.toLocaleUpperCase('fr-FR')}`,
  };
}
