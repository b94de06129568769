import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { isUuid } from '../../shared/ids.js';
import { notFound } from './refusals.js';

/** The parameters of a route whose path names objects by id (the commune's slug is the prefix's). */
export type IdParams<Name extends string> = { [K in Name]: string };

/**
 * The check of the ids in the route's path: each must be a uuid, or the address names nothing and
 * the answer is the French 404 page (an id that is no uuid would make PostgreSQL raise instead of
 * finding nothing). The same names give the handler its `request.params` type:
 *
 *   app.get<{ Params: IdParams<'memberId'> }>('/ma-famille/membres/:memberId', idParams('memberId'), handler)
 *
 * The 404 is answered in a route-level preHandler, after the door's own hooks (session, guard), so a
 * visitor without a session still gets the login page first, whatever the address holds. A test of
 * the names rather than a JSON schema: Fastify compiles each route's schema with Ajv when it starts,
 * and these 85 routes' schemas were about a twentieth of a restart (ADR 0038).
 */
export function idParams<const Name extends string>(...names: Name[]): RouteShorthandOptions {
  return {
    preHandler: async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
      const params = request.params as Partial<Record<Name, string>>;
      return names.every((name) => isUuid(params[name] ?? '')) ? undefined : notFound(reply);
    },
  };
}
