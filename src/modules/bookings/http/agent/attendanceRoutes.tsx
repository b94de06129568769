import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../../../platform/http/refusals.js';
import type { AttendanceService } from '../../attendanceService.js';
import { type FieldErrors, type FormValues, formValues } from '../../../../platform/http/forms.js';
import { noticeNamed, queryOf } from '../../../../platform/http/query.js';
import { isUuid } from '../../../../shared/ids.js';
import type { LocalDay } from '../../../../shared/localDays.js';
import { agentPaths } from '../../../../doors/agent/agentPaths.js';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import type { Commune } from '../../../communes/domain/commune.js';
import type { CatalogueService } from '../../../services/domain/catalogueService.js';
import type { PointageOutcome } from '../../attendanceService.js';
import { dayChoiceOf } from './dayListRoutes.js';
import { AddChildPage } from './views/AddChildPage.js';
import { AttendancePage, type PageNotice, presenceField } from './views/AttendancePage.js';
import type { DayChoice } from './views/dayParts.js';

const attendanceAccess = { config: { agentAccess: 'attendance' as const } };

/** What the sheet says after a post / redirect / get, by the `fait` of its address. */
const done: Record<string, string> = {
  enregistre: 'Pointage enregistré.',
  ajoute: 'L’enfant est ajouté et marqué présent. La journée est facturée à la famille avec la majoration du service.',
  retabli:
    'La réservation de ce jour, annulée hors délai, est rétablie et l’enfant est marqué présent : la journée était déjà facturée, elle l’est une seule fois, sans nouvelle majoration.',
  deja: 'L’enfant avait déjà une réservation ce jour-là : il est marqué présent.',
};

const doneOf = { booked: 'ajoute', restored: 'retabli', already: 'deja' } as const;

type Refused = Extract<PointageOutcome, { ok: false }>;

/** Why the pointage refused, in the words the staff read; the guichet unique is where an inscription is asked for. */
function refusalText(refused: Refused, service: CatalogueService, commune: Commune): string {
  switch (refused.reason) {
    case 'futur':
      return 'Le pointage se fait le jour même : ce jour n’est pas encore arrivé.';
    case 'passe':
      return 'Le pointage se fait le jour même : ce jour est passé, son pointage ne peut plus être modifié ni complété.';
    case 'ferme':
      return `Le service est fermé ce jour-là${refused.label ? ` (${refused.label})` : ''} : aucun enfant ne peut y être ajouté.`;
    case 'session':
      return 'Une activité vacances se réserve par session, au guichet unique : l’enfant ne peut pas être ajouté au pointage.';
    case 'non-inscrit': {
      const year = refused.label ? `pour l’année scolaire ${refused.label}` : 'pour ce jour';
      const desk = commune.desk.phone ? `guichet unique (${commune.desk.phone})` : 'guichet unique';
      return `${refused.firstName ?? 'L’enfant'} n’a pas d’inscription à « ${service.name} » ${year} : l’enfant ne peut pas être ajouté au pointage. La famille demande l’inscription en ligne ou au ${desk}.`;
    }
    default:
      return 'L’enfant ne peut pas être ajouté au pointage.';
  }
}

const noMark = 'Indiquez « Présent » ou « Absent » pour au moins un enfant, puis enregistrez.';
const shortName = 'Saisissez au moins 2 lettres du nom ou du prénom de l’enfant.';

