import type { FastifyPluginAsync } from 'fastify';
import type { Container } from '../../../container.js';
import { calendarFeedRoute } from './calendarFeedRoute.js';
import { absenceRoutes } from './citizen/absenceRoutes.js';
import { agendaRoutes } from './citizen/agendaRoutes.js';
import { holidayActivitiesRoutes } from './citizen/holidayActivitiesRoutes.js';
import { reservationRoutes } from './citizen/reservationRoutes.js';
import { attendanceRoutes } from './agent/attendanceRoutes.js';
import { dayListRoutes } from './agent/dayListRoutes.js';
import { sessionDeskRoutes } from './agent/sessionDeskRoutes.js';

/** Outside the doors: the agenda's subscription link, where the secret token in the path is the key. */
export function publicRoutes(container: Container): FastifyPluginAsync {
  return calendarFeedRoute(container);
}

/** Behind the citizen door: « Activités vacances », the agenda, « Signaler une absence », the reservations. */
export function citizenRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    await app.register(holidayActivitiesRoutes(container));
    await app.register(agendaRoutes(container));
    await app.register(absenceRoutes(container));
    await app.register(reservationRoutes(container));
  };
}

/** Behind the agent door: the holiday sessions, the day lists, the pointage. */
export function agentRoutes(container: Container): FastifyPluginAsync {
  return async (app) => {
    await app.register(sessionDeskRoutes(container));
    await app.register(dayListRoutes(container));
    await app.register(attendanceRoutes(container));
  };
}
