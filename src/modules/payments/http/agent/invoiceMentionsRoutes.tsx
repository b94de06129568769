import type { FastifyPluginAsync } from 'fastify';
import { agentActor } from '../../../accounts/agentsPolicy.js';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { agentPaths } from '../../../../doors/agent/agentPaths.js';
import { parseForm } from '../../../../platform/http/forms.js';
import { queryOf } from '../../../../platform/http/query.js';
import type { PaymentsService } from '../../paymentsService.js';
import { mentionsForm } from '../paymentForms.js';
import { InvoiceMentionsPage } from './views/InvoiceMentionsPage.js';

const access = { config: { agentAccess: 'settings' as const } };

/** « Paramètres → Mentions des factures », for the administrators: a wrong form answers 400 and writes nothing. */
export function invoiceMentionsRoutes(payments: PaymentsService): FastifyPluginAsync {
  return async (app) => {
    app.get('/parametres/mentions-factures', access, async (request, reply) => {
      const mentions = await payments.mentions(communeOf(request));
      const { communeId: _commune, ...values } = mentions ?? { communeId: '' };
      return reply.page((context) =>
        InvoiceMentionsPage({
          context,
          form: { values, errors: {} },
          isSet: mentions !== null,
          saved: queryOf(request).fait === 'oui',
        }),
      );
    });

    app.post('/parametres/mentions-factures', access, async (request, reply) => {
      const commune = communeOf(request);
      const parsed = parseForm(mentionsForm, request.body);
      if (!parsed.ok) {
        const isSet = (await payments.mentions(commune)) !== null;
        return reply.page((context) => InvoiceMentionsPage({ context, form: parsed, isSet, saved: false }), 400);
      }
      await payments.saveMentions(commune, parsed.data, agentActor(agentOf(request)), request.ip);
      return reply.redirect(`${agentPaths(commune).invoiceMentions}?fait=oui`, 303);
    });
  };
}
