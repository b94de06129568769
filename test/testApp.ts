import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { type Container, buildContainer } from '../src/container.js';
import { buildAssets } from '../src/platform/assets/assets.js';
import { TestClock } from '../src/platform/clock.js';
import type { Database } from '../src/platform/db/database.js';

const assets = buildAssets();

export interface TestApp {
  app: FastifyInstance;
  container: Container;
  clock: TestClock;
  /** A real HTTP request to the listening app. */
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** The real app on the given database, listening on loopback, with a clock the test sets. */
export async function buildTestApp(
  database: Database,
  options: { clock?: TestClock; extraRoutes?: (app: FastifyInstance) => void } = {},
): Promise<TestApp> {
  const clock = options.clock ?? new TestClock();
  const container = buildContainer({ config: { mode: 'demo', trustProxy: false, logLevel: 'silent' }, database, clock, assets });
  const app = await buildApp(container);
  options.extraRoutes?.(app);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the test app is not listening on TCP');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    app,
    container,
    clock,
    get: (path, init) => fetch(origin + path, { redirect: 'manual', ...init }),
    close: () => app.close(),
  };
}
