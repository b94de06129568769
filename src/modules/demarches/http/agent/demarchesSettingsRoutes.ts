import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { queryOf } from '../../../../platform/http/query.js';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { type IdParams, idParams } from '../../../../platform/http/routeParams.js';
import { type FormState, emptyForm } from '../../../../platform/views/components/forms.js';
import { agentActor } from '../../../accounts/agentsPolicy.js';
import type { DemarcheAuthor, DemarchesService, Invalid } from '../../demarchesService.js';
import type { Demarche } from '../../demarchesRepository.js';
import { readDemarcheText, readFieldDefinition } from '../demarcheForms.js';
import { demarchesSettingsPaths } from './demarchesSettingsPaths.js';
import { DemarcheSettingsPage, type DemarcheForm } from './views/DemarcheSettingsPage.js';
import { DemarchesSettingsPage } from './views/DemarchesSettingsPage.js';
import { FieldSettingsPage } from './views/FieldSettingsPage.js';
import { fieldValues, newFieldValues } from './views/fieldParts.js';

const settingsAccess = { config: { agentAccess: 'settings' as const } };
const demarcheRoute = { ...idParams('demarcheId'), ...settingsAccess };
const fieldRoute = { ...idParams('demarcheId', 'fieldId'), ...settingsAccess };
type DemarcheParams = { Params: IdParams<'demarcheId'> };
type FieldParams = { Params: IdParams<'demarcheId' | 'fieldId'> };

function authorOf(request: FastifyRequest): DemarcheAuthor {
  return { actor: agentActor(agentOf(request)), ip: request.ip };
}

const textValues = (demarche: Demarche) => ({ title: demarche.title, description: demarche.description });

/**
 * « Autres démarches » in the administrators' set-up (permission 'settings'): the démarches, their
 * questions and their publication. A wrong form answers 400 with its errors and writes nothing; a
 * change answers 303 back to the démarche's page, which says what was done. Every change is audited
 * by the service.
 */
