import type { FastifyPluginAsync } from 'fastify';
import type { Clock } from '../../../../platform/clock.js';
import type { AgendaService } from '../../../bookings/agendaService.js';
import type { CoRepresentativeInvitations } from '../../coRepresentativeInvitation.js';
import type { FamilyFileService } from '../../familyFileService.js';
import { requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import { contactDetailsRoutes } from './contactDetailsRoutes.js';
import { entourageRoutes } from './entourageRoutes.js';
import { requireFamily } from './familyRequest.js';
import { memberRoutes } from './memberRoutes.js';
import { myFamilyRoutes } from './myFamilyRoutes.js';

/** The family's own file: Ma famille, the members' pages, Entourage, Coordonnées and the history. */
export function familyRoutes({
  familyFile,
  invitations,
  agenda,
  clock,
}: {
  familyFile: FamilyFileService;
  invitations: CoRepresentativeInvitations;
  agenda: AgendaService;
  clock: Clock;
}): FastifyPluginAsync {
  return async (app) => {
    // Added before the routes are registered: every one of them is the logged-in family's own.
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily(familyFile));
    await app.register(myFamilyRoutes({ familyFile }));
    await app.register(memberRoutes({ familyFile, agenda, clock }));
    await app.register(contactDetailsRoutes({ familyFile }));
    await app.register(entourageRoutes({ familyFile, invitations }));
  };
}
