// One app instance of the rentrée benchmark (rentree.ts), in a process of its own. The bench bundles
// this file as `npm start` bundles the portal (scripts/compiledApp.js, ADR 0038) and runs the bundle
// with plain node: the instances run the code as production runs it, not through a TypeScript loader.
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
  const routes = process.env.BENCH_RENTREE_ROUTES ? costOfRoutes(app) : null;
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.on('message', (message: unknown) => {
    if (message === 'stop') {
      if (routes) console.error(routes());
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
 * BENCH_RENTREE_ROUTES=1: what each route costs, written when the instance stops: statements sent to
 * PostgreSQL and the process's CPU (all its threads: argon2's included) from the previous answer to
 * this one. True only when requests do not overlap: a run of families far apart (e.g. 50 over 50 s),
 * each walking its requests one after the other.
 */
function costOfRoutes(app: Awaited<ReturnType<typeof buildApp>>): () => string {
  let statements = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  const routes = new Map<string, { statements: number; cpu: number[] }>();
  let mark = { statements: 0, cpu: cpuMicros() };
  app.addHook('onResponse', async (request) => {
    const now = { statements, cpu: cpuMicros() };
    const key = `${request.method} ${request.routeOptions.url ?? request.url}`;
    const route = routes.get(key) ?? { statements: 0, cpu: [] };
    route.statements += now.statements - mark.statements;
    route.cpu.push(now.cpu - mark.cpu);
    routes.set(key, route);
    mark = now;
  });
  return () =>
    [...routes]
      .map(([key, route]) => {
        const sorted = [...route.cpu].sort((a, b) => a - b);
        const median = sorted[Math.floor(sorted.length / 2)]! / 1000;
        return `${route.cpu.length} × ${key}: ${(route.statements / route.cpu.length).toFixed(2)} statements, CPU median ${median.toFixed(2)} ms`;
      })
      .join('\n');
}

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

// Stack traces name the sources' lines, as `npm start` sets it.
process.setSourceMapsEnabled(true);
process.once('message', (order: InstanceOrder) => void serveInstance(order));