export function demarchesSettingsRoutes({ demarches }: { demarches: DemarchesService }): FastifyPluginAsync {
  const listPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm, status = 200) => {
    const all = await demarches.all(communeOf(request).id);
    return reply.page((context) => DemarchesSettingsPage({ context, demarches: all, form }), status);
  };

  const demarchePage = async (
    request: FastifyRequest<DemarcheParams>,
    reply: FastifyReply,
    failed?: { form: DemarcheForm; state: FormState },
  ) => {
    const demarche = await demarches.find(communeOf(request).id, request.params.demarcheId);
    if (!demarche) return notFound(reply);
    const documentTypes = await demarches.documentTypes(communeOf(request));
    return reply.page(
      (context) =>
        DemarcheSettingsPage({
          documentTypes,
          context,
          demarche,
          textForm: failed?.form === 'text' ? failed.state : { values: textValues(demarche), errors: {} },
          fieldForm: failed?.form === 'field' ? failed.state : { values: newFieldValues, errors: {} },
          failed,
          done: failed ? undefined : queryOf(request).fait,
        }),
      failed ? 400 : 200,
    );
  };

  const fieldPage = async (request: FastifyRequest<FieldParams>, reply: FastifyReply, form?: FormState) => {
    const demarche = await demarches.find(communeOf(request).id, request.params.demarcheId);
    const field = demarche?.fields.find((candidate) => candidate.id === request.params.fieldId);
    if (!demarche || !field) return notFound(reply);
    const documentTypes = await demarches.documentTypes(communeOf(request));
    return reply.page(
      (context) =>
        FieldSettingsPage({
          context,
          demarche,
          field,
          form: form ?? { values: fieldValues(field), errors: {} },
          documentTypes,
        }),
      form ? 400 : 200,
    );
  };

  /** Back to the démarche's page, which says what was done. */
  const done = (request: FastifyRequest<DemarcheParams>, reply: FastifyReply, what: string) =>
    reply.redirect(
      `${demarchesSettingsPaths(communeOf(request)).demarche(request.params.demarcheId)}?fait=${what}`,
      303,
    );

  const problems = (refusal: Invalid, values: FormState['values']): FormState => ({ values, errors: refusal.problems });

  return async (app) => {
    app.get('/parametres/demarches', settingsAccess, (request, reply) => listPage(request, reply));

    app.post('/parametres/demarches', settingsAccess, async (request, reply) => {
      const typed = readDemarcheText(request.body);
      if (!typed.ok) return listPage(request, reply, typed, 400);
      const commune = communeOf(request);
      const outcome = await demarches.create(commune, typed.data, authorOf(request));
      if (!outcome.ok)
        return answerRefusal(reply, outcome, (refusal) =>
          listPage(request, reply, problems(refusal, typed.values), 400),
        );
      return reply.redirect(`${demarchesSettingsPaths(commune).demarche(outcome.id)}?fait=creee`, 303);
    });

    app.get<DemarcheParams>('/parametres/demarches/:demarcheId', demarcheRoute, (request, reply) =>
      demarchePage(request, reply),
    );

    app.post<DemarcheParams>('/parametres/demarches/:demarcheId', demarcheRoute, async (request, reply) => {
      const typed = readDemarcheText(request.body);
      if (!typed.ok) return demarchePage(request, reply, { form: 'text', state: typed });
      const outcome = await demarches.updateText(
        communeOf(request),
        request.params.demarcheId,
        typed.data,
        authorOf(request),
      );
      if (!outcome.ok)
        return answerRefusal(reply, outcome, (refusal) =>
          demarchePage(request, reply, { form: 'text', state: problems(refusal, typed.values) }),
        );
      return done(request, reply, 'modifiee');
    });

    app.post<DemarcheParams>('/parametres/demarches/:demarcheId/publication', demarcheRoute, async (request, reply) => {
      const wanted = (request.body as Record<string, unknown> | undefined)?.published;
      if (wanted !== 'oui' && wanted !== 'non')
        return demarchePage(request, reply, {
          form: 'publication',
          state: { values: {}, errors: { published: 'Choisissez de publier la démarche ou de la retirer.' } },
        });
      const outcome = await demarches.setPublished(
        communeOf(request),
        request.params.demarcheId,
        wanted === 'oui',
        authorOf(request),
      );
      if (!outcome.ok)
        return answerRefusal(reply, outcome, (refusal) =>
          demarchePage(request, reply, { form: 'publication', state: problems(refusal, {}) }),
        );
      return done(request, reply, wanted === 'oui' ? 'publiee' : 'retiree');
    });

    app.post<DemarcheParams>('/parametres/demarches/:demarcheId/questions', demarcheRoute, async (request, reply) => {
      const typed = readFieldDefinition(request.body);
      if (!typed.ok) return demarchePage(request, reply, { form: 'field', state: typed });
      const outcome = await demarches.addField(
        communeOf(request),
        request.params.demarcheId,
        typed.data,
        authorOf(request),
      );
      if (!outcome.ok)
        return answerRefusal(reply, outcome, (refusal) =>
          demarchePage(request, reply, { form: 'field', state: problems(refusal, typed.values) }),
        );
      return done(request, reply, 'ajoutee');
    });

    app.get<FieldParams>('/parametres/demarches/:demarcheId/questions/:fieldId', fieldRoute, (request, reply) =>
      fieldPage(request, reply),
    );

    app.post<FieldParams>(
      '/parametres/demarches/:demarcheId/questions/:fieldId',
      fieldRoute,
      async (request, reply) => {
        const typed = readFieldDefinition(request.body);
        if (!typed.ok) return fieldPage(request, reply, typed);
        const { demarcheId, fieldId } = request.params;
        const outcome = await demarches.updateField(
          communeOf(request),
          demarcheId,
          fieldId,
          typed.data,
          authorOf(request),
        );
        if (!outcome.ok)
          return answerRefusal(reply, outcome, (refusal) => fieldPage(request, reply, problems(refusal, typed.values)));
        return done(request, reply, 'question-modifiee');
      },
    );

    app.post<FieldParams>(
      '/parametres/demarches/:demarcheId/questions/:fieldId/retirer',
      fieldRoute,
      async (request, reply) => {
        const { demarcheId, fieldId } = request.params;
        const outcome = await demarches.removeField(communeOf(request), demarcheId, fieldId, authorOf(request));
        if (!outcome.ok)
          return answerRefusal(reply, outcome, (refusal) =>
            demarchePage(request, reply, { form: 'publication', state: problems(refusal, {}) }),
          );
        return done(request, reply, 'question-retiree');
      },
    );

    app.post<FieldParams>(
      '/parametres/demarches/:demarcheId/questions/:fieldId/monter',
      fieldRoute,
      async (request, reply) => {
        const { demarcheId, fieldId } = request.params;
        const outcome = await demarches.moveFieldUp(communeOf(request), demarcheId, fieldId, authorOf(request));
        if (!outcome.ok)
          return answerRefusal(reply, outcome, (refusal) =>
            demarchePage(request, reply, { form: 'publication', state: problems(refusal, {}) }),
          );
        return done(request, reply, 'deplacee');
      },
    );
  };
}
