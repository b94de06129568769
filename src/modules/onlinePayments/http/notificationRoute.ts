import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { perAddress } from '../../../platform/http/rateLimit.js';
import { communeOf } from '../../../platform/http/tenant.js';
import type { OnlinePaymentsService } from '../onlinePaymentsService.js';

/** PayFiP's idOp is 36 characters; a longer or odd value is no idOp of ours. */
const ID_OP = /^[A-Za-z0-9-]{1,64}$/;

/** The idOp wherever PayFiP put it: `idOp` or `idop`, in the form body or the query. */
function idOpOf(request: FastifyRequest): string | null {
  for (const source of [request.body, request.query]) {
    if (!source || typeof source !== 'object') continue;
    const fields = source as Record<string, unknown>;
    for (const name of ['idOp', 'idop']) {
      const value = fields[name];
      if (typeof value === 'string' && ID_OP.test(value)) return value;
    }
  }
  return null;
}

/**
 * Where PayFiP tells that a payment ended (`urlnotif`). The notification is not signed: it only queues a
 * lookup of a known pending idOp, and the answer is the same « reçu » whatever it names, at once.
 */
export function notificationRoute({ onlinePayments }: { onlinePayments: OnlinePaymentsService }): FastifyPluginAsync {
  return async (app) => {
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const idOp = idOpOf(request);
      if (idOp) await onlinePayments.notified(communeOf(request), idOp);
      return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send('reçu');
    };
    const options = { config: { rateLimit: perAddress(300, 15) } };
    app.post('/paiement-en-ligne/notification', options, handler);
    app.get('/paiement-en-ligne/notification', options, handler);
  };
}
