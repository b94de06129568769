// One app instance of the rentrée benchmark (rentree.ts), in a process of its own. The bench bundles
// this file as `npm start` bundles the portal (scripts/compiledApp.js, ADR 0038) and runs the bundle
// with plain node: the instances run the code as production runs it, not through a TypeScript loader.
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
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.on('message', (message: unknown) => {
    if (message === 'stop')
      void app
        .close()
        .then(() => database.close())
        .finally(() => process.exit(0));
  });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error(`unexpected server address: ${String(address)}`);
  process.send?.({ origin: `http://127.0.0.1:${address.port}` });
}

// Stack traces name the sources' lines, as `npm start` sets it.
process.setSourceMapsEnabled(true);
process.once('message', (order: InstanceOrder) => void serveInstance(order));
