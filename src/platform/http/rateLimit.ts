import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { DomainError } from '../../shared/errors.js';

/** Too many tries from one address: the page says when to come back, and Retry-After says it to machines. */
export class TooManyRequestsError extends DomainError {
  readonly status = 429;
  constructor(readonly retryAfterSeconds: number) {
    super('too many requests');
  }
}

/** A per-address limit on a route, e.g. `{ config: { rateLimit: perAddress(30, 15) } }`. */
export function perAddress(max: number, minutes: number) {
  return { max, timeWindow: minutes * 60_000 };
}

/**
 * Per-address limits on the forms an attacker would hammer (login, sign-up, reset, keys). With
 * REDIS_URL every instance counts in the same place; without it each instance counts in memory,
 * which is right for the single process of the embedded database.
 * Only routes that ask for a limit have one (`global: false`).
 */
export async function registerRateLimit(app: FastifyInstance, redisUrl: string | undefined): Promise<void> {
  const redis = redisUrl ? new Redis(redisUrl, { connectTimeout: 2000, maxRetriesPerRequest: 1, enableOfflineQueue: false }) : undefined;
  redis?.on('error', (error) => app.log.warn({ err: error }, 'redis unavailable'));
  if (redis) app.addHook('onClose', async () => void redis.disconnect());
  await app.register(rateLimit, {
    global: false,
    redis,
    nameSpace: 'parvis-limit-',
    // Redis away must not lock every family out: the per-account counters in the database still hold.
    skipOnError: true,
    keyGenerator: (request) => `${request.commune?.id ?? '-'}:${request.ip}`,
    errorResponseBuilder: (_request, context) => new TooManyRequestsError(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
}
