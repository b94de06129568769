import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import type { Container } from '../../../../container.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { agentActor, agentMay } from '../../agentsPolicy.js';
import { queryOf } from '../../../../platform/http/query.js';
import { familySearchQuery } from './agentForms.js';
import { agentPaths } from './agentPaths.js';
import { type AgentAccess, agentOf, communeOf } from './agentRequest.js';
import { ChildKeyPrintPage } from './views/ChildKeyPrintPage.js';
import { DeskHomePage } from './views/DeskHomePage.js';
import { FamilyFilePage } from './views/FamilyFilePage.js';
import { deskNoticeOf } from '../../../families/http/agent/deskFile.js';
import { FamilySearchPage } from './views/FamilySearchPage.js';

const access = (agentAccess: AgentAccess) => ({ config: { agentAccess } });

type AdultParams = { familyId: string; adultId: string };

/** The desk's daily work: its home page, the family files, and the Clés Enfance of their adults. */
export function familyDeskRoutes(container: Container): FastifyPluginAsync {
  const { agents, families, childKeys, site } = container;
  // Read-only listing of the keys' dates for the family file; the container does not expose it yet.

  /** The family file, and the adult in it when asked: another commune's is not found (the route's schema refuses what is no uuid). */
  const fileOf = async (request: FastifyRequest<{ Params: Partial<AdultParams> }>) => {
    const { familyId = '', adultId } = request.params;
    const file = await families.file(communeOf(request).id, familyId);
    if (!file) return null;
    const adult = adultId === undefined ? undefined : file.adults.find((a) => a.id === adultId);
    if (adultId !== undefined && !adult) return null;
    return { ...file, adult };
  };

  return async (app) => {
    app.get('/', access('dashboard'), async (request, reply) => {
      const agent = agentOf(request);
      const commune = communeOf(request);
      const [recoveryCodesLeft, unreadRequests] = await Promise.all([
        agents.recoveryCodesLeft(commune, agent.id),
        agentMay(agent, 'requests', commune.id) ? container.requests.unreadCount(commune) : null,
      ]);
      return reply.page((context) => DeskHomePage({ context, agent, recoveryCodesLeft, unreadRequests }));
    });

    app.get('/familles', access('families'), async (request, reply) => {
      const parsed = familySearchQuery.safeParse(queryOf(request));
      const name = parsed.success ? parsed.data.nom : '';
      const results = name ? await families.search(communeOf(request).id, name) : null;
      return reply.page((context) => FamilySearchPage({ context, name, results }));
    });

    app.get<{ Params: { familyId: string } }>('/familles/:familyId', { ...idParams('familyId'), ...access('families') }, async (request, reply) => {
      const commune = communeOf(request);
      const familyId = request.params.familyId;
      // The whole file (contacts, pending changes) and its history: what the desk needs to answer a family.
      const file = await container.familyFile.file(commune.id, familyId);
      if (!file) return notFound(reply);
      const [keys, history] = await Promise.all([
        container.childKeys.keysOf(commune, file.adults.map((a) => a.id)),
        container.familyFile.history(commune.id, familyId),
      ]);
      const q = queryOf(request);
      const revokedFor = file.adults.find((a) => a.id === q.revoquee);
      const agent = agentOf(request);
      const may = { edit: agentMay(agent, 'family-edit', commune.id) };
      const notice = deskNoticeOf(request);
      return reply.page((context) => FamilyFilePage({ context, file, keys, revokedFor, history, may, notice }));
    });

    app.post<{ Params: AdultParams }>('/familles/:familyId/adultes/:adultId/cle', { ...idParams('familyId', 'adultId'), ...access('child-keys') }, async (request, reply) => {
      const commune = communeOf(request);
      const file = await fileOf(request);
      const issued = file?.adult ? await childKeys.issue(commune, file.adult.id, agentActor(agentOf(request)), request.ip) : null;
      if (!file || !issued) return notFound(reply);
      const portal = `${site.origin}${communePaths(commune).home}`;
      // Shown once, never stored in clear: the answer is the only place the key exists (no-store, as every desk page).
      return reply.page((context) => ChildKeyPrintPage({ context, family: file.family, adult: issued.adult, key: issued.key, portal }));
    });

    app.post<{ Params: AdultParams }>('/familles/:familyId/adultes/:adultId/cle/revoquer', { ...idParams('familyId', 'adultId'), ...access('child-keys') }, async (request, reply) => {
      const commune = communeOf(request);
      const file = await fileOf(request);
      const revoked = file?.adult ? await childKeys.revoke(commune, file.adult.id, agentActor(agentOf(request)), request.ip) : null;
      if (!file?.adult || revoked === null) return notFound(reply);
      return reply.redirect(`${agentPaths(commune).family(file.family.id)}?revoquee=${file.adult.id}`, 303);
    });
  };
}
