import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../../container.js';
import { requireCitizen } from '../../../accounts/http/citizen/citizenRoutes.js';
import { communeOf, familyIdOf, requireFamily } from './familyRequest.js';
import { MyFamilyPage } from './views/MyFamilyPage.js';

/** The family's own file: Ma famille, the members' pages, Entourage, Coordonnées, the history and the data download. */
export function familyRoutes(container: Container): FastifyPluginAsync {
  const { families } = container;
  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily(container));

    app.get('/ma-famille', async (request, reply) => {
      const file = await families.file(communeOf(request).id, familyIdOf(request));
      return reply.page((context) => MyFamilyPage({ context, file }));
    });
  };
}
