import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../container.js';
import { requireFamily } from '../../families/http/citizen/familyRequest.js';
import { fiscalAttestationDeskRoutes } from './agent/fiscalAttestationDeskRoutes.js';
import { invoiceMentionsRoutes } from './agent/invoiceMentionsRoutes.js';
import { paymentDeskRoutes } from './agent/paymentDeskRoutes.js';
import { fiscalAttestationRoutes } from './citizen/fiscalAttestationRoutes.js';
import { invoiceRoutes } from './citizen/invoiceRoutes.js';

/** Behind the citizen door: « Mes factures », an invoice's page and its PDF, the attestation fiscale. */
export function citizenRoutes(container: Container): FastifyPluginAsync {
  const family = requireFamily(container.familyFile);
  return async (app) => {
    await app.register(
      invoiceRoutes({
        payments: container.payments,
        onlineOffer: (commune, familyId, invoiceId) => container.onlinePayments.offer(commune, familyId, invoiceId),
        onlinePaymentOrigin: () => container.onlinePayments.paymentPageOrigin(),
        requireFamily: family,
      }),
    );
    await app.register(fiscalAttestationRoutes({ attestations: container.fiscalAttestations, requireFamily: family }));
  };
}

/** Behind the agent door: a family's payments (record, cancel, credit), its attestations fiscales, the finance exports, the invoices' mentions. */
export function agentRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    await app.register(paymentDeskRoutes({ payments: container.payments, familyFile: container.familyFile }));
    await app.register(
      fiscalAttestationDeskRoutes({ attestations: container.fiscalAttestations, familyFile: container.familyFile }),
    );
    await app.register(invoiceMentionsRoutes(container.payments));
  };
}
