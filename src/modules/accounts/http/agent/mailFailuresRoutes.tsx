import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../../../../platform/http/refusals.js';
import { z } from 'zod';
import { type QueryParams, choiceQuery, queryParams } from '../../../../platform/http/query.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import type { MailFailuresService } from '../../mailFailuresService.js';
import { agentPaths } from '../../../../doors/agent/agentPaths.js';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { MailFailuresPage } from './views/MailFailuresPage.js';

const access = { config: { agentAccess: 'mails' as const } };

/** What « Renvoyer » did, after its redirect; anything else says nothing. */
const listQuery = z.object({ fait: choiceQuery(['renvoye', 'deja']) });

/** « Courriels en échec »: the commune's mails that could not leave, and « Renvoyer » (CSRF-checked by the door). */
export function mailFailuresRoutes({ mailFailures }: { mailFailures: MailFailuresService }): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: QueryParams<typeof listQuery> }>(
      '/courriels-en-echec',
      { ...access, ...queryParams(listQuery) },
      async (request, reply) => {
        const mails = await mailFailures.list(communeOf(request));
        return reply.page((context) => MailFailuresPage({ context, mails, notice: request.query.fait ?? null }));
      },
    );

    app.post<{ Params: { mailId: string } }>(
      '/courriels-en-echec/:mailId/renvoyer',
      { ...idParams('mailId'), ...access },
      async (request, reply) => {
        const commune = communeOf(request);
        const outcome = await mailFailures.resend(commune, agentOf(request), request.params.mailId, request.ip);
        if (!outcome.ok) return notFound(reply);
        return reply.redirect(
          `${agentPaths(commune).mailFailures}?fait=${outcome.done === 'queued' ? 'renvoye' : 'deja'}`,
          303,
        );
      },
    );
  };
}
