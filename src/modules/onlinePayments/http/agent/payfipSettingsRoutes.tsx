import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { parseForm } from '../../../../platform/http/forms.js';
import { queryOf } from '../../../../platform/http/query.js';
import type { FormState } from '../../../../platform/views/components/forms.js';
import { agentActor } from '../../../accounts/agentsPolicy.js';
import { onlinePaymentPaths } from '../../onlinePaymentPaths.js';
import type { ClientTestOutcome, PayfipSettingsService } from '../../payfipSettingsService.js';
import { settingsForm } from '../onlinePaymentForms.js';
import { PayfipSettingsPage } from './views/PayfipSettingsPage.js';

const settingsAccess = { config: { agentAccess: 'settings' as const } };

/**
 * « Paramètres → Paiement en ligne », for the administrators: saved (audited by the service) with a
 * confirmation, or the form again with its errors (400, nothing written); « Tester la configuration »
 * asks PayFiP for the régie's labels and shows them, or what went wrong, in French.
 */
export function payfipSettingsRoutes(settings: PayfipSettingsService): FastifyPluginAsync {
  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { failed?: FormState; tested?: ClientTestOutcome } = {},
  ) => {
    const current = await settings.settings(communeOf(request).id);
    const form: FormState = options.failed ?? {
      values: current
        ? { enabled: current.enabled ? 'oui' : '', numcli: current.numcli, mode: current.mode }
        : { mode: 'T' },
      errors: {},
    };
    return reply.page(
      (context) =>
        PayfipSettingsPage({
          context,
          form,
          saved: current !== null,
          tested: options.tested,
          done: options.failed || options.tested ? undefined : queryOf(request).fait,
        }),
      options.failed ? 400 : 200,
    );
  };

  return async (app) => {
    app.get('/parametres/paiement-en-ligne', settingsAccess, (request, reply) => page(request, reply));

    app.post('/parametres/paiement-en-ligne', settingsAccess, async (request, reply) => {
      const parsed = parseForm(settingsForm, request.body);
      if (!parsed.ok) return page(request, reply, { failed: parsed });
      const commune = communeOf(request);
      const { enabled, numcli, mode } = parsed.data;
      await settings.save(
        commune,
        { enabled: enabled === 'oui', numcli, mode },
        agentActor(agentOf(request)),
        request.ip,
      );
      return reply.redirect(`${onlinePaymentPaths(commune).settings}?fait=enregistre`, 303);
    });

    app.post('/parametres/paiement-en-ligne/tester', settingsAccess, async (request, reply) => {
      const commune = communeOf(request);
      const current = await settings.settings(commune.id);
      if (!current) return page(request, reply);
      const tested = await settings.test(commune, current.numcli, agentActor(agentOf(request)), request.ip);
      return page(request, reply, { tested });
    });
  };
}
