import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { emptyForm, type FormState } from '../../../../platform/views/components/forms.js';
import { formValues, parseForm } from '../../../../platform/http/forms.js';
import { queryOf } from '../../../../platform/http/query.js';
import { notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import { agentActor } from '../../../accounts/agentsPolicy.js';
import { onlinePaymentPaths } from '../../onlinePaymentPaths.js';
import type { OnlinePaymentsService } from '../../onlinePaymentsService.js';
import { missingForm, missingRefusalText } from '../onlinePaymentForms.js';
import { DeskAttemptsPage } from './views/DeskAttemptsPage.js';

type InvoiceParams = { Params: { invoiceId: string } };
const paymentsAccess = { config: { agentAccess: 'payments' as const }, ...idParams('invoiceId') };

/**
 * The desk's view of an invoice's online payments: its attempts and their states, and « Enregistrer un
 * paiement PayFiP manquant » by the idOp PayFiP gave, checked by a lookup before anything is written.
 */
export function deskAttemptsRoutes(onlinePayments: OnlinePaymentsService): FastifyPluginAsync {
  const page = async (request: FastifyRequest<InvoiceParams>, reply: FastifyReply, failed?: FormState) => {
    const found = await onlinePayments.forDesk(communeOf(request), request.params.invoiceId);
    if (!found) return notFound(reply);
    return reply.page(
      (context) =>
        DeskAttemptsPage({
          context,
          ...found,
          form: failed ?? emptyForm,
          done: failed ? undefined : queryOf(request).fait,
        }),
      failed ? 400 : 200,
    );
  };

  return async (app) => {
    app.get<InvoiceParams>('/facturation/factures/:invoiceId/paiements-en-ligne', paymentsAccess, (request, reply) =>
      page(request, reply),
    );

    app.post<InvoiceParams>(
      '/facturation/factures/:invoiceId/paiements-en-ligne/manquant',
      paymentsAccess,
      async (request, reply) => {
        const parsed = parseForm(missingForm, request.body);
        if (!parsed.ok) return page(request, reply, parsed);
        const commune = communeOf(request);
        const outcome = await onlinePayments.recordMissing(
          commune,
          request.params.invoiceId,
          parsed.data.idOp,
          agentActor(agentOf(request)),
          request.ip,
        );
        if (outcome.ok)
          return reply.redirect(
            `${onlinePaymentPaths(commune).deskAttempts(request.params.invoiceId)}?fait=enregistre`,
            303,
          );
        if (outcome.reason === 'not-found') return notFound(reply);
        const { _csrf, ...values } = formValues(request.body);
        const text = missingRefusalText(outcome.reason, 'code' in outcome ? outcome.code : undefined);
        return page(request, reply, { values, errors: { idOp: text } });
      },
    );
  };
}
