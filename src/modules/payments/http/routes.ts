import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../container.js';
import { requireFamily } from '../../families/http/citizen/familyRequest.js';
import { invoiceMentionsRoutes } from './agent/invoiceMentionsRoutes.js';
import { paymentDeskRoutes } from './agent/paymentDeskRoutes.js';
import { invoiceRoutes } from './citizen/invoiceRoutes.js';

/** Behind the citizen door: « Mes factures », an invoice's page and its PDF. */
export function citizenRoutes(container: Container): FastifyPluginAsync {
  return invoiceRoutes({
    payments: container.payments,
    onlineOffer: (commune, familyId, invoiceId) => container.onlinePayments.offer(commune, familyId, invoiceId),
    requireFamily: requireFamily(container.familyFile),
  });
}

/** Behind the agent door: a family's payments (record, cancel, credit), the finance exports, the invoices' mentions. */
export function agentRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    await app.register(paymentDeskRoutes({ payments: container.payments, familyFile: container.familyFile }));
    await app.register(invoiceMentionsRoutes(container.payments));
  };
}
