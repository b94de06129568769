import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../container.js';
import { requireFamily } from '../../families/http/citizen/familyRequest.js';
import { deskAttemptsRoutes } from './agent/deskAttemptsRoutes.js';
import { payfipSettingsRoutes } from './agent/payfipSettingsRoutes.js';
import { payOnlineRoutes } from './citizen/payOnlineRoutes.js';
import { notificationRoute } from './notificationRoute.js';

/** Outside the doors: PayFiP's notification, a trigger without a session. */
export function publicRoutes({ onlinePayments }: Container): FastifyPluginAsync {
  return notificationRoute({ onlinePayments });
}

/** Behind the citizen door: « Payer en ligne » and the page PayFiP sends the family back to. */
export function citizenRoutes(container: Container): FastifyPluginAsync {
  return payOnlineRoutes({
    onlinePayments: container.onlinePayments,
    requireFamily: requireFamily(container.familyFile),
  });
}

/** Behind the agent door: « Paramètres → Paiement en ligne », an invoice's attempts and a missing payment. */
export function agentRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    await app.register(payfipSettingsRoutes(container.payfipSettings));
    await app.register(deskAttemptsRoutes(container.onlinePayments));
  };
}
