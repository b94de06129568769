import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.js';

/** For load balancers and orchestrators: 200 when the database answers, 503 otherwise. */
export function registerHealth(app: FastifyInstance, database: Database): void {
  app.get('/healthz', async (_request, reply) => {
    const ok = await database.ping(2000);
    return reply
      .code(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ok ? 'ok' : 'unavailable', database: ok ? 'up' : 'down' });
  });
}
