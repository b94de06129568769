import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { answerRefusal, notFound } from '../../../../platform/http/refusals.js';
import { idParams } from '../../../../platform/http/routeParams.js';
import type { ServiceCatalogue } from '../../serviceCatalogue.js';
import type { ServicesService } from '../../servicesService.js';
import type { Clock } from '../../../../platform/clock.js';
import { queryOf } from '../../../../platform/http/query.js';
import { type FormState, emptyForm } from '../../../../platform/views/components/forms.js';
import { localDayOf, type LocalDay } from '../../../../shared/localDays.js';
import { agentActor } from '../../../accounts/agentsPolicy.js';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import { publicHolidaysBetween } from '../../domain/serviceSettings.js';
import type { CalendarPeriod, CommuneCalendar, SchoolYear } from '../../serviceCatalogue.js';
import { parseSettingsForm, periodForm, schoolYearForm, typedValues } from '../../servicesForms.js';
import type { SetUpAuthor, SetUpOutcome } from '../../servicesService.js';
import { settingsPaths } from './settingsPaths.js';
import { CalendarPage, PeriodPage } from './views/CalendarPage.js';
import { SchoolYearPage, SchoolYearsPage, schoolYearValues } from './views/SchoolYearsPage.js';
import { dayInput } from './views/settingsParts.js';

export const settingsAccess = { config: { agentAccess: 'settings' as const } };
type YearParams = { Params: { yearId: string } };
type PeriodParams = { Params: { periodId: string } };

/** Who changes the set-up, as the audit log records them. */
export function authorOf(request: FastifyRequest): SetUpAuthor {
  return { actor: agentActor(agentOf(request)), ip: request.ip };
}

/** The form again with the service's problems beside the fields, or null when the outcome is not a refusal of the values. */
export function refusedForm(
  outcome: SetUpOutcome | { ok: false; reason: 'invalid'; problems: Record<string, string> },
  body: unknown,
): FormState | null {
  return !outcome.ok && outcome.reason === 'invalid' ? problemsForm(outcome, body) : null;
}

/** The form again with the service's problems beside the fields (the service names the field, the words are its form's). */
export function problemsForm(refusal: { problems: Record<string, string> }, body: unknown): FormState {
  return { values: typedValues(body), errors: refusal.problems };
}

const meets = (period: Pick<CalendarPeriod, 'startsOn' | 'endsOn'>, year: SchoolYear) =>
  period.startsOn <= year.endsOn && year.startsOn <= period.endsOn;

/** The year the page shows: the one asked for, else the one under way, else the next, else the last. */
function shownYear(years: SchoolYear[], wanted: string | undefined, today: LocalDay): SchoolYear | null {
  return (
    years.find((year) => year.id === wanted) ??
    years.find((year) => year.startsOn <= today && today <= year.endsOn) ??
    years.find((year) => year.startsOn > today) ??
    years.at(-1) ??
    null
  );
}

/** The year whose calendar shows a day off, to go back to it after a change. */
function yearOfPeriod(calendar: CommuneCalendar, period: Pick<CalendarPeriod, 'startsOn' | 'endsOn'>): string | null {
  return calendar.years.find((year) => meets(period, year))?.id ?? null;
}

