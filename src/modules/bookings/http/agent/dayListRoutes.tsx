import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../../../../platform/http/refusals.js';
import type { AttendanceService } from '../../attendanceService.js';
import { queryOf } from '../../../../platform/http/query.js';
import { isCalendarDay, type LocalDay } from '../../../../shared/localDays.js';
import { parseTypedDay } from '../../../../shared/typedDay.js';
import { agentMay } from '../../../accounts/agentsPolicy.js';
import { agentOf, communeOf } from '../../../../doors/agent/agentRequest.js';
import type { DayChoice } from './views/dayParts.js';
import { DayListPage } from './views/DayListPage.js';

const badDay = 'Indiquez un jour qui existe, au format JJ/MM/AAAA, par exemple 17/11/2026.';
const outOfCalendar =
  'Indiquez un jour entre 2000 et 2100, au format JJ/MM/AAAA, par exemple 17/11/2026 : vérifiez l’année.';

/**
 * The day, service and school of a list or sheet from what was sent; today when no day is given. A
 * day outside the portal's calendar (2000–2100) is said, as a day that does not exist: nothing is
 * set up there, and the lists' arithmetic on days stops at the years 1000–9999.
 */
export function dayChoiceOf(values: Readonly<Record<string, string | undefined>>, today: LocalDay): DayChoice {
  const typedDay = (values.jour ?? '').slice(0, 30);
  const typed = typedDay === '' ? today : parseTypedDay(typedDay);
  const day = isCalendarDay(typed) ? typed : null;
  return {
    typedDay,
    day: day ?? today,
    serviceId: (values.service ?? '').slice(0, 40),
    school: (values.ecole ?? '').slice(0, 200),
    errors: day ? {} : { jour: typed ? outOfCalendar : badDay },
  };
}

/** « Listes du jour »: per day, service and school, the children expected (permission « day-lists »). */
export function dayListRoutes({ attendance }: { attendance: AttendanceService }): FastifyPluginAsync {
  return async (app) => {
    app.get('/listes', { config: { agentAccess: 'day-lists' } }, async (request, reply) => {
      const commune = communeOf(request);
      const today = attendance.today();
      const choice = dayChoiceOf(queryOf(request), today);
      const [services, schools] = await Promise.all([attendance.services(commune.id), attendance.schools(commune.id)]);
      let shown = services;
      if (choice.serviceId) {
        // Another commune's service, or no service at all, is not found.
        const service = await attendance.service(commune.id, choice.serviceId);
        if (!service) return notFound(reply);
        shown = [service];
      }
      const school = schools.includes(choice.school) ? choice.school : '';
      const lists =
        Object.keys(choice.errors).length > 0
          ? []
          : await attendance.dayLists(commune.id, choice.day, shown, school || null);
      const agent = agentOf(request);
      await attendance.recordFlagsViewed(commune, agent, request.ip, {
        serviceId: choice.serviceId ? shown[0]!.id : null,
        day: choice.day,
        lists,
      });
      const mayPoint = agentMay(agent, 'attendance', commune.id);
      const status = Object.keys(choice.errors).length > 0 ? 400 : 200;
      return reply.page(
        (context) => DayListPage({ context, choice: { ...choice, school }, services, schools, lists, today, mayPoint }),
        status,
      );
    });
  };
}
