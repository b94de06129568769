import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { idParams } from '../../../../platform/http/routeParams.js';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { formValues } from '../../../../platform/http/forms.js';
import { type QueryParams, choiceQuery, noticeNamed, queryOf, queryParams } from '../../../../platform/http/query.js';
import { z } from 'zod';
import type { FormState } from '../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import {
  citizenAuthor,
  citizenOf,
  communeOf,
  familyIdOf,
  requireFamily,
} from '../../../families/http/citizen/familyRequest.js';
import { REQUEST_STATUSES } from '../../domain/requestStatus.js';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import type { RequestsService } from '../../requestsService.js';
import { familyMessageForm, parseMultiline } from '../requestForms.js';
import { CancelRequestPage } from './views/CancelRequestPage.js';
import { DASHBOARD_REQUESTS, DashboardPage } from './views/DashboardPage.js';
import { MyRequestPage, type PageNotice } from './views/MyRequestPage.js';
import { MyRequestsPage } from './views/MyRequestsPage.js';

type IdParams = { Params: { id: string } };

/** What the request page says after a post / redirect / get, by the `fait` of its address. */
const done: Record<string, string> = {
  envoyee: 'Votre demande est envoyée au guichet unique. Vous recevez un courriel à chaque étape.',
  message: 'Votre message est envoyé au guichet unique.',
  annulee: 'Votre demande est annulée.',
};

const closedForMessages =
  'Cette demande est close : vous ne pouvez plus y répondre. Pour toute question, contactez le guichet unique.';
const notCancellable =
  'Cette demande ne peut plus être annulée : le guichet unique a commencé à la traiter. Écrivez-lui un message si vous n’en avez plus besoin.';

/** « Dernières demandes » filtered by a status: a choice in a list, an unknown value shows every request rather than an error. */
const listQuery = z.object({ statut: choiceQuery(REQUEST_STATUSES) });

/** Mon tableau de bord and « Dernières demandes »: the family's requests, their timeline and thread. */
export function requestRoutes({
  requests,
  familyFile,
}: {
  requests: RequestsService;
  familyFile: FamilyFileService;
}): FastifyPluginAsync {
  /** The family's own request named in the address; anything else (another family's, not a uuid) is not found. */
  const viewOf = (request: FastifyRequest<IdParams>) =>
    requests.viewForFamily(communeOf(request), familyIdOf(request), request.params.id);

  /** The request's page again, with what went wrong: the form's errors, or why the action was refused. */
  const again = async (
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    status: number,
    extra: { form?: FormState; notice?: PageNotice },
  ) => {
    const found = await viewOf(request);
    if (!found.ok) return notFound(reply);
    const { view } = found;
    return reply.page((context) => MyRequestPage({ context, view, ...extra }), status);
  };

  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily(familyFile));

    app.get('/mon-tableau-de-bord', async (request, reply) => {
      const all = await requests.ofFamily(communeOf(request), familyIdOf(request));
      return reply.page((context) =>
        DashboardPage({ context, latest: all.slice(0, DASHBOARD_REQUESTS), total: all.length }),
      );
    });

    app.get<{ Querystring: QueryParams<typeof listQuery> }>(
      '/mon-tableau-de-bord/demandes',
      queryParams(listQuery),
      async (request, reply) => {
        const status = request.query.statut ?? null;
        const list = await requests.ofFamily(communeOf(request), familyIdOf(request), status ?? undefined);
        return reply.page((context) => MyRequestsPage({ context, requests: list, status }));
      },
    );

    app.get<IdParams>('/mon-tableau-de-bord/demandes/:id', idParams('id'), async (request, reply) => {
      const found = await viewOf(request);
      if (!found.ok) return notFound(reply);
      const { view } = found;
      const text = noticeNamed(done, queryOf(request).fait);
      return reply.page((context) =>
        MyRequestPage({ context, view, notice: text ? { kind: 'success', text } : undefined }),
      );
    });

    app.post<IdParams>('/mon-tableau-de-bord/demandes/:id/messages', idParams('id'), async (request, reply) => {
      const { id } = request.params;
      const parsed = parseMultiline(familyMessageForm, request.body);
      if (!parsed.ok) return again(request, reply, 400, { form: parsed });
      const commune = communeOf(request);
      const outcome = await requests.familyMessage(
        commune,
        familyIdOf(request),
        id,
        citizenAuthor(citizenOf(request)),
        parsed.data.message,
      );
      if (outcome.ok) return reply.redirect(`${communePaths(commune).request(id)}?fait=message`, 303);
      // Closed meanwhile: decided by the guichet unique, or cancelled from the other parent's account.
      return answerRefusal(reply, outcome, () =>
        again(request, reply, 409, { notice: { kind: 'error', text: closedForMessages } }),
      );
    });

    app.post<IdParams>('/mon-tableau-de-bord/demandes/:id/annuler', idParams('id'), async (request, reply) => {
      const { id } = request.params;
      const commune = communeOf(request);
      if (formValues(request.body).confirmation !== 'oui') {
        const found = await viewOf(request);
        if (!found.ok) return notFound(reply);
        const { view } = found;
        if (view.request.status !== 'deposee')
          return reply.page(
            (context) => MyRequestPage({ context, view, notice: { kind: 'error', text: notCancellable } }),
            409,
          );
        return reply.page((context) => CancelRequestPage({ context, request: view.request }));
      }
      const outcome = await requests.cancel(commune, familyIdOf(request), id, citizenAuthor(citizenOf(request)));
      if (outcome.ok) return reply.redirect(`${communePaths(commune).request(id)}?fait=annulee`, 303);
      return answerRefusal(reply, outcome, () =>
        again(request, reply, 409, { notice: { kind: 'error', text: notCancellable } }),
      );
    });
  };
}
