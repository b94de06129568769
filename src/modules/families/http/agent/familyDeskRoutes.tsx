import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { ChildKeysService } from '../../../accounts/childKeysService.js';
import type { FamilyFileService } from '../../familyFileService.js';
import { agentMay } from '../../../accounts/agentsPolicy.js';
import { type QueryParams, queryOf, queryParams } from '../../../../platform/http/query.js';
import { notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { FamilyFilePage } from './views/FamilyFilePage.js';
import { access, deskNoticeOf } from './deskFile.js';
import { FamilySearchPage } from './views/FamilySearchPage.js';
import { type ActivityServices, familyActivity } from './familyActivity.js';

/** The name searched; too long a one searches nothing. */
const familySearchQuery = z.object({ nom: z.string().trim().max(100).catch('') });

/** The desk's « Familles »: the search, and a family's file with its Clés Enfance and its history. */
export function familyDeskRoutes({
  familyFile,
  childKeys,
  activity,
}: {
  familyFile: FamilyFileService;
  childKeys: ChildKeysService;
  activity: ActivityServices;
}): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: QueryParams<typeof familySearchQuery> }>(
      '/familles',
      { ...access('families'), ...queryParams(familySearchQuery) },
      async (request, reply) => {
        const name = request.query.nom;
        const results = name ? await familyFile.search(communeOf(request).id, name) : null;
        return reply.page((context) => FamilySearchPage({ context, name, results }));
      },
    );

    app.get<{ Params: { familyId: string } }>(
      '/familles/:familyId',
      { ...idParams('familyId'), ...access('families') },
      async (request, reply) => {
        const commune = communeOf(request);
        const familyId = request.params.familyId;
        // The whole file (contacts, pending changes) and its history: what the desk needs to answer a family.
        const file = await familyFile.file(commune.id, familyId);
        if (!file) return notFound(reply);
        const agent = agentOf(request);
        const may = {
          edit: agentMay(agent, 'family-edit', commune.id),
          billing: agentMay(agent, 'billing', commune.id),
          payments: agentMay(agent, 'payments', commune.id),
          documents: agentMay(agent, 'documents', commune.id),
        };
        const children = file.members.filter((member) => member.relation === 'enfant');
        const [keys, history, doing] = await Promise.all([
          childKeys.keysOf(
            commune,
            file.adults.map((a) => a.id),
          ),
          familyFile.history(commune.id, familyId),
          familyActivity(activity, commune, familyId, children, may),
        ]);
        const q = queryOf(request);
        const revokedFor = file.adults.find((a) => a.id === q.revoquee);
        const notice = deskNoticeOf(request);
        return reply.page((context) =>
          FamilyFilePage({ context, file, keys, revokedFor, history, may, notice, activity: doing }),
        );
      },
    );
  };
}
