import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../../container.js';

/** The requests queue of the guichet unique and each request's page: take, answer, decide. */
export function requestDeskRoutes(_container: Container): FastifyPluginAsync {
  return async () => {};
}
