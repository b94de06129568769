import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { notFound } from './refusals.js';
import type { Commune } from '../../modules/communes/domain/commune.js';

export interface CommuneResolver {
  cached(slug: string): Commune | undefined;
  resolve(slug: string): Promise<Commune | null>;
}

/**
 * Mounts the routes of every module under `/:commune`. Before any handler runs, the commune is
 * resolved from the path: an unknown one is a 404, and handlers always find `request.commune` set,
 * to pass to the commune-scoped services and repositories.
 */
export async function registerCommuneRoutes(
  app: FastifyInstance,
  communes: CommuneResolver,
  routes: FastifyPluginAsync[],
): Promise<void> {
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', (request, reply, done) => {
        const { commune: slug } = request.params as { commune: string };
        // Most requests find their commune in the instance's copy: no promise on that path.
        const cached = communes.cached(slug);
        if (cached) {
          request.commune = cached;
          return done();
        }
        communes
          .resolve(slug)
          .then((commune) => {
            request.communeLookedUp = true;
            if (!commune) return notFound(reply);
            request.commune = commune;
            done();
          })
          .catch(done);
      });
      for (const plugin of routes) await scope.register(plugin);
    },
    { prefix: '/:commune' },
  );
}

/** The first segment of a path: where a commune's slug stands, if the path is a commune's. */
export function firstSegment(url: string): string {
  return url.split(/[/?#]/, 2)[1] ?? '';
}

/** The commune the tenant hook resolved: every route mounted by registerCommuneRoutes finds it set. */
export function communeOf(request: FastifyRequest): Commune {
  if (!request.commune) throw new Error(`${request.url} reached a commune route without a commune`);
  return request.commune;
}
