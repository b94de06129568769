import { z } from 'zod';
import { idParams } from '../../../../platform/http/routeParams.js';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { BookingService } from '../../bookingService.js';
import type { Clock } from '../../../../platform/clock.js';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import { formValues, withoutSecrets } from '../../../../platform/http/forms.js';
import { type QueryParams, instantQuery, monthQuery, queryParams } from '../../../../platform/http/query.js';
import { emptyForm, type FormState } from '../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { formatShortDay, localDayOf, monthOf, type LocalMonth } from '../../../../shared/localDays.js';
import { requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import { citizenOf, communeOf, familyIdOf, requireFamily } from '../../../families/http/citizen/familyRequest.js';
import { parseCalendarForm, parseConfirmForm, parseWeekPatternForm } from './reservationForms.js';
import { MonthCalendarPage } from './views/MonthCalendarPage.js';
import { ReservationSummaryPage } from './views/ReservationSummaryPage.js';
import { ReservationsPage } from './views/ReservationsPage.js';
import { WeekPatternPage, patternWeekdays } from './views/WeekPatternPage.js';
import { familyWriteLimit } from './familyWriteLimit.js';
import type { FamilyPricesService } from '../../../billing/familyPrices.js';
import { cellKey } from '../../domain/cells.js';
import type { WantedCells } from './views/monthCalendarParts.js';

type MemberParams = { Params: { memberId: string } };

/** The month page's address: the month shown, and the instant of the confirmation that led there. */
const monthPageQuery = z.object({ mois: monthQuery, enregistre: instantQuery });

/**
 * « Modifier les réservations »: the children, a child's month calendar, the semaine type, the
 * summary (nothing written) and the confirmation (post / redirect / get back to the calendar).
 */
export function reservationRoutes({
  bookings,
  clock,
  familyFile,
  familyPrices,
}: {
  bookings: BookingService;
  clock: Clock;
  familyFile: FamilyFileService;
  familyPrices: FamilyPricesService;
}): FastifyPluginAsync {
  const today = () => localDayOf(clock.now());

  /** The month page, with the errors of a form the server could not read, or the list a confirmation wrote. */
  const monthPage = async (
    request: FastifyRequest<MemberParams>,
    reply: FastifyReply,
    month: LocalMonth,
    extra: { form?: FormState; writtenAt?: Date; wanted?: WantedCells } = {},
    status = 200,
  ) => {
    const commune = communeOf(request);
    const { memberId } = request.params;
    const found = await bookings.monthView(commune.id, familyIdOf(request), memberId, month, extra.writtenAt);
    if (!found) return notFound(reply);
    const { view, written } = found;
    const prices = await familyPrices.ofFamily(commune.id, familyIdOf(request));
    return reply.page(
      (context) => MonthCalendarPage({ context, view, written, form: extra.form, prices, wanted: extra.wanted }),
      status,
    );
  };

  /** A step's address opened again (back, reload, a bookmark): the calendar of this month, never a 404. */
  const backToCalendar = (request: FastifyRequest<MemberParams>, reply: FastifyReply) =>
    monthPage(request, reply, monthOf(today()));

  /** The summary, each change priced at the family's tariff. */
  const summaryPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    props: Omit<Parameters<typeof ReservationSummaryPage>[0], 'context' | 'prices'>,
    status = 200,
  ) => {
    const prices = await familyPrices.ofFamily(communeOf(request).id, familyIdOf(request));
    return reply.page((context) => ReservationSummaryPage({ context, prices, ...props }), status);
  };

  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', requireFamily(familyFile));

    app.get('/ma-famille/reservations', async (request, reply) => {
      const children = await bookings.children(communeOf(request).id, familyIdOf(request));
      return reply.page((context) => ReservationsPage({ context, children }));
    });

    app.get<MemberParams & { Querystring: QueryParams<typeof monthPageQuery> }>(
      '/ma-famille/membres/:memberId/reservations',
      { ...idParams('memberId'), ...queryParams(monthPageQuery) },
      async (request, reply) => {
        // A month is chosen by a link: an unknown one, or one outside the calendar, shows the current month.
        const query = request.query;
        return monthPage(request, reply, query.mois ?? monthOf(today()), { writtenAt: query.enregistre });
      },
    );

    app.post<MemberParams>(
      '/ma-famille/membres/:memberId/reservations/recapitulatif',
      idParams('memberId'),
      async (request, reply) => {
        const { memberId } = request.params;
        const parsed = parseCalendarForm(request.body);
        if (!parsed.ok) return monthPage(request, reply, monthOf(today()), { form: parsed }, 400);
        const month = parsed.data.month ?? monthOf(today());
        const summary = await bookings.preview(
          communeOf(request).id,
          familyIdOf(request),
          memberId,
          parsed.data.wanted,
        );
        if (!summary) return notFound(reply);
        return summaryPage(request, reply, { summary, month });
      },
    );

    app.get<MemberParams>(
      '/ma-famille/membres/:memberId/reservations/recapitulatif',
      idParams('memberId'),
      backToCalendar,
    );

    // « Modifier encore »: the calendar again, with what the parent ticked, for the month of the summary.
    app.post<MemberParams>(
      '/ma-famille/membres/:memberId/reservations/modifier',
      idParams('memberId'),
      async (request, reply) => {
        const parsed = parseConfirmForm(request.body);
        if (!parsed.ok) return monthPage(request, reply, monthOf(today()), { form: parsed }, 400);
        const month = parsed.data.month ?? monthOf(parsed.data.wanted[0]!.day);
        const wanted = new Map(parsed.data.wanted.map((cell) => [cellKey(cell), cell.unit]));
        return monthPage(request, reply, month, { wanted });
      },
    );

    app.get<MemberParams>('/ma-famille/membres/:memberId/reservations/modifier', idParams('memberId'), backToCalendar);

    app.get<MemberParams>(
      '/ma-famille/membres/:memberId/reservations/semaine-type',
      idParams('memberId'),
      async (request, reply) => {
        const found = await bookings.weekPattern(communeOf(request).id, familyIdOf(request), request.params.memberId);
        if (!found) return notFound(reply);
        return reply.page((context) => WeekPatternPage({ context, ...found.offer, form: emptyForm }));
      },
    );

    app.post<MemberParams>(
      '/ma-famille/membres/:memberId/reservations/semaine-type',
      idParams('memberId'),
      async (request, reply) => {
        const commune = communeOf(request);
        const { memberId } = request.params;
        const found = await bookings.weekPattern(commune.id, familyIdOf(request), memberId);
        if (!found) return notFound(reply);
        const { offer } = found;
        const offers = offer.services.map((service) => ({
          serviceId: service.id,
          weekdays: patternWeekdays([service]),
          units: service.units.map((unit) => unit.code),
        }));
        const parsed = parseWeekPatternForm(request.body, offers, today());
        if (!parsed.ok) return reply.page((context) => WeekPatternPage({ context, ...offer, form: parsed }), 400);
        const outcome = await found.preview(parsed.data);
        if (!outcome.ok)
          return answerRefusal(reply, outcome, (refusal) => {
            const years = refusal.years
              .map((year) => `du ${formatShortDay(year.startsOn)} au ${formatShortDay(year.endsOn)}`)
              .join(' ou ');
            const form = {
              values: withoutSecrets(formValues(request.body)),
              errors: {
                au: `La période doit tenir dans une année scolaire (${years || 'aucune année scolaire n’est ouverte'}) : choisissez d’autres dates.`,
              },
            };
            return reply.page((context) => WeekPatternPage({ context, ...offer, form }), 400);
          });
        return summaryPage(request, reply, {
          summary: outcome.summary,
          month: monthOf(parsed.data.from),
          skipped: outcome.skipped,
        });
      },
    );

    app.post<MemberParams>(
      '/ma-famille/membres/:memberId/reservations/confirmer',
      { ...idParams('memberId'), ...familyWriteLimit },
      async (request, reply) => {
        const commune = communeOf(request);
        const { memberId } = request.params;
        const parsed = parseConfirmForm(request.body);
        if (!parsed.ok) return monthPage(request, reply, monthOf(today()), { form: parsed }, 400);
        const { wanted, seen } = parsed.data;
        const month = parsed.data.month ?? monthOf(wanted[0]!.day);
        const outcome = await bookings.applyChanges({
          communeId: commune.id,
          familyId: familyIdOf(request),
          memberId,
          wanted,
          seen,
          author: { kind: 'citizen', id: citizenOf(request).id },
        });
        if (outcome.ok)
          return reply.redirect(
            `${communePaths(commune).memberReservations(memberId, month)}&enregistre=${outcome.at.getTime()}`,
            303,
          );
        // Not the plan the parent saw: the new one, to confirm again knowingly.
        return answerRefusal(reply, outcome, (refusal) =>
          summaryPage(request, reply, { summary: refusal.summary, month, changed: true }, 409),
        );
      },
    );

    app.get<MemberParams>('/ma-famille/membres/:memberId/reservations/confirmer', idParams('memberId'), backToCalendar);
  };
}
