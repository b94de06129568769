import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyReply {
    /** The CSP nonce of this response: the only inline <style> or <script> that runs carries it. */
    nonce: string;
  }
}

/**
 * SECURITY.md "Every request", in one synchronous hook (docs/adr/0001-security-headers.md): the
 * fixed headers are computed once, and the Content-Security-Policy carries a fresh nonce each time.
 */
const fixedHeaders: Record<string, string> = {
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

const policyBefore = "default-src 'self'; script-src 'self' 'nonce-";
const policyMiddle = "'; style-src 'self' 'nonce-";
// Images, fonts and fetches fall back to default-src 'self': nothing is loaded from another host.
const policyFormAction = "'; form-action 'self'";
const policyAfter = "; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The policy of a response. `formTargets` are the other origins a form of the page may lead to: Chromium
 * applies form-action to where a form's answer redirects as well, so a form whose route sends the family
 * to a payment page elsewhere (PayFiP's) needs that origin named, on that page only.
 */
export function contentSecurityPolicy(nonce: string, formTargets: readonly string[] = []): string {
  const targets = formTargets.map((origin) => ` ${origin}`).join('');
  return policyBefore + nonce + policyMiddle + nonce + policyFormAction + targets + policyAfter;
}

/** Lets the forms of this page lead to `origins` (each `scheme://host[:port]`), beside the site's own. */
export function allowFormTargets(reply: FastifyReply, origins: readonly string[]): void {
  reply.header('content-security-policy', contentSecurityPolicy(reply.nonce, origins));
}

// Nonces are cut from a buffer of CSPRNG bytes refilled when used up: one system call per 256
// responses instead of one each. Every nonce is still 128 fresh random bits, never reused.
const NONCE_BYTES = 16;
let pool = Buffer.alloc(0);
let offset = 0;
export function nextNonce(): string {
  if (offset + NONCE_BYTES > pool.length) {
    pool = randomBytes(NONCE_BYTES * 256);
    offset = 0;
  }
  const nonce = pool.toString('base64', offset, offset + NONCE_BYTES);
  offset += NONCE_BYTES;
  return nonce;
}

export function registerSecurityHeaders(app: FastifyInstance): void {
  app.decorateReply('nonce', '');
  app.addHook('onRequest', (request, reply, done) => {
    reply.nonce = setSecurityHeaders(request, reply);
    done();
  });
}

/** The headers of every response; returns the nonce. Also used where Fastify answers before any hook (errors.ts). */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply): string {
  const nonce = nextNonce();
  reply.headers(fixedHeaders);
  reply.header('content-security-policy', contentSecurityPolicy(nonce));
  reply.header('x-request-id', request.id);
  return nonce;
}
