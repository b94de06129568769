import type { FastifyError, FastifyInstance } from 'fastify';
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
      [kind, status] = ['too-many', 429];
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
