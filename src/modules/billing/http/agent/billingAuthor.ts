import type { FastifyRequest } from 'fastify';
import type { FormState } from '../../../../platform/views/components/forms.js';
import { formValues } from '../../../../platform/http/forms.js';
import { agentOf } from '../../../../doors/agent/agentRequest.js';
import { agentActor } from '../../../accounts/agentsPolicy.js';
import type { BillingAuthor } from '../../invoiceRunService.js';

/** Who acts, as the audit log records them. */
export function authorOf(request: FastifyRequest): BillingAuthor {
  return { actor: agentActor(agentOf(request)), ip: request.ip };
}

/** The form again with the service's problems beside the fields. */
export function problemsForm(refusal: { problems: Record<string, string> }, body: unknown): FormState {
  const { _csrf, ...values } = formValues(body);
  return { values, errors: refusal.problems };
}

export const settingsAccess = { config: { agentAccess: 'settings' as const } };
export const billingAccess = { config: { agentAccess: 'billing' as const } };
