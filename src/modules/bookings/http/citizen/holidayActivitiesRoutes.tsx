import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { idParams } from '../../../../platform/http/routeParams.js';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { z } from 'zod';
import type { SessionBookingService } from '../../sessionBookingService.js';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import { parseForm } from '../../../../platform/http/forms.js';
import { noticeNamed, queryOf } from '../../../../platform/http/query.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import { communeOf, familyIdOf, requireFamily } from '../../../families/http/citizen/familyRequest.js';
import type { SessionOffer } from '../../sessionBookingService.js';
import { ConfirmSessionBookingPage, confirmBookingLabels } from './views/ConfirmSessionBookingPage.js';
import { ConfirmSessionCancelPage } from './views/ConfirmSessionCancelPage.js';
import { HolidayActivitiesPage, type PageNotice } from './views/HolidayActivitiesPage.js';
import { RefusalText, untilText } from './views/sessionParts.js';
import { familyWriteLimit } from './familyWriteLimit.js';
import type { FamilyPricesService } from '../../../billing/familyPrices.js';

type SessionParams = { Params: { sessionId: string } };

/** The forms of the session cards and of their confirmation steps; the member is checked against the family by the service. */
const sessionForm = z.object({
  memberId: z
    .string({ error: 'Choisissez l’enfant concerné.' })
    .trim()
    .min(1, 'Choisissez l’enfant concerné.')
    .max(100),
  confirmation: z.string().optional(),
  majoration: z.string().optional(),
});

/** What the page says after a post / redirect / get, by the `fait` of its address. */
const done: Record<string, string> = {
  inscrit: 'La réservation est enregistrée : votre enfant a sa place.',
  attente:
    'La session est complète : votre enfant est inscrit sur la liste d’attente. Si une place se libère, elle lui sera attribuée à son tour et vous serez prévenu par e-mail.',
  deja: 'Votre enfant est déjà inscrit à cette session (ou sur sa liste d’attente) : rien n’a changé.',
  annulee: 'La réservation est annulée, sans frais.',
  'annulee-tardive':
    'La réservation est annulée. L’annulation étant faite après la date limite, la session reste facturée.',
  'attente-quittee': 'Votre enfant ne figure plus sur la liste d’attente.',
};

const cancelled = { 'on-time': 'annulee', late: 'annulee-tardive', 'leave-waiting-list': 'attente-quittee' } as const;

