import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Demo mode keeps every mail in the database, readable in the demo mail box. A public demo must not
 * show one visitor the links another's actions sent (a reset link opens the account): each browser
 * gets a random cookie, the mails its requests queue are marked with a hash of it, and the demo
 * mail box shows a browser only its own. The mark follows a request into the jobs it queues (a
 * reset link is mailed by a job), through `demoBrowserNow` and `withDemoBrowser`.
 */
const current = new AsyncLocalStorage<string>();

const COOKIE = 'parvis-demo';

/** The mark of the browser behind the work in progress (a request, or a job one queued), if any. */
export function demoBrowserNow(): string | undefined {
  return current.getStore();
}

/** Runs a job's work as the browser that queued it, or as none. */
export function withDemoBrowser<T>(mark: string | undefined, work: () => Promise<T>): Promise<T> {
  return mark ? current.run(mark, work) : current.exit(work);
}

/** The mark of this request's browser (a hash of its cookie: the table never holds the cookie), or null without one. */
export function demoBrowserOf(request: FastifyRequest): string | null {
  const cookie = request.cookies[cookieName(request)];
  return cookie && /^[A-Za-z0-9_-]{22,64}$/.test(cookie) ? markOf(cookie) : null;
}

/** In demo mode only: gives each browser its cookie, and runs each request as its browser. */
export function registerDemoBrowser(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    let mark = demoBrowserOf(request);
    // Static files are cached by everyone: no cookie there, and no mail is sent from them.
    if (!mark && (request.url.startsWith('/assets/') || request.url === '/healthz')) return done();
    if (!mark) {
      const cookie = randomBytes(18).toString('base64url');
      reply.setCookie(cookieName(request), cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
      });
      mark = markOf(cookie);
    }
    // `run` around the rest of the request: every hook, handler and promise after it sees the mark.
    current.run(mark, done);
  });
}

function cookieName(request: FastifyRequest): string {
  return request.protocol === 'https' ? `__Host-${COOKIE}` : COOKIE;
}

function markOf(cookie: string): string {
  return createHash('sha256').update(cookie).digest('base64url');
}
