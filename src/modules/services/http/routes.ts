import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../container.js';
import { inscriptionRoutes } from './citizen/inscriptionRoutes.js';
import { servicesSettingsRoutes } from './agent/servicesSettingsRoutes.js';

/** Behind the citizen door: « Créer une inscription ». */
export function citizenRoutes({ inscriptions, familyFile }: Container): FastifyPluginAsync {
  return inscriptionRoutes({ inscriptions, familyFile });
}

/** Behind the agent door: the administrator's « Paramètres » (years, calendar, services, sessions). */
export function agentRoutes({ catalogue, servicesSetUp, clock }: Container): FastifyPluginAsync {
  return servicesSettingsRoutes({ catalogue, servicesSetUp, clock });
}
