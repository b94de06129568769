import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import type { ServiceCatalogue } from '../../serviceCatalogue.js';
import type { ServicesService } from '../../servicesService.js';
import type { Clock } from '../../../../platform/clock.js';
import { queryOf } from '../../../../platform/http/query.js';
import type { FormState } from '../../../../platform/views/components/forms.js';
import { localDayOf } from '../../../../shared/localDays.js';
import { communeOf } from '../../../../doors/agent/agentRequest.js';
import { holidaysHolding } from '../../domain/serviceSettings.js';
import type { ActivitySession } from '../../serviceCatalogue.js';
import {
  SERVICE_MULTILINE,
  SESSION_MULTILINE,
  parseSettingsForm,
  serviceSettingsForm,
  sessionForm,
} from '../../servicesForms.js';
import {
  authorOf,
  calendarSettingsRoutes,
  problemsForm,
  refusedForm,
  settingsAccess,
} from './calendarSettingsRoutes.js';
import { settingsPaths } from './settingsPaths.js';
import { ServiceSettingsPage, serviceFormValues } from './views/ServiceSettingsPage.js';
import { ServicesPage } from './views/ServicesPage.js';
import { SessionPage, bookedTermsOf, sessionFormValues } from './views/SessionPage.js';
import { SessionsPage } from './views/SessionsPage.js';

type ServiceParams = { Params: { serviceId: string } };
type SessionParams = { Params: { sessionId: string } };

/**
 * The commune's set-up in the back office, for the administrators (permission 'settings'): school
 * years and days off (calendarSettingsRoutes), the services and their rules, the holiday sessions,
 * and the standard catalogue a new commune starts from. Every form answers 400 with its errors and
 * writes nothing when it is wrong, 303 with a confirmation when it is saved; every change is audited.
 */
