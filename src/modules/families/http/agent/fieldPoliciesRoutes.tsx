import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { type FieldErrors, type FormValues, formValues } from '../../../../platform/http/forms.js';
import { queryOf } from '../../../../platform/http/query.js';
import { agentAuthor } from '../../../accounts/agentsPolicy.js';
import { agentPaths } from '../../../../doors/agent/agentPaths.js';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { FIELD_GROUPS, type FieldGroupKey, fieldGroups, needsValidation } from '../../domain/fieldGroups.js';
import type { FamilyFileService } from '../../familyFileService.js';
import { access } from './deskFile.js';
import { DIRECT, FieldPoliciesPage, VALIDATED } from './views/FieldPoliciesPage.js';

/** Each group's answer, or an error for each group left without a valid one: the form is taken whole or not at all. */
export function parsePolicies(
  body: unknown,
): { ok: true; choices: Record<FieldGroupKey, boolean> } | { ok: false; values: FormValues; errors: FieldErrors } {
  const values = formValues(body);
  const choices = {} as Record<FieldGroupKey, boolean>;
  const errors: FieldErrors = {};
  for (const group of FIELD_GROUPS) {
    const answer = values[group];
    if (answer === DIRECT || answer === VALIDATED) choices[group] = answer === VALIDATED;
    else errors[group] = `Choisissez comment les familles modifient la rubrique « ${fieldGroups[group].label} ».`;
  }
  if (Object.keys(errors).length > 0)
    return { ok: false, values: Object.fromEntries(FIELD_GROUPS.map((g) => [g, values[g] ?? ''])), errors };
  return { ok: true, choices };
}

/** The administrator's settings of the family file: which groups the families change only through a request. */
export function fieldPoliciesRoutes({ familyFile }: { familyFile: FamilyFileService }): FastifyPluginAsync {
  const currentForm = async (request: FastifyRequest) => {
    const policies = await familyFile.policies(communeOf(request).id);
    return {
      values: Object.fromEntries(
        FIELD_GROUPS.map((group) => [group, needsValidation(group, policies) ? VALIDATED : DIRECT]),
      ),
      errors: {},
    };
  };

  return async (app) => {
    app.get('/parametres/dossier-famille', access('settings'), async (request, reply) => {
      const form = await currentForm(request);
      const saved = queryOf(request).fait === 'enregistre';
      return reply.page((context) => FieldPoliciesPage({ context, form, saved }));
    });

    app.post('/parametres/dossier-famille', access('settings'), async (request, reply) => {
      const parsed = parsePolicies(request.body);
      if (!parsed.ok) return reply.page((context) => FieldPoliciesPage({ context, form: parsed, saved: false }), 400);
      const commune = communeOf(request);
      await familyFile.setPolicies(commune, parsed.choices, agentAuthor(agentOf(request)), request.ip);
      return reply.redirect(`${agentPaths(commune).fieldPolicies}?fait=enregistre`, 303);
    });
  };
}
