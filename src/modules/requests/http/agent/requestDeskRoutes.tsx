import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import { noticeNamed, queryOf } from '../../../../platform/http/query.js';
import { agentPaths } from '../../../../doors/agent/agentPaths.js';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { personName } from '../../../../doors/agent/views/deskParts.js';
import { agentAuthor, agentMay } from '../../../accounts/agentsPolicy.js';
import type { Outcome, RequestsService } from '../../requestsService.js';
import { agentMessageForm, decisionForm, parseMultiline, seenVersion } from '../requestForms.js';
import { queueQuery } from './queueQuery.js';
import { type DeskNotice, DeskRequestPage, type FailedForm } from './views/DeskRequestPage.js';
import { RequestQueuePage } from './views/RequestQueuePage.js';

const requestsAccess = { config: { agentAccess: 'requests' as const } };
type IdParams = { Params: { id: string } };

/** What the request's page says after a post / redirect / get, by the `fait` of its address. */
const done: Record<string, string> = {
  prise: 'Vous avez pris en charge cette demande.',
  decision: 'La décision est enregistrée. La famille est prévenue par e-mail.',
  message: 'Votre message est envoyé. La famille est prévenue par e-mail.',
};

const changed =
  'Cette demande a été modifiée entre-temps (par exemple décidée par un autre agent) : voici son état actuel.';
const stalePayload = 'Le contenu de la demande n’est plus valable : refusez-la en expliquant pourquoi.';
const notAllowed = 'Cette action n’est pas possible dans l’état actuel de la demande : voici son état actuel.';

/** The requests queue of the guichet unique and each request's page: take, answer, decide. */
export function requestDeskRoutes({ requests }: { requests: RequestsService }): FastifyPluginAsync {
  /**
   * The request's page, with what just happened or what went wrong. Opening it marks the family's
   * messages read. Another commune's request, or not a uuid, is not found.
   */
  const show = async (
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    options: { status?: number; notice?: DeskNotice; failed?: FailedForm } = {},
  ) => {
    const commune = communeOf(request);
    const agent = agentOf(request);
    const opened = await requests.deskView(commune, request.params.id, agent, request.ip);
    if (!opened.ok) return notFound(reply);
    const { view, file, healthHidden } = opened;
    const assigned = view.request.assignedAgentId
      ? (await requests.deskAgents(commune)).find((a) => a.id === view.request.assignedAgentId)
      : undefined;
    return reply.page(
      (context) =>
        DeskRequestPage({
          context,
          view,
          file,
          assignedTo: assigned ? personName(assigned) : null,
          agentId: agent.id,
          healthHidden,
          notice: options.notice,
          failed: options.failed,
        }),
      options.status ?? 200,
    );
  };

  /** After an action: to the page with its notice, or the page as it stands now with why nothing was done. */
  const answer = (
    request: FastifyRequest<IdParams>,
    reply: FastifyReply,
    outcome: Outcome,
    what: keyof typeof done,
  ) => {
    if (outcome.ok)
      return reply.redirect(`${agentPaths(communeOf(request)).request(request.params.id)}?fait=${what}`, 303);
    return answerRefusal(reply, outcome, (refusal) => {
      const text =
        refusal.reason === 'not-applicable'
          ? refusal.message
          : refusal.reason === 'stale-payload'
            ? stalePayload
            : refusal.reason === 'changed'
              ? changed
              : notAllowed;
      return show(request, reply, { status: 409, notice: { kind: 'error', text } });
    });
  };

  return async (app) => {
    app.get('/demandes', requestsAccess, async (request, reply) => {
      const commune = communeOf(request);
      const agent = agentOf(request);
      const types = requests.types.all();
      const agents = await requests.deskAgents(commune);
      const query = queueQuery(queryOf(request), {
        types: types.map((t) => t.type),
        agentIds: agents.map((a) => a.id),
      });
      const found = await requests.queue(commune, agent.id, query.filter);
      const references = await requests.familyReferences(
        commune,
        found.map((r) => r.familyId),
      );
      const names = new Map(agents.map((a) => [a.id, personName(a)]));
      const rows = found.map((r) => ({
        request: r,
        reference: references.get(r.familyId) ?? '',
        typeLabel: requests.types.label(r.type),
        assignedTo: (r.assignedAgentId && names.get(r.assignedAgentId)) || 'Personne',
      }));
      // The filter offers the agents whose role works the queue, disabled ones too: their requests may need taking over.
      const workers = agents.filter((a) => agentMay({ ...a, disabledAt: null }, 'requests', commune.id));
      return reply.page((context) => RequestQueuePage({ context, query, rows, types, agents: workers }));
    });

    app.get<IdParams>('/demandes/:id', { ...idParams('id'), ...requestsAccess }, (request, reply) => {
      const text = noticeNamed(done, queryOf(request).fait);
      return show(request, reply, { notice: text ? { kind: 'success', text } : undefined });
    });

    app.post<IdParams>('/demandes/:id/prendre', { ...idParams('id'), ...requestsAccess }, async (request, reply) => {
      const { id } = request.params;
      const outcome = await requests.take(
        communeOf(request),
        id,
        agentAuthor(agentOf(request)),
        seenVersion(request.body),
      );
      return answer(request, reply, outcome, 'prise');
    });

    app.post<IdParams>('/demandes/:id/decision', { ...idParams('id'), ...requestsAccess }, async (request, reply) => {
      const { id } = request.params;
      const parsed = parseMultiline(decisionForm, request.body);
      if (!parsed.ok) return show(request, reply, { status: 400, failed: { form: 'decision', state: parsed } });
      const { decision, explanation } = parsed.data;
      const outcome = await requests.decide(
        communeOf(request),
        id,
        agentAuthor(agentOf(request)),
        decision,
        explanation,
        seenVersion(request.body),
        request.ip,
      );
      return answer(request, reply, outcome, 'decision');
    });

    app.post<IdParams>('/demandes/:id/messages', { ...idParams('id'), ...requestsAccess }, async (request, reply) => {
      const { id } = request.params;
      const parsed = parseMultiline(agentMessageForm, request.body);
      if (!parsed.ok) return show(request, reply, { status: 400, failed: { form: 'message', state: parsed } });
      const outcome = await requests.agentMessage(
        communeOf(request),
        id,
        agentAuthor(agentOf(request)),
        parsed.data.message,
      );
      return answer(request, reply, outcome, 'message');
    });
  };
}
