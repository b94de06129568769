import type { FastifyPluginAsync } from 'fastify';
import { notFound } from '../../../platform/http/refusals.js';
import type { AgendaService } from '../agendaService.js';
import { perAddress } from '../../../platform/http/rateLimit.js';
import { communeOf } from '../../../platform/http/tenant.js';

/**
 * The agenda's subscription link, fetched by calendar applications without a session: the secret in
 * the path is the only key. A revoked or unknown token is a 404 at once. The answer holds the first
 * name, the services and the days, nothing else, and no cache may keep it.
 */
export function calendarFeedRoute({ agenda }: { agenda: AgendaService }): FastifyPluginAsync {
  return async (app) => {
    // Calendar applications poll every few hours; guessing tokens from one address is cut short.
    app.get<{ Params: { token: string } }>(
      '/agenda/:token.ics',
      { config: { rateLimit: perAddress(120, 15) } },
      async (request, reply) => {
        const text = await agenda.feed(communeOf(request), request.params.token);
        if (text === null) return notFound(reply);
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, no-store')
          .header('content-disposition', 'attachment; filename="agenda.ics"')
          .header('x-robots-tag', 'noindex')
          .send(text);
      },
    );
  };
}
