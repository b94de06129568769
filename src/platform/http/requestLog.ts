import { randomUUID } from 'node:crypto';
import { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';

/**
 * One JSON line per request, with its request id. The route's pattern is logged, not the URL, so
 * that no query string (tokens, search terms) nor anything typed by a user reaches the logs.
 */
export function loggerOptions(level: string): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'logController'> {
  return {
    logger: level === 'silent' ? false : { level, base: { service: 'parvis' }, serializers: { err: errorForLog } },
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

/**
 * An error as the log keeps it: its kind, code and message, without the parameters a failed query
 * carries (Drizzle puts every value of the query in its message: names, e-mails, password hashes).
 */
export function errorForLog(error: Error): { type: string; message: string; stack: string; [key: string]: unknown } {
  const cause = error.cause instanceof Error ? error.cause : undefined;
  return {
    type: error.name,
    code: (error as { code?: unknown }).code ?? (cause as { code?: unknown } | undefined)?.code,
    message: withoutParameters(error.message),
    cause: cause ? withoutParameters(cause.message) : undefined,
    // The frames only: the stack's first lines repeat the message, parameters included.
    stack: (error.stack ?? '')
      .split('\n')
      .filter((line) => line.startsWith('    at '))
      .slice(0, 8)
      .join('\n'),
  };
}

function withoutParameters(message: string): string {
  return message.split(/\nparams:/)[0]!;
}