export function servicesSettingsRoutes({
  catalogue,
  servicesSetUp,
  clock,
}: {
  catalogue: ServiceCatalogue;
  servicesSetUp: ServicesService;
  clock: Clock;
}): FastifyPluginAsync {
  const servicesPage = async (request: FastifyRequest, reply: FastifyReply, options: { refused?: boolean } = {}) => {
    const communeId = communeOf(request).id;
    const [services, empty] = await Promise.all([
      catalogue.services(communeId, { includeInactive: true }),
      servicesSetUp.isEmpty(communeId),
    ]);
    return reply.page(
      (context) => ServicesPage({ context, services, empty, refused: options.refused, done: queryOf(request).fait }),
      options.refused ? 409 : 200,
    );
  };

  const servicePage = async (
    request: FastifyRequest<ServiceParams>,
    reply: FastifyReply,
    form?: FormState,
    status = 200,
  ) => {
    const service = await catalogue.service(communeOf(request).id, request.params.serviceId);
    if (!service) return notFound(reply);
    const done = status === 200 ? queryOf(request).fait : undefined;
    const overLimit = await servicesSetUp.daysOverLimit(communeOf(request).id, service);
    return reply.page(
      (context) =>
        ServiceSettingsPage({
          context,
          service,
          form: form ?? { values: serviceFormValues(service), errors: {} },
          done,
          overLimit,
        }),
      status,
    );
  };

  /** A session's page, or the new session's form when `session` is null. */
  const sessionPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    session: ActivitySession | null,
    form?: FormState,
    status = 200,
  ) => {
    const communeId = communeOf(request).id;
    const [services, calendar] = await Promise.all([
      catalogue.services(communeId, { includeInactive: true }),
      catalogue.calendar(communeId),
    ]);
    const holidayServices = services.filter((service) => service.kind === 'vacances');
    const today = localDayOf(clock.now());
    const holidays = calendar.periods.filter((period) => period.kind === 'vacances' && period.endsOn >= today);
    const outsideHolidays = session !== null && holidaysHolding(session, calendar.periods) === null;
    const values = session
      ? sessionFormValues(session)
      : { serviceId: holidayServices.length === 1 ? holidayServices[0]!.id : '' };
    const done = status === 200 ? queryOf(request).fait : undefined;
    const bookedTermsChanged = status === 200 ? bookedTermsOf(queryOf(request).attention) : [];
    return reply.page(
      (context) =>
        SessionPage({
          context,
          session,
          services: holidayServices,
          holidays,
          outsideHolidays,
          form: form ?? { values, errors: {} },
          done,
          bookedTermsChanged,
        }),
      status,
    );
  };

  return async (app) => {
    await app.register(calendarSettingsRoutes({ catalogue, servicesSetUp, clock }));

    app.get('/parametres/services', settingsAccess, (request, reply) => servicesPage(request, reply));

    app.post('/parametres/services/catalogue-standard', settingsAccess, async (request, reply) => {
      const outcome = await servicesSetUp.installStandardCatalogue(communeOf(request), authorOf(request));
      if (!outcome.ok) return servicesPage(request, reply, { refused: true });
      return reply.redirect(`${settingsPaths(communeOf(request)).services}?fait=catalogue`, 303);
    });

    app.get<ServiceParams>(
      '/parametres/services/:serviceId',
      { ...idParams('serviceId'), ...settingsAccess },
      (request, reply) => servicePage(request, reply),
    );

    app.post<ServiceParams>(
      '/parametres/services/:serviceId',
      { ...idParams('serviceId'), ...settingsAccess },
      async (request, reply) => {
        const commune = communeOf(request);
        const service = await catalogue.service(commune.id, request.params.serviceId);
        if (!service) return notFound(reply);
        const parsed = parseSettingsForm(serviceSettingsForm(service.units), request.body, SERVICE_MULTILINE);
        if (!parsed.ok) return servicePage(request, reply, parsed, 400);
        const outcome = await servicesSetUp.updateService(commune, service.id, parsed.data, authorOf(request));
        if (!outcome.ok)
          return answerRefusal(reply, outcome, (refusal) =>
            servicePage(request, reply, problemsForm(refusal, request.body), 400),
          );
        return reply.redirect(
          `${settingsPaths(commune).service(service.id)}?fait=${outcome.changed.length > 0 ? 'enregistre' : 'inchange'}`,
          303,
        );
      },
    );

    app.get('/parametres/sessions', settingsAccess, async (request, reply) => {
      const communeId = communeOf(request).id;
      const [services, sessions, calendar] = await Promise.all([
        catalogue.services(communeId, { includeInactive: true }),
        catalogue.sessions(communeId),
        catalogue.calendar(communeId),
      ]);
      const names = new Map(services.map((service) => [service.id, service.name]));
      const rows = sessions.map((session) => ({
        session,
        serviceName: names.get(session.serviceId) ?? '',
        outsideHolidays: holidaysHolding(session, calendar.periods) === null,
      }));
      const holidayServices = services.filter((service) => service.kind === 'vacances');
      return reply.page((context) => SessionsPage({ context, rows, services: holidayServices }));
    });

    app.get('/parametres/sessions/nouvelle', settingsAccess, (request, reply) => sessionPage(request, reply, null));

    app.post('/parametres/sessions', settingsAccess, async (request, reply) => {
      const parsed = parseSettingsForm(sessionForm, request.body, SESSION_MULTILINE);
      if (!parsed.ok) return sessionPage(request, reply, null, parsed, 400);
      const outcome = await servicesSetUp.createSession(communeOf(request), parsed.data, authorOf(request));
      const refused = refusedForm(outcome, request.body);
      if (refused || !outcome.ok) return sessionPage(request, reply, null, refused!, 400);
      return reply.redirect(`${settingsPaths(communeOf(request)).session(outcome.id)}?fait=creee`, 303);
    });

    app.get<SessionParams>(
      '/parametres/sessions/:sessionId',
      { ...idParams('sessionId'), ...settingsAccess },
      async (request, reply) => {
        const session = await catalogue.session(communeOf(request).id, request.params.sessionId);
        if (!session) return notFound(reply);
        return sessionPage(request, reply, session);
      },
    );

    app.post<SessionParams>(
      '/parametres/sessions/:sessionId',
      { ...idParams('sessionId'), ...settingsAccess },
      async (request, reply) => {
        const commune = communeOf(request);
        const session = await catalogue.session(commune.id, request.params.sessionId);
        if (!session) return notFound(reply);
        const parsed = parseSettingsForm(sessionForm, request.body, SESSION_MULTILINE);
        if (!parsed.ok) return sessionPage(request, reply, session, parsed, 400);
        const outcome = await servicesSetUp.updateSession(commune, session.id, parsed.data, authorOf(request));
        // The page shows the places booked now, which may have moved since the form was drawn.
        if (!outcome.ok)
          return answerRefusal(reply, outcome, async (refusal) =>
            sessionPage(
              request,
              reply,
              (await catalogue.session(commune.id, session.id)) ?? session,
              problemsForm(refusal, request.body),
              400,
            ),
          );
        const attention =
          outcome.bookedTermsChanged.length > 0 ? `&attention=${outcome.bookedTermsChanged.join(',')}` : '';
        return reply.redirect(
          `${settingsPaths(commune).session(session.id)}?fait=${outcome.changed.length > 0 ? 'modifiee' : 'inchangee'}${attention}`,
          303,
        );
      },
    );
  };
}
