import type { FastifyRequest } from 'fastify';
import type { FormState } from '../../../../platform/views/components/forms.js';
import { type FieldErrors, formValues } from '../../../../platform/http/forms.js';
import { agentOf } from '../../../../doors/agent/agentRequest.js';
import { agentActor } from '../../../accounts/agentsPolicy.js';
import type { BillingAuthor } from '../../invoiceRunService.js';

/** Who acts, as the audit log records them. */
export function authorOf(request: FastifyRequest): BillingAuthor {
  return { actor: agentActor(agentOf(request)), ip: request.ip };
}

/** The form again as it was sent, with the service's refusal worded beside the fields. */
export function refusedForm(body: unknown, errors: FieldErrors): FormState {
  const { _csrf, ...values } = formValues(body);
  return { values, errors };
}

export const settingsAccess = { config: { agentAccess: 'settings' as const } };
export const billingAccess = { config: { agentAccess: 'billing' as const } };
