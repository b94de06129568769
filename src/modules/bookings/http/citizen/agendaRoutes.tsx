import { z } from 'zod';
import { idParams } from '../../../../platform/http/routeParams.js';
import { notFound } from '../../../../platform/http/refusals.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { AgendaService } from '../../agendaService.js';
import type { Site } from '../../../../platform/site.js';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import { formValues } from '../../../../platform/http/forms.js';
import {
  type QueryParams,
  choiceQuery,
  monthQuery,
  noticeNamed,
  queryParams,
} from '../../../../platform/http/query.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import type { AuditActor } from '../../../audit/auditLog.js';
import { citizenOf, communeOf, familyIdOf, requireFamily } from '../../../families/http/citizen/familyRequest.js';
import { AgendaFeedPage } from './views/AgendaFeedPage.js';
import { AgendaPage } from './views/AgendaPage.js';

type MemberParams = { Params: { memberId: string } };

/** The agenda's address: its month, as a calendar or a list, and what a redirect came to say. */
const agendaQuery = z.object({
  mois: monthQuery,
  vue: choiceQuery(['mois', 'liste']),
  fait: choiceQuery(['revoque', 'aucun-lien']),
});

/** What the agenda says after a post / redirect / get, by the `fait` of its address. */
const done: Record<string, string> = {
  revoque: 'Le lien d’abonnement est révoqué : les calendriers abonnés ne reçoivent plus rien.',
  'aucun-lien': 'Aucun lien d’abonnement n’était actif.',
};

/** A member's agenda (by month, as a list) and its private calendar link, on the family's door. */
export function agendaRoutes({
  agenda,
  site,
  familyFile,
}: {
  agenda: AgendaService;
  site: Site;
  familyFile: FamilyFileService;
}): FastifyPluginAsync {
  const actorOf = (request: FastifyRequest): AuditActor => {
    const citizen = citizenOf(request);
    return { kind: 'citizen', id: citizen.id, label: citizen.username };
  };

  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily(familyFile));

    const agendaPage = async (
      request: FastifyRequest<MemberParams & { Querystring: QueryParams<typeof agendaQuery> }>,
      reply: FastifyReply,
    ) => {
      // Choices made by links: an unknown month (or one outside the calendar) or view shows the current month as a calendar.
      const query = request.query;
      const month = query.mois ?? agenda.currentMonth();
      const view = query.vue ?? 'mois';
      const found = await agenda.month(communeOf(request).id, familyIdOf(request), request.params.memberId, month);
      if (!found) return notFound(reply);
      const notice = noticeNamed(done, query.fait) ?? null;
      return reply.page((context) => AgendaPage({ context, agenda: found, view, today: agenda.today(), notice }));
    };
    const withQuery = { ...idParams('memberId'), ...queryParams(agendaQuery) };

    app.get<MemberParams & { Querystring: QueryParams<typeof agendaQuery> }>(
      '/ma-famille/membres/:memberId/agenda',
      withQuery,
      agendaPage,
    );

    // The subscription step's address opened again (back, reload, a bookmark): the agenda, whose
    // subscription section says whether a link is live, never a 404. The link itself was shown once.
    app.get<MemberParams & { Querystring: QueryParams<typeof agendaQuery> }>(
      '/ma-famille/membres/:memberId/agenda/abonnement',
      withQuery,
      agendaPage,
    );

    app.post<MemberParams>(
      '/ma-famille/membres/:memberId/agenda/abonnement',
      idParams('memberId'),
      async (request, reply) => {
        const commune = communeOf(request);
        const paths = communePaths(commune);
        const { memberId } = request.params;
        if (formValues(request.body).action === 'revoquer') {
          const revoked = await agenda.revokeFeed(commune, familyIdOf(request), memberId, actorOf(request), request.ip);
          if (revoked === null) return notFound(reply);
          return reply.redirect(`${paths.agenda(memberId)}?fait=${revoked ? 'revoque' : 'aucun-lien'}`, 303);
        }
        const member = await agenda.member(commune.id, familyIdOf(request), memberId);
        const created = member
          ? await agenda.createFeed(commune, familyIdOf(request), memberId, actorOf(request), request.ip)
          : null;
        if (!member || !created) return notFound(reply);
        // Shown once, never stored in clear: this answer is the only place the link exists (no-store, as every page behind the login).
        const url = `${site.origin}${paths.calendarFeed(created.token)}`;
        return reply.page((context) => AgendaFeedPage({ context, member, url }));
      },
    );
  };
}
