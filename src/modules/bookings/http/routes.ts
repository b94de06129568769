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
export function publicRoutes({ agenda }: Container): FastifyPluginAsync {
  return calendarFeedRoute({ agenda });
}

/** Behind the citizen door: « Activités vacances », the agenda, « Signaler une absence », the reservations. */
export function citizenRoutes(container: Container): FastifyPluginAsync {
  const { sessionBookings, agenda, absences, bookings, familyFile, site, clock, familyPrices } = container;
  return async (app) => {
    await app.register(holidayActivitiesRoutes({ sessionBookings, familyFile, familyPrices }));
    await app.register(agendaRoutes({ agenda, site, familyFile }));
    await app.register(absenceRoutes({ absences, familyFile, documents: container.documents }));
    await app.register(reservationRoutes({ bookings, clock, familyFile, familyPrices }));
  };
}

/** Behind the agent door: the holiday sessions, the day lists, the pointage. */
export function agentRoutes(container: Container): FastifyPluginAsync {
  const { sessionBookings, attendance } = container;
  return async (app) => {
    await app.register(sessionDeskRoutes({ sessionBookings }));
    await app.register(dayListRoutes({ attendance }));
    await app.register(attendanceRoutes({ attendance }));
  };
}
