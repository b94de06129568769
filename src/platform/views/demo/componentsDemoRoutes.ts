import type { FastifyPluginAsync } from 'fastify';
import { ComponentsDemoPage } from './ComponentsDemoPage.js';

/**
 * « Composants »: every component of the portal in every state, in the commune's colours, for the
 * people who build pages and for the browser test that checks them with axe. Mounted under
 * `/:commune`, in demo mode only.
 */
export function componentsDemoRoutes(): FastifyPluginAsync {
  return async (app) => {
    app.get('/demo/composants', async (_request, reply) => reply.page((context) => ComponentsDemoPage({ context })));
  };
}