/** « Années scolaires » and « Calendrier »: the years, their rentrée windows and their days off. */
export function calendarSettingsRoutes({
  catalogue,
  servicesSetUp,
  clock,
}: {
  catalogue: ServiceCatalogue;
  servicesSetUp: ServicesService;
  clock: Clock;
}): FastifyPluginAsync {
  const yearsPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm, status = 200) => {
    const { years } = await catalogue.calendar(communeOf(request).id);
    return reply.page(
      (context) => SchoolYearsPage({ context, years, form, done: status === 200 ? queryOf(request).fait : undefined }),
      status,
    );
  };

  const yearPage = async (request: FastifyRequest<YearParams>, reply: FastifyReply, form?: FormState, status = 200) => {
    const { years } = await catalogue.calendar(communeOf(request).id);
    const year = years.find((candidate) => candidate.id === request.params.yearId);
    if (!year) return notFound(reply);
    return reply.page(
      (context) => SchoolYearPage({ context, year, form: form ?? { values: schoolYearValues(year), errors: {} } }),
      status,
    );
  };

  const calendarPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormState = { values: { kind: 'vacances' }, errors: {} },
    status = 200,
  ) => {
    const calendar = await catalogue.calendar(communeOf(request).id);
    const query = queryOf(request);
    const year = shownYear(calendar.years, query.annee, localDayOf(clock.now()));
    const periods = year ? calendar.periods.filter((period) => meets(period, year)) : [];
    const elsewhere = calendar.periods.filter((period) => !calendar.years.some((other) => meets(period, other)));
    const holidays = year ? publicHolidaysBetween(year.startsOn, year.endsOn) : [];
    return reply.page(
      (context) =>
        CalendarPage({
          context,
          years: calendar.years,
          year,
          periods,
          elsewhere,
          holidays,
          form,
          done: status === 200 ? query.fait : undefined,
        }),
      status,
    );
  };

  const periodPage = async (
    request: FastifyRequest<PeriodParams>,
    reply: FastifyReply,
    form?: FormState,
    status = 200,
  ) => {
    const { periods } = await catalogue.calendar(communeOf(request).id);
    const period = periods.find((candidate) => candidate.id === request.params.periodId);
    if (!period) return notFound(reply);
    const values = {
      kind: period.kind,
      label: period.label,
      startsOn: dayInput(period.startsOn),
      endsOn: dayInput(period.endsOn),
    };
    return reply.page((context) => PeriodPage({ context, period, form: form ?? { values, errors: {} } }), status);
  };

  /** After a change of the days off: back to the calendar of the year it belongs to. */
  const backToCalendar = async (
    request: FastifyRequest,
    reply: FastifyReply,
    period: Pick<CalendarPeriod, 'startsOn' | 'endsOn'>,
    done: string,
  ) => {
    const calendar = await catalogue.calendar(communeOf(request).id);
    return reply.redirect(settingsPaths(communeOf(request)).calendarOf(yearOfPeriod(calendar, period), done), 303);
  };

  return async (app) => {
    app.get('/parametres/annees-scolaires', settingsAccess, (request, reply) => yearsPage(request, reply));

    app.post('/parametres/annees-scolaires', settingsAccess, async (request, reply) => {
      const parsed = parseSettingsForm(schoolYearForm, request.body);
      if (!parsed.ok) return yearsPage(request, reply, parsed, 400);
      const outcome = await servicesSetUp.createSchoolYear(communeOf(request), parsed.data, authorOf(request));
      const refused = refusedForm(outcome, request.body);
      if (refused) return yearsPage(request, reply, refused, 400);
      return reply.redirect(`${settingsPaths(communeOf(request)).schoolYears}?fait=creee`, 303);
    });

    app.get<YearParams>(
      '/parametres/annees-scolaires/:yearId',
      { ...idParams('yearId'), ...settingsAccess },
      (request, reply) => yearPage(request, reply),
    );

    app.post<YearParams>(
      '/parametres/annees-scolaires/:yearId',
      { ...idParams('yearId'), ...settingsAccess },
      async (request, reply) => {
        const parsed = parseSettingsForm(schoolYearForm, request.body);
        if (!parsed.ok) return yearPage(request, reply, parsed, 400);
        const outcome = await servicesSetUp.updateSchoolYear(
          communeOf(request),
          request.params.yearId,
          parsed.data,
          authorOf(request),
        );
        if (!outcome.ok)
          return answerRefusal(reply, outcome, (refusal) =>
            yearPage(request, reply, problemsForm(refusal, request.body), 400),
          );
        return reply.redirect(
          `${settingsPaths(communeOf(request)).schoolYears}?fait=${outcome.changed.length > 0 ? 'modifiee' : 'inchangee'}`,
          303,
        );
      },
    );

    app.get('/parametres/calendrier', settingsAccess, (request, reply) => calendarPage(request, reply));

    app.post('/parametres/calendrier', settingsAccess, async (request, reply) => {
      const parsed = parseSettingsForm(periodForm, request.body);
      if (!parsed.ok) return calendarPage(request, reply, parsed, 400);
      const outcome = await servicesSetUp.addPeriod(communeOf(request), parsed.data, authorOf(request));
      const refused = refusedForm(outcome, request.body);
      if (refused) return calendarPage(request, reply, refused, 400);
      return backToCalendar(request, reply, parsed.data, 'ajoutee');
    });

    app.get<PeriodParams>(
      '/parametres/calendrier/periodes/:periodId',
      { ...idParams('periodId'), ...settingsAccess },
      (request, reply) => periodPage(request, reply),
    );

    app.post<PeriodParams>(
      '/parametres/calendrier/periodes/:periodId',
      { ...idParams('periodId'), ...settingsAccess },
      async (request, reply) => {
        const parsed = parseSettingsForm(periodForm, request.body);
        if (!parsed.ok) return periodPage(request, reply, parsed, 400);
        const outcome = await servicesSetUp.updatePeriod(
          communeOf(request),
          request.params.periodId,
          parsed.data,
          authorOf(request),
        );
        if (!outcome.ok)
          return answerRefusal(reply, outcome, (refusal) =>
            periodPage(request, reply, problemsForm(refusal, request.body), 400),
          );
        return backToCalendar(request, reply, parsed.data, outcome.changed.length > 0 ? 'modifiee' : 'inchangee');
      },
    );

    app.post<PeriodParams>(
      '/parametres/calendrier/periodes/:periodId/supprimer',
      { ...idParams('periodId'), ...settingsAccess },
      async (request, reply) => {
        const commune = communeOf(request);
        const period = (await catalogue.calendar(commune.id)).periods.find(
          (candidate) => candidate.id === request.params.periodId,
        );
        if (!period) return notFound(reply);
        const outcome = await servicesSetUp.removePeriod(commune, period.id, authorOf(request));
        if (!outcome.ok) return notFound(reply);
        return backToCalendar(request, reply, period, 'supprimee');
      },
    );
  };
}