/** « Activités vacances » on the family's side: the sessions per child, book (with a confirmation step), cancel. */
export function holidayActivitiesRoutes({
  sessionBookings,
  familyFile,
  familyPrices,
}: {
  sessionBookings: SessionBookingService;
  familyFile: FamilyFileService;
  familyPrices: FamilyPricesService;
}): FastifyPluginAsync {
  /** The family's page again, with what went wrong; each session at the family's tariff. */
  const pageWith = async (request: FastifyRequest, reply: FastifyReply, status: number, notice?: PageNotice) => {
    const [children, prices] = await Promise.all([
      sessionBookings.familySessions(communeOf(request), familyIdOf(request)),
      familyPrices.ofFamily(communeOf(request).id, familyIdOf(request)),
    ]);
    return reply.page((context) => HolidayActivitiesPage({ context, children, notice, prices }), status);
  };

  const refused = (request: FastifyRequest, reply: FastifyReply, offer: SessionOffer) =>
    pageWith(request, reply, 409, {
      kind: 'error',
      children: <RefusalText commune={communeOf(request)} offer={offer} />,
    });

  const incomplete = (request: FastifyRequest, reply: FastifyReply) =>
    pageWith(request, reply, 400, {
      kind: 'error',
      children: 'Le formulaire est incomplet : choisissez la session et l’enfant dans la liste ci-dessous.',
    });

  const back = (request: FastifyRequest, what: string) =>
    `${communePaths(communeOf(request)).holidayActivities}?fait=${what}`;

  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily(familyFile));

    app.get('/ma-famille/activites-vacances', async (request, reply) => {
      const text = noticeNamed(done, queryOf(request).fait);
      return pageWith(request, reply, 200, text ? { kind: 'success', children: text } : undefined);
    });

    /** A booking or cancelling step's address opened again (back, reload): the family's sessions, never a 404. */
    const sessionsAgain = async (request: FastifyRequest<SessionParams>, reply: FastifyReply) => {
      if (!(await sessionBookings.isCommuneSession(communeOf(request), request.params.sessionId)))
        return notFound(reply);
      return pageWith(request, reply, 200);
    };
    app.get<SessionParams>('/ma-famille/activites-vacances/:sessionId/reserver', idParams('sessionId'), sessionsAgain);
    app.get<SessionParams>('/ma-famille/activites-vacances/:sessionId/annuler', idParams('sessionId'), sessionsAgain);

    app.post<SessionParams>(
      '/ma-famille/activites-vacances/:sessionId/reserver',
      { ...idParams('sessionId'), ...familyWriteLimit },
      async (request, reply) => {
        const parsed = parseForm(sessionForm, request.body);
        if (!parsed.ok) return incomplete(request, reply);
        const commune = communeOf(request);
        const familyId = familyIdOf(request);
        const { sessionId } = request.params;
        const { memberId, confirmation, majoration } = parsed.data;
        if (confirmation !== 'oui') {
          const offer = await sessionBookings.preview(commune, familyId, sessionId, memberId);
          if (!offer) return notFound(reply);
          if (offer.booking) return reply.redirect(back(request, 'deja'), 303);
          if (offer.refusal) return refused(request, reply, offer);
          return reply.page((context) => ConfirmSessionBookingPage({ context, offer }));
        }
        const outcome = await sessionBookings.book(commune, familyId, sessionId, memberId, {
          acceptsMajoration: majoration === 'oui',
        });
        if (outcome.ok) return reply.redirect(back(request, outcome.status), 303);
        return answerRefusal(reply, outcome, (refusal) => {
          switch (refusal.reason) {
            case 'already':
              return reply.redirect(back(request, 'deja'), 303);
            case 'refused':
              return refused(request, reply, refusal.offer);
            case 'majoration-not-accepted': {
              const form = {
                values: {},
                errors: {
                  majoration: `Cochez « ${confirmBookingLabels.majoration} » pour confirmer, ou revenez aux activités vacances.`,
                },
              };
              return reply.page((context) => ConfirmSessionBookingPage({ context, offer: refusal.offer, form }), 400);
            }
          }
        });
      },
    );

    app.post<SessionParams>(
      '/ma-famille/activites-vacances/:sessionId/annuler',
      { ...idParams('sessionId'), ...familyWriteLimit },
      async (request, reply) => {
        const parsed = parseForm(sessionForm, request.body);
        if (!parsed.ok) return incomplete(request, reply);
        const commune = communeOf(request);
        const familyId = familyIdOf(request);
        const { sessionId } = request.params;
        const { memberId, confirmation } = parsed.data;
        if (confirmation !== 'oui') {
          const offer = await sessionBookings.preview(commune, familyId, sessionId, memberId);
          if (!offer) return notFound(reply);
          const booking = offer.booking;
          if (!booking) return pageWith(request, reply, 409, { kind: 'error', children: noBooking(offer) });
          if (booking.status === 'inscrit' && offer.timing.timing === 'refused')
            return pageWith(request, reply, 409, { kind: 'error', children: tooLate(offer) });
          return reply.page((context) => ConfirmSessionCancelPage({ context, offer, booking }));
        }
        const outcome = await sessionBookings.cancel(commune, familyId, sessionId, memberId);
        if (outcome.ok) return reply.redirect(back(request, cancelled[outcome.kind]), 303);
        return answerRefusal(reply, outcome, (refusal) =>
          pageWith(request, reply, 409, {
            kind: 'error',
            children: refusal.reason === 'no-booking' ? noBooking(refusal.offer) : tooLate(refusal.offer),
          }),
        );
      },
    );
  };
}

const noBooking = (offer: SessionOffer) =>
  `${offer.member.firstName} n’a pas de réservation pour la session « ${offer.session.name} » : il n’y a rien à annuler.`;

const tooLate = (offer: SessionOffer) =>
  `L’annulation en ligne de la session « ${offer.session.name} » n’est plus possible depuis le ${untilText(offer.timing.cutoff)} : contactez le guichet unique.`;
