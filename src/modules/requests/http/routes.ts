import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../container.js';
import { requestRoutes } from './citizen/requestRoutes.js';
import { requestDeskRoutes } from './agent/requestDeskRoutes.js';

/** Behind the citizen door: the family's requests, their thread and timeline. */
export function citizenRoutes({ requests, familyFile, documents }: Container): FastifyPluginAsync {
  return requestRoutes({ requests, familyFile, documents });
}

/** Behind the agent door: the queue of requests and each request's page. */
export function agentRoutes({ requests }: Container): FastifyPluginAsync {
  return requestDeskRoutes({ requests });
}
