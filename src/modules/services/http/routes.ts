import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../container.js';
import { inscriptionRoutes } from './citizen/inscriptionRoutes.js';
import { servicesSettingsRoutes } from './agent/servicesSettingsRoutes.js';

/** Behind the citizen door: « Créer une inscription ». */
export function citizenRoutes(container: Container): FastifyPluginAsync {
  return inscriptionRoutes(container);
}

/** Behind the agent door: the administrator's « Paramètres » (years, calendar, services, sessions). */
export function agentRoutes(container: Container): FastifyPluginAsync {
  return servicesSettingsRoutes(container);
}
