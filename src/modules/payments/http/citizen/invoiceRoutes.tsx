import type { FastifyPluginAsync, preHandlerAsyncHookHandler } from 'fastify';
import { requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import { notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import { allowFormTargets } from '../../../../platform/http/securityHeaders.js';
import { formatFileSize } from '../../../../shared/format.js';
import { communeOf, familyIdOf } from '../../../families/http/citizen/familyRequest.js';
import { invoiceStatus } from '../../domain/invoiceStatus.js';
import type { PaymentsService } from '../../paymentsService.js';
import { queryOf } from '../../../../platform/http/query.js';
import type { OnlinePaymentsService } from '../../../onlinePayments/onlinePaymentsService.js';
import { invoicePdf } from '../../invoicePdf.js';
import { InvoicePage } from './views/InvoicePage.js';
import { MyInvoicesPage } from './views/MyInvoicesPage.js';

type InvoiceParams = { Params: { invoiceId: string } };

/**
 * « Mes factures » on the family's door: the list, an invoice's page and its PDF. The family is the one
 * of the account, never of the request: another family's invoice is not found, as an unknown one.
 */
export function invoiceRoutes(deps: {
  payments: PaymentsService;
  /** Whether the invoice may be paid online now (the online payments module's answer). */
  onlineOffer: OnlinePaymentsService['offer'];
  /** Where « Payer en ligne » leads: PayFiP's payment page, on another origin. */
  onlinePaymentOrigin: () => string;
  requireFamily: preHandlerAsyncHookHandler;
}): FastifyPluginAsync {
  const { payments } = deps;
  return async (app) => {
    app.addHook('preHandler', requireCitizen);
    app.addHook('preHandler', deps.requireFamily);
    app.get('/ma-famille/factures', async (request, reply) => {
      const account = await payments.account(communeOf(request), familyIdOf(request));
      return reply.page((context) => MyInvoicesPage({ context, account }));
    });

    app.get<InvoiceParams>('/ma-famille/factures/:invoiceId', idParams('invoiceId'), async (request, reply) => {
      const commune = communeOf(request);
      const familyId = familyIdOf(request);
      const [invoice, online] = await Promise.all([
        payments.invoice(commune, familyId, request.params.invoiceId),
        deps.onlineOffer(commune, familyId, request.params.invoiceId),
      ]);
      if (!invoice || !online) return notFound(reply);
      const pdf = await invoicePdf(invoice);
      const status = invoiceStatus(invoice, payments.today());
      const query = queryOf(request);
      const failed = query['en-ligne'] ? { reason: query['en-ligne'], code: query.code } : undefined;
      // « Payer en ligne » answers with a redirect to PayFiP's page: the form that posts it must be allowed there.
      if (online.offer === 'available') allowFormTargets(reply, [deps.onlinePaymentOrigin()]);
      return reply.page((context) =>
        InvoicePage({
          context,
          invoice,
          status,
          pdfSize: formatFileSize(pdf.length),
          online: { offer: online.offer, leftToPayCents: invoice.leftToPayCents, failed },
        }),
      );
    });

    app.get<InvoiceParams>(
      '/ma-famille/factures/:invoiceId/facture.pdf',
      idParams('invoiceId'),
      async (request, reply) => {
        const found = await payments.invoicePdf(communeOf(request), familyIdOf(request), request.params.invoiceId);
        if (!found) return notFound(reply);
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="facture-${found.number}.pdf"`)
          .header('cache-control', 'no-store')
          .send(found.pdf);
      },
    );
  };
}
