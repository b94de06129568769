import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../../container.js';
import { requireCitizen } from '../../../accounts/http/citizen/citizenRoutes.js';
import { requireFamily } from './familyRequest.js';

/** « Télécharger mes données »: everything the portal holds about the family, as a page and as JSON. */
export function myDataRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily(container));
  };
}
