import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ServiceCatalogue } from '../../../services/serviceCatalogue.js';
import type { DocumentTypesService } from '../../documentTypesService.js';
import { agentPaths } from '../../../../doors/agent/agentPaths.js';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { formValues, parseForm } from '../../../../platform/http/forms.js';
import { queryOf } from '../../../../platform/http/query.js';
import { notFound } from '../../../../platform/http/refusals.js';
import { type IdParams, idParams } from '../../../../platform/http/routeParams.js';
import type { FormState } from '../../../../platform/views/components/forms.js';
import { agentActor } from '../../../accounts/agentsPolicy.js';
import type { DocumentType } from '../../documentsRepository.js';
import { serviceField, typeSettingsForm } from './typeForms.js';
import { DocumentTypePage } from './views/DocumentTypePage.js';
import { DocumentTypesPage } from './views/DocumentTypesPage.js';

const access = { config: { agentAccess: 'settings' as const } };

function formOf(type: DocumentType): FormState {
  return {
    values: {
      name: type.name,
      description: type.description,
      validityKind: type.validityKind,
      validityMonths: type.validityMonths === null ? '' : String(type.validityMonths),
      keepExpiredDays: String(type.keepExpiredDays),
      ...Object.fromEntries(type.serviceIds.map((id) => [serviceField(id), 'oui'])),
    },
    errors: {},
  };
}

/** The administrator's catalogue of document types (« Paramètres »). */
export function documentTypesRoutes({
  documentTypes,
  catalogue,
}: {
  documentTypes: DocumentTypesService;
  catalogue: ServiceCatalogue;
}): FastifyPluginAsync {
  const servicesOf = async (request: FastifyRequest) =>
    (await catalogue.services(communeOf(request).id, { includeInactive: true })).map(({ id, name }) => ({ id, name }));

  const typePage = async (request: FastifyRequest, reply: FastifyReply, typeId: string, form?: FormState) => {
    const type = await documentTypes.type(communeOf(request), typeId);
    if (!type) return notFound(reply);
    const services = await servicesOf(request);
    return reply.page(
      (context) => DocumentTypePage({ context, type, services, form: form ?? formOf(type) }),
      form ? 400 : 200,
    );
  };

  return async (app) => {
    app.get('/parametres/pieces', access, async (request, reply) => {
      const types = await documentTypes.types(communeOf(request));
      const serviceNames = new Map((await servicesOf(request)).map((service) => [service.id, service.name]));
      return reply.page((context) => DocumentTypesPage({ context, types, serviceNames, done: queryOf(request).fait }));
    });

    app.post('/parametres/pieces/catalogue-standard', access, async (request, reply) => {
      const commune = communeOf(request);
      await documentTypes.addStandardCatalogue(commune, agentActor(agentOf(request)));
      return reply.redirect(`${agentPaths(commune).documentTypes}?fait=catalogue`, 303);
    });

    app.get<{ Params: IdParams<'typeId'> }>(
      '/parametres/pieces/:typeId',
      { ...idParams('typeId'), ...access },
      (request, reply) => typePage(request, reply, request.params.typeId),
    );

    app.post<{ Params: IdParams<'typeId'> }>(
      '/parametres/pieces/:typeId',
      { ...idParams('typeId'), ...access },
      async (request, reply) => {
        const commune = communeOf(request);
        const parsed = parseForm(typeSettingsForm, request.body);
        if (!parsed.ok) return typePage(request, reply, request.params.typeId, parsed);
        const ticked = Object.entries(formValues(request.body))
          .filter(([name, value]) => name.startsWith(serviceField('')) && value === 'oui')
          .map(([name]) => name.slice(serviceField('').length));
        const changed = await documentTypes.update(commune, agentActor(agentOf(request)), request.params.typeId, {
          ...parsed.data,
          serviceIds: [...new Set(ticked)],
        });
        if (!changed) return notFound(reply);
        return reply.redirect(`${agentPaths(commune).documentTypes}?fait=enregistre`, 303);
      },
    );
  };
}
