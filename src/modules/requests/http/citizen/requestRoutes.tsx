import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { idParams } from '../../../../platform/http/routeParams.js';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import type { Container } from '../../../../container.js';
import { formValues } from '../../../../platform/http/forms.js';
import { noticeNamed, queryOf } from '../../../../platform/http/query.js';
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
import { isRequestStatus } from '../../domain/requestStatus.js';
import type { RequestView } from '../../requestsService.js';
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

/** Mon tableau de bord and « Dernières demandes »: the family's requests, their timeline and thread. */
export function requestRoutes(container: Container): FastifyPluginAsync {
  const { requests } = container;

  /** The family's own request named in the address; anything else (another family's, not a uuid) is not found. */
  const viewOf = (request: FastifyRequest<IdParams>): Promise<RequestView | null> => {
    const { id } = request.params;
    return requests.viewForFamily(communeOf(request), familyIdOf(request), id);
  };

  /** The request's page again, with what went wrong: the form's errors, or why the action was refused. */
  const again = async (
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    status: number,
    extra: { form?: FormState; notice?: PageNotice },
  ) => {
    const view = await viewOf(request);
    if (!view) return notFound(reply);
    return reply.page((context) => MyRequestPage({ context, view, ...extra }), status);
  };

  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily(container));

    app.get('/mon-tableau-de-bord', async (request, reply) => {
      const all = await requests.ofFamily(communeOf(request), familyIdOf(request));
      return reply.page((context) =>
        DashboardPage({ context, latest: all.slice(0, DASHBOARD_REQUESTS), total: all.length }),
      );
    });

    app.get('/mon-tableau-de-bord/demandes', async (request, reply) => {
      // A filter is a choice in a list: an unknown value shows every request rather than an error.
      const asked = queryOf(request).statut ?? '';
      const status = isRequestStatus(asked) ? asked : null;
      const list = await requests.ofFamily(communeOf(request), familyIdOf(request), status ?? undefined);
      return reply.page((context) => MyRequestsPage({ context, requests: list, status }));
    });

    app.get<IdParams>('/mon-tableau-de-bord/demandes/:id', idParams('id'), async (request, reply) => {
      const view = await viewOf(request);
      if (!view) return notFound(reply);
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
        const view = await viewOf(request);
        if (!view) return notFound(reply);
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
