import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import { z } from 'zod';
import type { SessionBookingService } from '../../sessionBookingService.js';
import { formValues, parseForm } from '../../../../platform/http/forms.js';
import { noticeNamed, queryOf } from '../../../../platform/http/query.js';
import { agentActor, agentMay } from '../../../accounts/agentsPolicy.js';
import { agentPaths } from '../../../../doors/agent/agentPaths.js';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import type { DeskOutcome } from '../../sessionBookingService.js';
import type { RefusalOf } from '../../../../shared/outcome.js';
import { type DeskSessionAction, DeskSessionActionPage } from './views/DeskSessionActionPage.js';
import { type DeskNotice, DeskSessionPage } from './views/DeskSessionPage.js';
import { DeskSessionsPage } from './views/DeskSessionsPage.js';

const sessionsAccess = { config: { agentAccess: 'sessions' as const } };
type SessionParams = { Params: { sessionId: string } };

const REASON_MAX = 300;
const reasonForm = z.object({
  reason: z
    .string({ error: 'Indiquez le motif : la famille le lira dans son mail.' })
    .trim()
    .min(1, 'Indiquez le motif : la famille le lira dans son mail.')
    .max(REASON_MAX, `Le motif ne peut pas dépasser ${REASON_MAX} caractères : raccourcissez-le.`),
});

/** What the session's page says after a post / redirect / get, by the `fait` of its address. */
const done: Record<string, string> = {
  inscrit: 'L’enfant a une place. La famille est prévenue par e-mail.',
  retire:
    'La réservation est retirée. La famille est prévenue par e-mail ; une place libérée va au premier de la liste d’attente.',
};

const refusals: Record<Exclude<RefusalOf<DeskOutcome>['reason'], 'not-found'>, string> = {
  full: 'Aucune place n’est libre : la limite de places vaut aussi pour le guichet. Retirez d’abord une réservation ; la place libérée ira au premier de la liste d’attente.',
  'not-waiting':
    'Cet enfant n’est plus sur la liste d’attente (il a peut-être reçu une place entre-temps) : voici l’état actuel de la session.',
  'not-live': 'Cette réservation est déjà annulée : voici l’état actuel de la session.',
};

/** The guichet's side of the holiday sessions: the list, a session's bookings and waiting list, promote or remove by hand. */
export function sessionDeskRoutes({ sessionBookings }: { sessionBookings: SessionBookingService }): FastifyPluginAsync {
  /** The session's page; another commune's session, or not a uuid, is not found. */
  const show = async (
    request: FastifyRequest<SessionParams>,
    reply: FastifyReply,
    status = 200,
    notice?: DeskNotice,
  ) => {
    const commune = communeOf(request);
    const { sessionId } = request.params;
    const view = await sessionBookings.deskSession(commune, sessionId);
    if (!view) return notFound(reply);
    const linkFiles = agentMay(agentOf(request), 'families', commune.id);
    return reply.page((context) => DeskSessionPage({ context, view, notice, linkFiles }), status);
  };

  /** « Inscrire » and « Retirer »: the confirmation step with its reason, then the change. */
  const act = async (request: FastifyRequest<SessionParams>, reply: FastifyReply, action: DeskSessionAction) => {
    const commune = communeOf(request);
    const { sessionId } = request.params;
    const values = formValues(request.body);
    const bookingId = values.bookingId ?? '';
    const view = await sessionBookings.deskSession(commune, sessionId);
    const row = view ? [...view.placed, ...view.waiting, ...view.cancelled].find((r) => r.id === bookingId) : undefined;
    if (!view || !row) return notFound(reply);
    // What the page could not have offered: say why on the session's page as it is now.
    if (row.status === 'annule') return show(request, reply, 409, { kind: 'error', text: refusals['not-live'] });
    if (action === 'promote' && row.status !== 'attente')
      return show(request, reply, 409, { kind: 'error', text: refusals['not-waiting'] });
    if (action === 'promote' && view.session.booked >= view.session.places)
      return show(request, reply, 409, { kind: 'error', text: refusals.full });
    if (values.confirmation !== 'oui')
      return reply.page((context) => DeskSessionActionPage({ context, session: view.session, row, action }));
    const parsed = parseForm(reasonForm, request.body);
    if (!parsed.ok)
      return reply.page(
        (context) => DeskSessionActionPage({ context, session: view.session, row, action, form: parsed }),
        400,
      );
    const actor = agentActor(agentOf(request));
    const outcome =
      action === 'promote'
        ? await sessionBookings.promoteByHand(commune, sessionId, bookingId, actor, parsed.data.reason, request.ip)
        : await sessionBookings.removeByHand(commune, sessionId, bookingId, actor, parsed.data.reason, request.ip);
    if (outcome.ok)
      return reply.redirect(
        `${agentPaths(commune).session(sessionId)}?fait=${action === 'promote' ? 'inscrit' : 'retire'}`,
        303,
      );
    return answerRefusal(reply, outcome, (refusal) =>
      show(request, reply, 409, { kind: 'error', text: refusals[refusal.reason] }),
    );
  };

  return async (app) => {
    app.get('/sessions', sessionsAccess, async (request, reply) => {
      const rows = await sessionBookings.deskSessions(communeOf(request));
      return reply.page((context) => DeskSessionsPage({ context, rows }));
    });

    app.get<SessionParams>(
      '/sessions/:sessionId',
      { ...idParams('sessionId'), ...sessionsAccess },
      (request, reply) => {
        const text = noticeNamed(done, queryOf(request).fait);
        return show(request, reply, 200, text ? { kind: 'success', text } : undefined);
      },
    );

    app.post<SessionParams>(
      '/sessions/:sessionId/inscrire',
      { ...idParams('sessionId'), ...sessionsAccess },
      (request, reply) => act(request, reply, 'promote'),
    );
    app.post<SessionParams>(
      '/sessions/:sessionId/retirer',
      { ...idParams('sessionId'), ...sessionsAccess },
      (request, reply) => act(request, reply, 'remove'),
    );
  };
}
