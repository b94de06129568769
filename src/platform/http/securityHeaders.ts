import { randomBytes } from 'node:crypto';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyReply {
    /** The CSP nonce of this response: the only inline <style> or <script> that runs carries it. */
    nonce: string;
  }
}

const policy = (nonce: string) =>
  [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

/**
 * SECURITY.md "Every request": helmet sets HSTS, nosniff, Referrer-Policy and the rest once for all
 * routes; the Content-Security-Policy is ours, because it carries a fresh nonce on every response and
 * helmet rebuilds its whole middleware per request when asked for nonces (see docs/adr/0001-csp-nonce-header.md).
 */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: false,
    strictTransportSecurity: { maxAge: 63_072_000, includeSubDomains: true },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  app.decorateReply('nonce', '');
  app.addHook('onRequest', async (_request, reply) => {
    const nonce = randomBytes(16).toString('base64');
    reply.nonce = nonce;
    reply.header('content-security-policy', policy(nonce));
  });
}
