import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { UUID_PATTERN } from '../../shared/ids.js';
import { notFound } from './refusals.js';

/** The parameters of a route whose path names objects by id (the commune's slug is the prefix's). */
export type IdParams<Name extends string> = { [K in Name]: string };

/**
 * The route's schema for the ids in its path: each must be a uuid, or the address names nothing and
 * the answer is the French 404 page (an id that is no uuid would make PostgreSQL raise instead of
 * finding nothing). The same names give the handler its `request.params` type:
 *
 *   app.get<{ Params: IdParams<'memberId'> }>('/ma-famille/membres/:memberId', idParams('memberId'), handler)
 *
 * The 404 is answered in a route-level preHandler, after the door's own hooks (session, guard), so a
 * visitor without a session still gets the login page first, whatever the address holds.
 */
export function idParams<const Name extends string>(...names: Name[]): RouteShorthandOptions {
  return {
    schema: {
      params: {
        type: 'object',
        properties: Object.fromEntries(names.map((name) => [name, { type: 'string', pattern: UUID_PATTERN }])),
        required: names,
      },
    },
    attachValidation: true,
    preHandler: addressesNothingWhenInvalid,
  };
}

async function addressesNothingWhenInvalid(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  return request.validationError ? notFound(reply) : undefined;
}
