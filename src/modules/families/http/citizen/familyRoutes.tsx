import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../../container.js';
import { requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import { contactDetailsRoutes } from './contactDetailsRoutes.js';
import { entourageRoutes } from './entourageRoutes.js';
import { requireFamily } from './familyRequest.js';
import { memberRoutes } from './memberRoutes.js';
import { myFamilyRoutes } from './myFamilyRoutes.js';

/** The family's own file: Ma famille, the members' pages, Entourage, Coordonnées and the history. */
export function familyRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    // Added before the routes are registered: every one of them is the logged-in family's own.
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily(container));
    await app.register(myFamilyRoutes(container));
    await app.register(memberRoutes(container));
    await app.register(contactDetailsRoutes(container));
    await app.register(entourageRoutes(container));
  };
}
