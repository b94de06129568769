import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';
import type { RateLimits } from './rateLimit.js';

/**
 * For load balancers and orchestrators: 200 when the database answers, 503 otherwise. Redis away
 * is « degraded », still 200: the portal serves, each instance counting its limits in memory, and
 * taking instances out of the pool would only make things worse.
 */
export function registerHealth(app: FastifyInstance, database: Database, limits?: RateLimits): void {
  app.get('/healthz', async (_request, reply) => {
    const ok = await database.ping(2000);
    const redis = limits?.redisState();
    const status = !ok ? 'unavailable' : redis === 'degraded' ? 'degraded' : 'ok';
    return reply
      .code(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status, database: ok ? 'up' : 'down', ...(redis ? { redis } : {}) });
  });
}
