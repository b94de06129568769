import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../container.js';
import { documentDeskRoutes } from './agent/documentDeskRoutes.js';
import { documentRoutes } from './citizen/documentRoutes.js';

/** Behind the citizen door: « Pièces justificatives ». */
export function citizenRoutes(container: Container): FastifyPluginAsync {
  return documentRoutes(container);
}

/** Behind the agent door: the documents to validate, each read (audited), validated or refused. */
export function agentRoutes(container: Container): FastifyPluginAsync {
  return documentDeskRoutes(container);
}
