import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { parseForm } from '../../../../platform/http/forms.js';
import { queryOf } from '../../../../platform/http/query.js';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import type { FormState } from '../../../../platform/views/components/forms.js';
import { centsToEuroInput } from '../../../../shared/money.js';
import { communeOf } from '../../../../doors/agent/agentRequest.js';
import type { TariffsService } from '../../tariffsService.js';
import { bracketsForm, parseGridForm, parseSessionPricesForm, priceField, settingsForm } from '../billingForms.js';
import { billingPaths } from './billingPaths.js';
import { authorOf, refusedForm, settingsAccess } from './billingAuthor.js';
import { tariffFieldErrors } from './billingMessages.js';
import { SessionPricesPage } from './views/SessionPricesPage.js';
import { type TariffsForm, TariffsPage } from './views/TariffsPage.js';

type SessionParams = { Params: { sessionId: string } };

/**
 * « Paramètres → Tarifs », for the administrators: the brackets of QF, a new price grid, a holiday
 * session's prices, the invoices' dates and minimum. A wrong form answers 400 with its errors and writes
 * nothing; a saved one redirects with a confirmation; every change is audited by the service.
 */
export function tariffsRoutes(tariffs: TariffsService): FastifyPluginAsync {
  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    failed?: { form: TariffsForm; state: FormState },
  ) => {
    const setUp = await tariffs.setUp(communeOf(request).id);
    return reply.page(
      (context) => TariffsPage({ context, setUp, failed, done: failed ? undefined : queryOf(request).fait }),
      failed ? 400 : 200,
    );
  };
  const saved = (request: FastifyRequest, reply: FastifyReply, done: string, anchor: string) =>
    reply.redirect(`${billingPaths(communeOf(request)).tariffs}?fait=${done}#${anchor}`, 303);

  const sessionPage = async (request: FastifyRequest<SessionParams>, reply: FastifyReply, form?: FormState) => {
    const setUp = await tariffs.setUp(communeOf(request).id);
    const session = setUp.sessions.find((candidate) => candidate.id === request.params.sessionId);
    if (!session) return notFound(reply);
    const prices = setUp.sessionPrices.get(session.id) ?? [];
    const state = form ?? {
      values: Object.fromEntries(
        prices.map((price) => [priceField(price.bracketRank), centsToEuroInput(price.priceCents)]),
      ),
      errors: {},
    };
    return reply.page(
      (context) => SessionPricesPage({ context, session, brackets: setUp.brackets, form: state }),
      form ? 400 : 200,
    );
  };

  return async (app) => {
    app.get('/parametres/tarifs', settingsAccess, (request, reply) => page(request, reply));

    app.post('/parametres/tarifs/reglages', settingsAccess, async (request, reply) => {
      const parsed = parseForm(settingsForm, request.body);
      if (!parsed.ok) return page(request, reply, { form: 'settings', state: parsed });
      const { dueDays, onlinePaymentDays, minimum } = parsed.data;
      const outcome = await tariffs.saveSettings(
        communeOf(request),
        { dueDays, onlinePaymentDays, minimumCents: minimum },
        authorOf(request),
      );
      if (!outcome.ok)
        return answerRefusal(reply, outcome, (refusal) =>
          page(request, reply, {
            form: 'settings',
            state: refusedForm(request.body, tariffFieldErrors(refusal.problems)),
          }),
        );
      return saved(request, reply, 'reglages', 'reglages');
    });

    app.post('/parametres/tarifs/tranches', settingsAccess, async (request, reply) => {
      const parsed = parseForm(bracketsForm, request.body);
      if (!parsed.ok) return page(request, reply, { form: 'brackets', state: parsed });
      const outcome = await tariffs.saveBrackets(communeOf(request), parsed.data.bounds, authorOf(request));
      if (!outcome.ok)
        return answerRefusal(reply, outcome, (refusal) =>
          page(request, reply, {
            form: 'brackets',
            state: refusedForm(request.body, tariffFieldErrors(refusal.problems)),
          }),
        );
      return saved(request, reply, 'tranches', 'tranches');
    });

    app.post('/parametres/tarifs/grilles', settingsAccess, async (request, reply) => {
      const brackets = await tariffs.brackets(communeOf(request).id);
      const parsed = parseGridForm(request.body, brackets);
      if (!parsed.ok) return page(request, reply, { form: 'grid', state: parsed });
      const outcome = await tariffs.addGrid(communeOf(request), parsed.data, authorOf(request));
      if (!outcome.ok)
        return answerRefusal(reply, outcome, (refusal) =>
          page(request, reply, { form: 'grid', state: refusedForm(request.body, tariffFieldErrors(refusal.problems)) }),
        );
      return saved(request, reply, 'grille', 'grilles');
    });

    app.get<SessionParams>(
      '/parametres/tarifs/sessions/:sessionId',
      { ...idParams('sessionId'), ...settingsAccess },
      (request, reply) => sessionPage(request, reply),
    );

    app.post<SessionParams>(
      '/parametres/tarifs/sessions/:sessionId',
      { ...idParams('sessionId'), ...settingsAccess },
      async (request, reply) => {
        const brackets = await tariffs.brackets(communeOf(request).id);
        const parsed = parseSessionPricesForm(request.body, brackets);
        if (!parsed.ok) return sessionPage(request, reply, parsed);
        const outcome = await tariffs.saveSessionPrices(
          communeOf(request),
          request.params.sessionId,
          parsed.data,
          authorOf(request),
        );
        if (!outcome.ok)
          return answerRefusal(reply, outcome, (refusal) =>
            sessionPage(request, reply, refusedForm(request.body, tariffFieldErrors(refusal.problems))),
          );
        return saved(request, reply, 'session', 'sessions');
      },
    );
  };
}
