import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../container.js';
import { familyRoutes } from './citizen/familyRoutes.js';
import { myDataRoutes } from './citizen/myDataRoutes.js';
import { familyDeskRoutes } from './agent/familyDeskRoutes.js';
import { familyFileDeskRoutes } from './agent/familyFileDeskRoutes.js';

/** Behind the citizen door: Ma famille, its members, Entourage, Coordonnées, « Télécharger mes données ». */
export function citizenRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    await app.register(familyRoutes(container));
    await app.register(myDataRoutes(container));
  };
}

/** Behind the agent door: « Familles » (search, file), the file's edits, the validation settings. */
export function agentRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    await app.register(familyDeskRoutes(container));
    await app.register(familyFileDeskRoutes(container));
  };
}
