import type { FastifyPluginAsync } from 'fastify';
import type { CommunesService } from '../communesService.js';
import { DirectoryPage } from './views/DirectoryPage.js';

/** `/`: the communes this deployment serves. */
export function directoryRoutes(communes: CommunesService): FastifyPluginAsync {
  return async (app) => {
    app.get('/', async (_request, reply) => {
      const list = await communes.directory();
      return reply.page((context) => DirectoryPage({ context, communes: list }));
    });
  };
}
