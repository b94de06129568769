import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../container.js';
import { billingRoutes } from './agent/billingRoutes.js';
import { quotientRoutes } from './agent/quotientRoutes.js';
import { tariffsRoutes } from './agent/tariffsRoutes.js';

/** Behind the citizen door: none of billing's own; « Mes factures » reads the invoices through `InvoicesService`. */
export function citizenRoutes(_container: Container): FastifyPluginAsync {
  return async () => {};
}

/** Behind the agent door: « Paramètres → Tarifs », the QF on the family file, « Facturation ». */
export function agentRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    await app.register(tariffsRoutes(container.tariffs));
    await app.register(quotientRoutes(container.quotients));
    await app.register(
      billingRoutes({
        invoiceRun: container.invoiceRun,
        invoices: container.invoices,
        quotients: container.quotients,
        today: () => container.clock.now(),
        onlineAttempts: async (commune, invoiceId) =>
          (await container.onlinePayments.forDesk(commune, invoiceId))?.attempts ?? [],
      }),
    );
  };
}
