import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { AssetUrls } from '../assets/assets.js';
import type { Clock } from '../clock.js';
import { renderPage } from '../views/render.js';
import { setSecurityHeaders } from './securityHeaders.js';
import { DomainError, NotFoundError, ServiceUnavailableError } from '../../shared/errors.js';
import { isDatabaseUnavailable } from '../db/database.js';
import { TooManyRequestsError } from './rateLimit.js';
import { CsrfError } from './sessions.js';
import { ErrorPage, type ErrorKind } from '../views/ErrorPage.js';
import { type CommuneResolver, firstSegment } from './tenant.js';

/**
 * Every failure ends as a French page: 404 for an unknown commune or page, 503 when the database
 * is away, 500 with the request id otherwise. No stack trace or technical detail leaves the server;
 * the log line carries them, with the same request id.
 */
export function registerErrorPages(app: FastifyInstance, communes: CommuneResolver): void {
  app.setNotFoundHandler(async (request, reply) => {
    // Keep the commune's branding on its own 404s; the page must still render if the lookup fails.
    // The tenant hook may have looked already (an unknown commune): one query per request at most.
    if (!request.commune && !request.communeLookedUp) {
      request.commune = (await communes.resolve(firstSegment(request.url)).catch(() => null)) ?? undefined;
    }
    return reply.page((context) => ErrorPage({ context, kind: 'not-found' }), 404);
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    let kind: ErrorKind;
    let status: number;
    if (error instanceof NotFoundError) {
      return reply.callNotFound();
    } else if (error instanceof ServiceUnavailableError || isDatabaseUnavailable(error)) {
      [kind, status] = ['unavailable', 503];
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', '30');
    } else if (error instanceof TooManyRequestsError) {
      [kind, status] = [error.what === 'writes' ? 'too-many-writes' : 'too-many', 429];
      request.log.info({ what: error.what }, 'limit reached');
      reply.header('retry-after', String(error.retryAfterSeconds));
      const minutes = Math.ceil(error.retryAfterSeconds / 60);
      return reply.page((context) => ErrorPage({ context, kind, waitMinutes: minutes }), status);
    } else if (error instanceof CsrfError) {
      [kind, status] = ['expired-form', 403];
    } else if (error instanceof DomainError && error.status < 500) {
      [kind, status] = ['bad-request', error.status];
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      [kind, status] = ['bad-request', error.statusCode];
      request.log.info({ code: error.code, status }, 'request refused');
    } else {
      [kind, status] = ['unexpected', 500];
      request.log.error({ err: error }, 'unexpected error');
    }
    return reply.page((context) => ErrorPage({ context, kind, requestId: request.id }), status);
  });
}

/**
 * Fastify's `frameworkErrors`: a path it cannot decode (a stray `%`: 400) or a segment longer than
 * the router takes (414) is refused before any hook or handler runs, with a reply that has none of
 * our decorators. It gets the same French page, headers, request id and log line as any error, and
 * never the URL back.
 */
export function frameworkErrorPage(deps: {
  assets: AssetUrls;
  clock: Clock;
}): NonNullable<FastifyServerOptions['frameworkErrors']> {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : error.code === 'FST_ERR_BAD_URL' ? 400 : 500;
    const kind: ErrorKind = status === 500 ? 'unexpected' : 'bad-request';
    const nonce = setSecurityHeaders(request, reply);
    const html = renderPage(
      ErrorPage({
        context: { nonce, assets: deps.assets, now: deps.clock.now(), csrfToken: () => '' },
        kind,
        requestId: request.id,
      }),
    );
    // Same fields as the request log line (requestLog.ts), the route standing for the refused URL.
    reply.raw.once('finish', () => {
      request.log.info(
        {
          method: request.method,
          route: 'refused-url',
          code: error.code,
          status,
          ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request',
      );
    });
    void reply.code(status).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  };
}
