import type { FastifyPluginAsync } from 'fastify';
import type { CommunesService } from '../communesService.js';
import { DirectoryPage } from './views/DirectoryPage.js';
import { TextPage } from './views/TextPage.js';
import { portalTexts } from './views/portalTexts.js';

/** The deployment's own pages: `/` lists the communes it serves; its legal notice and accessibility statement. */
export function directoryRoutes(communes: CommunesService): FastifyPluginAsync {
  return async (app) => {
    app.get('/', async (_request, reply) => {
      const list = await communes.directory();
      return reply.page((context) => DirectoryPage({ context, communes: list }));
    });
    for (const kind of ['mentions-legales', 'accessibilite'] as const) {
      app.get(`/${kind}`, (_request, reply) => reply.page((context) => TextPage({ context, text: portalTexts[kind] })));
    }
  };
}
