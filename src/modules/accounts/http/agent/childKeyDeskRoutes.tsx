import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AgentsService } from '../../agentsService.js';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import type { ChildKeysService } from '../../childKeysService.js';
import type { RequestsService } from '../../../requests/requestsService.js';
import type { Site } from '../../../../platform/site.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { agentActor, agentMay } from '../../agentsPolicy.js';
import { notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import { agentPaths } from '../../../../doors/agent/agentPaths.js';
import { type AgentAccess, agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { ChildKeyPrintPage } from './views/ChildKeyPrintPage.js';
import { DeskHomePage, WAITING_AGES } from './views/DeskHomePage.js';
import type { AttendanceService } from '../../../bookings/attendanceService.js';

const access = (agentAccess: AgentAccess) => ({ config: { agentAccess } });

type AdultParams = { familyId: string; adultId: string };

/** The desk's home page, and the Clés Enfance the desk issues to a family file's adults. */
export function childKeyDeskRoutes({
  agents,
  familyFile,
  childKeys,
  requests,
  site,
  attendance,
}: {
  agents: AgentsService;
  familyFile: FamilyFileService;
  childKeys: ChildKeysService;
  requests: RequestsService;
  site: Site;
  attendance: AttendanceService;
}): FastifyPluginAsync {
  /** The family file, and the adult in it: another commune's is not found (the route's schema refuses what is no uuid). */
  const fileOf = async (request: FastifyRequest<{ Params: AdultParams }>) => {
    const { familyId, adultId } = request.params;
    const file = await familyFile.household(communeOf(request).id, familyId);
    if (!file) return null;
    const adult = file.adults.find((a) => a.id === adultId);
    if (!adult) return null;
    return { ...file, adult };
  };

  return async (app) => {
    app.get('/', access('dashboard'), async (request, reply) => {
      const agent = agentOf(request);
      const commune = communeOf(request);
      const mayRequests = agentMay(agent, 'requests', commune.id);
      // The work waiting: the open requests by status and age, and today's lists (their counts only).
      const [recoveryCodesLeft, unreadRequests, openRequests, todayLists] = await Promise.all([
        agents.recoveryCodesLeft(commune, agent.id),
        mayRequests ? requests.unreadCount(commune) : null,
        mayRequests ? requests.openByStatus(commune, WAITING_AGES) : null,
        agentMay(agent, 'day-lists', commune.id)
          ? attendance
              .services(commune.id)
              .then((services) => attendance.dayLists(commune.id, attendance.today(), services, null))
          : null,
      ]);
      return reply.page((context) =>
        DeskHomePage({ context, agent, recoveryCodesLeft, unreadRequests, openRequests, todayLists }),
      );
    });

    app.post<{ Params: AdultParams }>(
      '/familles/:familyId/adultes/:adultId/cle',
      { ...idParams('familyId', 'adultId'), ...access('child-keys') },
      async (request, reply) => {
        const commune = communeOf(request);
        const file = await fileOf(request);
        const issued = file
          ? await childKeys.issue(commune, file.adult.id, agentActor(agentOf(request)), request.ip)
          : null;
        if (!file || !issued) return notFound(reply);
        const portal = `${site.origin}${communePaths(commune).home}`;
        // Shown once, never stored in clear: the answer is the only place the key exists (no-store, as every desk page).
        return reply.page((context) =>
          ChildKeyPrintPage({ context, family: file.family, adult: issued.adult, key: issued.key, portal }),
        );
      },
    );

    app.post<{ Params: AdultParams }>(
      '/familles/:familyId/adultes/:adultId/cle/revoquer',
      { ...idParams('familyId', 'adultId'), ...access('child-keys') },
      async (request, reply) => {
        const commune = communeOf(request);
        const file = await fileOf(request);
        const revoked = file
          ? await childKeys.revoke(commune, file.adult.id, agentActor(agentOf(request)), request.ip)
          : null;
        if (!file || revoked === null) return notFound(reply);
        return reply.redirect(`${agentPaths(commune).family(file.family.id)}?revoquee=${file.adult.id}`, 303);
      },
    );
  };
}
