import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../container.js';
import { accountEntryRoutes } from './citizen/accountEntryRoutes.js';
import { mySpaceRoutes } from './citizen/mySpaceRoutes.js';
import { administrationRoutes } from './agent/administrationRoutes.js';
import { agentEntryRoutes } from './agent/agentEntryRoutes.js';
import { childKeyDeskRoutes } from './agent/childKeyDeskRoutes.js';
import { mailFailuresRoutes } from './agent/mailFailuresRoutes.js';

/** Behind the citizen door: Créer mon espace, login, reset, activation, Mon accueil, Mon espace. */
export function citizenRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    await app.register(accountEntryRoutes(container));
    await app.register(mySpaceRoutes(container));
  };
}

/** Behind the agent door: login and second factor, the desk's home, Clés Enfance, agents, journal, failed mails. */
export function agentRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    await app.register(agentEntryRoutes(container));
    await app.register(childKeyDeskRoutes(container));
    await app.register(administrationRoutes(container));
    await app.register(mailFailuresRoutes(container));
  };
}
