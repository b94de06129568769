import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import { notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import { citizenOf, communeOf, familyIdOf } from '../../../families/http/citizen/familyRequest.js';
import { onlinePaymentPaths } from '../../onlinePaymentPaths.js';
import type { OnlinePaymentsService } from '../../onlinePaymentsService.js';
import { ReturnPage } from './views/ReturnPage.js';

type InvoiceParams = { Params: { invoiceId: string } };

/**
 * « Payer en ligne » and the page PayFiP sends the family back to. The family is the account's, never
 * the request's: another family's invoice is not found. A start that fails goes back to the invoice's
 * page with the reason in its address, which the page words.
 */
export function payOnlineRoutes(deps: {
  onlinePayments: OnlinePaymentsService;
  requireFamily: preHandlerAsyncHookHandler;
}): FastifyPluginAsync {
  const { onlinePayments } = deps;
  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', deps.requireFamily);

    app.post<InvoiceParams>(
      '/ma-famille/factures/:invoiceId/payer-en-ligne',
      idParams('invoiceId'),
      async (request, reply) => {
        const commune = communeOf(request);
        const citizen = citizenOf(request);
        const { invoiceId } = request.params;
        const outcome = await onlinePayments.start(
          commune,
          familyIdOf(request),
          invoiceId,
          { citizenId: citizen.id, email: citizen.email, name: `${citizen.firstName} ${citizen.lastName}` },
          request.ip,
        );
        if (outcome.ok) return reply.redirect(outcome.paymentPageUrl, 303);
        if (outcome.reason === 'not-found') return notFound(reply);
        const query = new URLSearchParams({
          'en-ligne': outcome.reason,
          ...('code' in outcome ? { code: outcome.code } : {}),
        });
        return reply.redirect(`${onlinePaymentPaths(commune).invoice(invoiceId)}?${query}#payer-en-ligne`, 303);
      },
    );

    app.get<InvoiceParams>(
      '/ma-famille/factures/:invoiceId/paiement-en-ligne',
      idParams('invoiceId'),
      async (request, reply) => {
        const commune = communeOf(request);
        const familyId = familyIdOf(request);
        const offer = await onlinePayments.offer(commune, familyId, request.params.invoiceId);
        if (!offer) return notFound(reply);
        const attempt = await onlinePayments.latestFor(commune, familyId, request.params.invoiceId);
        if (!attempt) return notFound(reply);
        return reply.page((context) => ReturnPage({ context, attempt }));
      },
    );
  };
}