/** The pointage (permission « attendance »): present or absent for each expected child, and a child who came without booking. */
export function attendanceRoutes({ attendance }: { attendance: AttendanceService }): FastifyPluginAsync {
  /** The service named, or, when none is, the first open that day; null for another commune's or a made-up one. */
  const serviceOf = async (request: FastifyRequest, choice: DayChoice, services: CatalogueService[]) => {
    if (!choice.serviceId)
      return { service: await attendance.defaultService(communeOf(request).id, services, choice.day) };
    const service = await attendance.service(communeOf(request).id, choice.serviceId);
    return service ? { service } : null;
  };

  /** The sheet of a day and service, with what just happened or what went wrong. */
  const sheetPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    choice: DayChoice,
    options: { status?: number; notice?: PageNotice | null; values?: FormValues; errors?: FieldErrors } = {},
  ) => {
    const commune = communeOf(request);
    const services = await attendance.services(commune.id);
    const found = await serviceOf(request, choice, services);
    if (!found) return notFound(reply);
    const { service } = found;
    const valid = Object.keys(choice.errors).length === 0;
    const sheet = service && valid ? await attendance.serviceDay(commune.id, service, choice.day) : null;
    if (sheet)
      await attendance.recordFlagsViewed(commune, agentOf(request), request.ip, {
        serviceId: sheet.service.id,
        day: sheet.day,
        lists: [sheet],
      });
    const shown = { ...choice, serviceId: service?.id ?? '' };
    const status = options.status ?? (valid ? 200 : 400);
    return reply.page(
      (context) => AttendancePage({ context, choice: shown, services, sheet, today: attendance.today(), ...options }),
      status,
    );
  };

  const sheetAddress = (request: FastifyRequest, day: LocalDay, serviceId: string, what: keyof typeof done) =>
    `${agentPaths(communeOf(request)).attendance}?${new URLSearchParams({ jour: day, service: serviceId, fait: what })}`;

  return async (app) => {
    app.get('/pointage', attendanceAccess, (request, reply) => {
      const query = queryOf(request);
      const text = noticeNamed(done, query.fait);
      return sheetPage(request, reply, dayChoiceOf(query, attendance.today()), {
        notice: text ? { kind: 'success', text } : null,
      });
    });

    app.post('/pointage', attendanceAccess, async (request, reply) => {
      const values = formValues(request.body);
      const choice = dayChoiceOf(values, attendance.today());
      const commune = communeOf(request);
      const service = isUuid(choice.serviceId) ? await attendance.service(commune.id, choice.serviceId) : null;
      if (!service) return notFound(reply);
      if (Object.keys(choice.errors).length > 0) return sheetPage(request, reply, choice, { values });
      const marks = new Map<string, boolean>();
      for (const [name, value] of Object.entries(values)) {
        const memberId = name.startsWith('presence-') ? name.slice('presence-'.length) : '';
        if (isUuid(memberId) && (value === 'present' || value === 'absent')) marks.set(memberId, value === 'present');
      }
      const outcome = await attendance.save(commune, agentOf(request), choice.day, service, marks, request.ip);
      if (outcome.ok) return reply.redirect(sheetAddress(request, choice.day, service.id, 'enregistre'), 303);
      if (outcome.reason !== 'vide')
        return sheetPage(request, reply, choice, {
          status: 409,
          notice: { kind: 'error', text: refusalText(outcome, service, commune) },
        });
      const sheet = await attendance.serviceDay(commune.id, service, choice.day);
      const first = sheet.children[0];
      return sheetPage(request, reply, choice, {
        status: 400,
        values,
        errors: { [first ? presenceField(first.memberId) : 'form']: noMark },
      });
    });

    app.get('/pointage/ajouter', attendanceAccess, async (request, reply) => {
      const query = queryOf(request);
      const choice = dayChoiceOf(query, attendance.today());
      const commune = communeOf(request);
      const service = isUuid(choice.serviceId) ? await attendance.service(commune.id, choice.serviceId) : null;
      if (!service) return notFound(reply);
      if (Object.keys(choice.errors).length > 0) return sheetPage(request, reply, choice);
      const name = (query.nom ?? '').trim().slice(0, 100);
      const refused = await attendance.addRefusal(commune.id, service, choice.day);
      const notice = refused ? { kind: 'error' as const, text: refusalText(refused, service, commune) } : null;
      if (name.length === 1)
        return reply.page(
          (context) =>
            AddChildPage({
              context,
              service,
              day: choice.day,
              name,
              results: null,
              notice,
              errors: { nom: shortName },
            }),
          400,
        );
      const results = name && !refused ? await attendance.searchChildren(commune.id, service, choice.day, name) : null;
      return reply.page((context) => AddChildPage({ context, service, day: choice.day, name, results, notice }));
    });

    app.post('/pointage/ajouter', attendanceAccess, async (request, reply) => {
      const values = formValues(request.body);
      const choice = dayChoiceOf(values, attendance.today());
      const commune = communeOf(request);
      const memberId = values.memberId ?? '';
      const service = isUuid(choice.serviceId) ? await attendance.service(commune.id, choice.serviceId) : null;
      if (!service || !isUuid(memberId)) return notFound(reply);
      if (Object.keys(choice.errors).length > 0) return sheetPage(request, reply, choice);
      const outcome = await attendance.addUnbooked(
        commune,
        agentOf(request),
        choice.day,
        service,
        memberId,
        request.ip,
      );
      if (outcome.ok)
        return reply.redirect(sheetAddress(request, choice.day, service.id, doneOf[outcome.added ?? 'booked']), 303);
      if (outcome.reason === 'not-found' || outcome.reason === 'vide') return notFound(reply);
      const text = refusalText(outcome, service, commune);
      return reply.page(
        (context) =>
          AddChildPage({ context, service, day: choice.day, name: '', results: null, notice: { kind: 'error', text } }),
        409,
      );
    });
  };
}
