import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../container.js';
import { requireFamily } from '../../families/http/citizen/familyRequest.js';
import { demarchesSettingsRoutes } from './agent/demarchesSettingsRoutes.js';
import { demarcheRoutes } from './citizen/demarcheRoutes.js';

/** Behind the citizen door: « Ma famille → Autres démarches », the list and each démarche's form. */
export function citizenRoutes(container: Container): FastifyPluginAsync {
  return demarcheRoutes({ demarches: container.demarches, requireFamily: requireFamily(container.familyFile) });
}

/** Behind the agent door: the démarches in the administrators' « Paramètres ». */
export function agentRoutes(container: Container): FastifyPluginAsync {
  return demarchesSettingsRoutes({ demarches: container.demarches });
}
