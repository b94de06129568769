import { timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../shared/errors.js';
import type { OpenedSession, Realm, Session, SessionStore } from '../sessions/sessionStore.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The live session of this door (citizen or agent) for this commune, if any. */
    session: Session | null;
    /** A session cookie came, but its session has ended (timeout, logout elsewhere): the login page says so. */
    sessionLost: boolean;
  }
  interface FastifyReply {
    /** Opens a session with a new id (ending the one the browser had) and sets its cookie. */
    startSession(input: { subjectId: string; stage?: string }): Promise<Session>;
    /** Gives the browser a session already written (a login writes it with its other changes), ending the one it had. */
    adoptSession(opened: OpenedSession): Promise<Session>;
    /** Ends the session on the server and clears its cookie. */
    endSession(): Promise<void>;
    /** The token forms of this page must send back: the session's, or the anonymous visitor's. */
    csrfToken(): string;
  }
}

/** A state-changing form came without the token of this browser: maybe forged by another site. */
export class CsrfError extends DomainError {
  readonly status = 403;
  constructor() {
    super('missing or wrong CSRF token');
  }
}

export const CSRF_FIELD = '_csrf';

/** Behind HTTPS the cookies take the `__Host-` prefix: Secure, no Domain, Path=/ — nothing can plant them. */
function cookieName(request: FastifyRequest, name: string): string {
  return request.protocol === 'https' ? `__Host-${name}` : name;
}
function cookieOptions(request: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https' };
}

/**
 * Sessions and CSRF for one door of a commune, registered in the scope of that door's routes.
 * Each commune and each door has its own cookie, so that a family logged into one commune is a
 * stranger to another, and an agent's session never serves the citizen pages.
 */
export function useSessions(
  scope: FastifyInstance,
  store: SessionStore,
  realm: Realm,
  options: {
    loginPath(request: FastifyRequest): string;
    /**
     * How the door loads the session behind a cookie (`SessionStore.load` by default): a door may
     * read it with its account in one statement (`SessionStore.loadWith`), keeping what it read.
     */
    load?(token: string, request: FastifyRequest): Promise<Session | null>;
  },
): void {
  const sessionCookie = (request: FastifyRequest) => cookieName(request, `parvis-${realm}-${request.commune!.slug}`);
  const anonymousCookie = (request: FastifyRequest) => cookieName(request, 'parvis-csrf');

  if (!scope.hasRequestDecorator('session')) scope.decorateRequest('session', null);
  if (!scope.hasRequestDecorator('sessionLost')) scope.decorateRequest('sessionLost', false);
  scope.decorateReply(
    'startSession',
    async function (this: FastifyReply, input: { subjectId: string; stage?: string }) {
      if (this.request.session) await store.destroy(this.request.session);
      return giveCookie(this, await store.create({ communeId: this.request.commune!.id, realm, ...input }));
    },
  );
  scope.decorateReply('adoptSession', async function (this: FastifyReply, opened: OpenedSession) {
    const { session } = opened;
    if (session.realm !== realm || session.communeId !== this.request.commune!.id)
      throw new Error(`a ${session.realm} session of another commune or door handed to the ${realm} door`);
    if (this.request.session) await store.destroy(this.request.session);
    return giveCookie(this, opened);
  });
  function giveCookie(reply: FastifyReply, { token, session }: OpenedSession): Session {
    reply.request.session = session;
    reply.setCookie(sessionCookie(reply.request), token, cookieOptions(reply.request));
    return session;
  }
  scope.decorateReply('endSession', async function (this: FastifyReply) {
    if (this.request.session) await store.destroy(this.request.session);
    this.request.session = null;
    this.clearCookie(sessionCookie(this.request), cookieOptions(this.request));
  });
  scope.decorateReply('csrfToken', function (this: FastifyReply) {
    const { request } = this;
    if (request.session) return request.session.csrfToken;
    const existing = request.cookies[anonymousCookie(request)];
    if (existing && store.isPreLoginToken(existing)) return existing;
    // A visitor without a session (login, sign-up) gets a signed random token in a cookie and in
    // the form: another site can neither read the cookie nor make a token the server would sign.
    const token = store.preLoginToken();
    request.cookies[anonymousCookie(request)] = token;
    this.setCookie(anonymousCookie(request), token, cookieOptions(request));
    return token;
  });

  // Before login, only a token the server signed counts: a cookie planted over plain HTTP does not.
  const signedOrNothing = (cookie: string | undefined) =>
    cookie && store.isPreLoginToken(cookie) ? cookie : undefined;

  scope.addHook('onRequest', async (request) => {
    const token = request.cookies[sessionCookie(request)];
    request.session = !token
      ? null
      : options.load
        ? await options.load(token, request)
        : await store.load(token, request.commune!.id, realm);
    request.sessionLost = Boolean(token) && !request.session;
  });

  // Checked once the body is parsed; GET and HEAD never change anything (SECURITY.md "Every request").
  scope.addHook('preHandler', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD') return;
    const sent = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    const expected = request.session
      ? request.session.csrfToken
      : signedOrNothing(request.cookies[anonymousCookie(request)]);
    if (typeof sent === 'string' && expected && sameText(sent, expected)) return;
    // A form sent after its session ended (timeout, logout elsewhere) carries the old session's
    // token: nothing is done, and the login page says why instead of « formulaire expiré ».
    if (request.sessionLost) return reply.redirect(`${options.loginPath(request)}?expiree=1`, 303);
    throw new CsrfError();
  });
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
