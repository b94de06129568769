import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.js';
import { type Container, buildContainer } from '../src/container.js';
import { buildAssets } from '../src/platform/assets/assets.js';
import { TestClock } from '../src/platform/clock.js';
import type { Database } from '../src/platform/db/database.js';
import type { PayfipClient } from '../src/integrations/payfip/payfip.js';

const assets = buildAssets();
export const TEST_SECRET = 'the-secret-of-the-test-deployment-0123456789';

export interface TestApp {
  app: FastifyInstance;
  container: Container;
  clock: TestClock;
  origin: string;
  /** A real HTTP request to the listening app. */
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  clock?: TestClock;
  extraRoutes?: (app: FastifyInstance) => void;
  /** Real SMTP (a test/smtpSink.ts server); without it mails land in the database's mail box. */
  smtpUrl?: string;
  redisUrl?: string;
  mode?: 'demo' | 'production';
  trustProxy?: boolean | number | string;
  /** PayFiP's client, e.g. on a simulator (`test/payfip.ts`); without it, the real service's addresses, never called. */
  payfip?: PayfipClient;
}

/**
 * The real app on the given database, listening on loopback, with a clock the test sets and its
 * job workers running. On a shared PostgreSQL database each app has its own job schema, so that
 * no app delivers another's mails.
 */
export async function buildTestApp(database: Database, options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? new TestClock();
  const jobSchema = database.kind === 'postgres' ? `jobs_${randomBytes(6).toString('hex')}` : 'pgboss';
  const container = await buildContainer({
    config: {
      mode: options.mode ?? 'demo',
      trustProxy: options.trustProxy ?? false,
      logLevel: 'silent',
      smtpUrl: options.smtpUrl,
      redisUrl: options.redisUrl,
      // Every test app is an instance of the same deployment: a form from one is good on another.
      secret: TEST_SECRET,
    },
    database,
    clock,
    assets,
    payfip: options.payfip,
    jobs: { schema: jobSchema, pollingIntervalSeconds: 0.5, retryDelaySeconds: 0, onError: () => {} },
    // A mail the relay did not take is tried again within a second, not after 10 s.
    mail: { backoff: { firstSeconds: 0.2, maxSeconds: 0.5 } },
  });
  const app = await buildApp(container);
  options.extraRoutes?.(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the test app is not listening on TCP');
  const origin = `http://127.0.0.1:${address.port}`;
  container.site.listeningAt(origin);
  await container.start();
  return {
    app,
    container,
    clock,
    origin,
    get: (path, init) => fetch(origin + path, { redirect: 'manual', ...init }),
    async close() {
      await container.stop();
      await app.close();
      // A test may have taken the database away on purpose: then there is nothing left to drop.
      if (database.kind === 'postgres')
        await database.db.execute(sql.raw(`drop schema if exists ${jobSchema} cascade`)).catch(() => {});
    },
  };
}
