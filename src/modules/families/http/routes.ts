import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../container.js';
import { familyRoutes } from './citizen/familyRoutes.js';
import { myDataRoutes } from './citizen/myDataRoutes.js';
import { familyDeskRoutes } from './agent/familyDeskRoutes.js';
import { familyFileDeskRoutes } from './agent/familyFileDeskRoutes.js';

/** Behind the citizen door: Ma famille, its members, Entourage, Coordonnées, « Télécharger mes données ». */
export function citizenRoutes(container: Container): FastifyPluginAsync {
  const { familyFile, familyExports, invitations, agenda, requests, catalogue, clock } = container;
  return async (app) => {
    await app.register(familyRoutes({ familyFile, invitations, agenda, clock }));
    await app.register(myDataRoutes({ familyExports, familyFile, requests, catalogue }));
  };
}

/** Behind the agent door: « Familles » (search, file), the file's edits, the validation settings. */
export function agentRoutes(container: Container): FastifyPluginAsync {
  const { familyFile, childKeys, clock, inscriptions, agenda, absences, requests, payments, documents } = container;
  const activity = { inscriptions, agenda, absences, requests, payments, documents };
  return async (app) => {
    await app.register(familyDeskRoutes({ familyFile, childKeys, activity }));
    await app.register(familyFileDeskRoutes({ familyFile, clock }));
  };
}
