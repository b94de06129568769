// One app instance of the rentrée benchmark (rentree.ts), in a process of its own. The bench bundles
// this file as `npm start` bundles the portal (scripts/compiledApp.js, ADR 0038) and runs the bundle
// with plain node: the instances run the code as production runs it, not through a TypeScript loader.
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { buildApp } from '../../src/app.js';
import { buildContainer } from '../../src/container.js';
import { openPostgres } from '../../src/platform/db/database.js';

/** What the bench sends an instance to start it. */
export interface InstanceOrder {
  url: string;
  secret: string;
  /** The bench's clock, as an ISO instant. */
  now: string;
}

async function serveInstance({ url, secret, now }: InstanceOrder): Promise<void> {
  const database = await openPostgres(url);
  const container = await buildContainer({
    // Production, as at the rentrée: no demo mail box nor demo browser mark; one secret for both
    // instances, as a deployment sets it. The clock is the bench's, set through the container.
    config: { mode: 'production', trustProxy: true, logLevel: 'silent', now: new Date(now), secret },
    database,
  });
  const app = await buildApp(container);
  const statements = process.env.BENCH_RENTREE_STATEMENTS ? countStatements(app) : null;
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.on('message', (message: unknown) => {
    if (message === 'stop') {
      if (statements) console.error(statements());
      void app
        .close()
        .then(() => database.close())
        .finally(() => process.exit(0));
    }
  });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error(`unexpected server address: ${String(address)}`);
  process.send?.({ origin: `http://127.0.0.1:${address.port}` });
}

/**
 * BENCH_RENTREE_STATEMENTS=1: the statements each route sends to PostgreSQL, per request (the
 * request's own, followed through its asynchronous calls), written when the instance stops.
 */
function countStatements(app: Awaited<ReturnType<typeof buildApp>>): () => string {
  const current = new AsyncLocalStorage<{ statements: number }>();
  const routes = new Map<string, { requests: number; statements: number }>();
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const store = current.getStore();
    if (store) store.statements++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  app.addHook('onRequest', (_request, _reply, done) => current.run({ statements: 0 }, done));
  app.addHook('onResponse', async (request) => {
    const store = current.getStore();
    const key = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const route = routes.get(key) ?? { requests: 0, statements: 0 };
    route.requests++;
    route.statements += store?.statements ?? 0;
    routes.set(key, route);
  });
  return () =>
    [...routes]
      .map(([key, route]) => `${(route.statements / route.requests).toFixed(2)} statements × ${route.requests}  ${key}`)
      .join('\n');
}

// Stack traces name the sources' lines, as `npm start` sets it.
process.setSourceMapsEnabled(true);
process.once('message', (order: InstanceOrder) => void serveInstance(order));
