import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../../container.js';
import { requireCitizen } from '../../../accounts/http/citizen/citizenRoutes.js';
import { requireFamily } from '../../../families/http/citizen/familyRequest.js';

/** Mon tableau de bord and « Dernières demandes »: the family's requests, their timeline and thread. */
export function requestRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily(container));
  };
}
