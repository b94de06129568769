import { randomUUID } from 'node:crypto';
import { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';

/**
 * One JSON line per request, with its request id. The route's pattern is logged, not the URL, so
 * that no query string (tokens, search terms) nor anything typed by a user reaches the logs.
 */
export function loggerOptions(level: string): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'logController'> {
  return {
    logger: level === 'silent' ? false : { level, base: { service: 'parvis' } },
    genReqId: () => randomUUID(),
    // Fastify's own two lines per request are replaced by the single line below.
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
  };
}

export function registerRequestLog(app: FastifyInstance, level: string): void {
  if (level === 'silent') return;
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'not-found',
        commune: request.commune?.slug,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
    done();
  });
}
