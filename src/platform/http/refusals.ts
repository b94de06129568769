import type { FastifyReply } from 'fastify';
import type { Refused } from '../../shared/outcome.js';

/**
 * The one way a route says « not found »: the commune's French 404 page, from a handler or a hook.
 * What a user may not see does not exist for them, so another family's or commune's object, an
 * address that names nothing and an id that is no uuid all end here.
 */
export function notFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

type Answer = FastifyReply | Promise<FastifyReply>;

/** The refusals of `R` but « not found », whether its reasons are separate types or one union. */
export type OtherRefusal<R extends Refused<string>> = R extends unknown
  ? [Exclude<R['reason'], 'not-found'>] extends [never]
    ? never
    : R & { readonly reason: Exclude<R['reason'], 'not-found'> }
  : never;

/**
 * Turns a use case's refusal into the route's answer: `not-found` is the 404 page; every other reason
 * goes to the route's `otherwise`, which words it in French and shows it on its page (409 for a state
 * that forbids the change, 400 with the form's errors for what was typed). The reasons are typed, so a
 * new reason the route does not handle fails the build rather than falling into a 500.
 */
export function answerRefusal<R extends Refused<string>>(
  reply: FastifyReply,
  refusal: R,
  otherwise: (refusal: OtherRefusal<R>) => Answer,
): Answer {
  if (refusal.reason === 'not-found') return notFound(reply);
  return otherwise(refusal as unknown as OtherRefusal<R>);
}
