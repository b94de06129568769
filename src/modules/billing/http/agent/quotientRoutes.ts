import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { formValues, parseForm } from '../../../../platform/http/forms.js';
import { queryOf } from '../../../../platform/http/query.js';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import { type FormState, emptyForm } from '../../../../platform/views/components/forms.js';
import { communeOf } from '../../../../doors/agent/agentRequest.js';
import type { QuotientsService } from '../../quotientsService.js';
import { quotientForm } from '../billingForms.js';
import { billingPaths } from './billingPaths.js';
import { authorOf, billingAccess, refusedForm } from './billingAuthor.js';
import { quotientFieldErrors } from './billingMessages.js';
import { FamilyQuotientPage } from './views/FamilyQuotientPage.js';

type FamilyParams = { Params: { familyId: string } };

/** The QF on the desk's family file: its history, a new entry, the family's residence. */
export function quotientRoutes(quotients: QuotientsService): FastifyPluginAsync {
  const page = async (request: FastifyRequest<FamilyParams>, reply: FastifyReply, form?: FormState) => {
    const view = await quotients.ofFamily(communeOf(request).id, request.params.familyId);
    if (!view) return notFound(reply);
    return reply.page(
      (context) =>
        FamilyQuotientPage({ context, view, form: form ?? emptyForm, done: form ? undefined : queryOf(request).fait }),
      form ? 400 : 200,
    );
  };
  const route = { ...idParams('familyId'), ...billingAccess };

  return async (app) => {
    app.get<FamilyParams>('/familles/:familyId/quotient-familial', route, (request, reply) => page(request, reply));

    app.post<FamilyParams>('/familles/:familyId/quotient-familial', route, async (request, reply) => {
      const parsed = parseForm(quotientForm, request.body);
      if (!parsed.ok) return page(request, reply, parsed);
      const outcome = await quotients.enter(
        communeOf(request),
        request.params.familyId,
        parsed.data,
        authorOf(request),
      );
      if (!outcome.ok)
        return answerRefusal(reply, outcome, (refusal) =>
          page(request, reply, refusedForm(request.body, quotientFieldErrors(refusal.problems))),
        );
      return reply.redirect(
        `${billingPaths(communeOf(request)).quotient(request.params.familyId)}?fait=enregistre`,
        303,
      );
    });

    app.post<FamilyParams>('/familles/:familyId/quotient-familial/residence', route, async (request, reply) => {
      const nonResident = formValues(request.body).nonResident === 'oui';
      const outcome = await quotients.setResidence(
        communeOf(request),
        request.params.familyId,
        nonResident,
        authorOf(request),
      );
      if (!outcome.ok) return answerRefusal(reply, outcome, () => notFound(reply));
      return reply.redirect(
        `${billingPaths(communeOf(request)).quotient(request.params.familyId)}?fait=residence`,
        303,
      );
    });
  };
}
