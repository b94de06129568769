// Boot: config → database → container → app → listen.
import v8 from 'node:v8';
import vm from 'node:vm';
import { loadConfig } from './config.js';
import { StartupError } from './shared/errors.js';
import { buildApp } from './app.js';
import { buildContainer } from './container.js';
import { printDemoLogins } from './demo/demoLogins.js';
import { demoCommuneSlugs, seedDemo } from './demo/seedDemo.js';
import { isDatabaseUnavailable } from './platform/db/database.js';
import { openDatabase } from './platform/db/openDatabase.js';
import { prepareDatabase } from './platform/db/prepareDatabase.js';
import { configureVault } from './modules/documents/vaultSettings.js';
import { createPayfipClient } from './integrations/payfip/payfipClient.js';
import { startPayfipSimulator } from './integrations/payfipSimulator/payfipSimulator.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  const container = await buildContainer({ config, database });
  const { mode } = await prepareDatabase(database, config.mode, (tx) => seedDemo(tx, container.clock), {
    modeChosen: config.modeChosen,
  });
  if (config.now && mode !== 'demo') {
    await database.close();
    throw new StartupError(
      'PARVIS_NOW: setting the clock is only allowed in demo mode, and this database is a production one.',
    );
  }
  if (mode === 'production' && (!config.smtpUrl || !config.publicUrl)) {
    await database.close();
    throw new StartupError(
      'Production mode needs SMTP_URL (activation and reset links must reach the families) and PUBLIC_URL (the address written in those links).',
    );
  }
  if (mode === 'production' && !config.secret) {
    await database.close();
    throw new StartupError(
      'Production mode needs PARVIS_SECRET: at least 32 random characters (e.g. openssl rand -base64 32), the same on every instance. It signs the forms shown before login.',
    );
  }
  try {
    configureVault(container.vault, { ...config, mode });
  } catch (error) {
    await database.close();
    throw error;
  }
  // The database's recorded mode decides, not only the configured one: no demo page on a production database.
  container.config.mode = mode;
  // A demo pays with the PayFiP simulator on loopback, so that an invoice is paid end to end after `npm start`.
  const simulator = mode === 'demo' ? await startPayfipSimulator({ clock: container.clock }) : null;
  if (simulator)
    container.usePayfip(
      createPayfipClient({
        endpoint: simulator.endpoint,
        paymentPageBase: simulator.paymentPageBase,
        timeoutMs: 15_000,
      }),
    );
  const app = await buildApp(container);

  const stop = async (signal: string) => {
    app.log.info({ signal }, 'stopping');
    await app.close();
    await container.stop();
    await simulator?.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = address && typeof address === 'object' ? address.port : config.port;
  const origin = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
  container.site.listeningAt(origin);
  await container.start();
  collectStartGarbage();
  const where =
    config.database.kind === 'pglite' ? `embedded database in ${config.database.dataDir}` : 'PostgreSQL server';
  console.log(`\nParvis is running (${mode} mode, ${where}): ${origin}/`);
  if (mode === 'demo') {
    for (const slug of demoCommuneSlugs) console.log(`  ${origin}/${slug}`);
    printDemoLogins(origin);
    if (simulator) console.log(`  PayFiP is simulated at ${simulator.paymentPageBase}`);
    if (config.now) console.log(`  The clock starts at ${config.now.toISOString()} (PARVIS_NOW).`);
  }
}

/**
 * One full garbage collection once started: what the start left (a new folder's template unpacked,
 * the migrations and the seed's rows) lies in large buffers that the collector would otherwise keep
 * until traffic makes it run, a hundred megabytes of resident memory for nothing (ADR 0035).
 */
function collectStartGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

// The last net under the database: a query that nothing awaited (a library's fire-and-forget
// call) failing while the server is away must not end the portal, which answers 503 meanwhile and
// recovers on its own (ADR 0009). Anything else keeps Node's behaviour: the process ends.
process.on('unhandledRejection', (reason) => {
  if (isDatabaseUnavailable(reason)) {
    console.error('database unavailable (a query nobody awaited):', reason instanceof Error ? reason.message : reason);
    return;
  }
  throw reason;
});

main().catch((error: unknown) => {
  if (error instanceof StartupError) {
    console.error(`Parvis cannot start.\n${error.message}`);
  } else {
    console.error('Parvis cannot start:', error);
  }
  process.exit(1);
});
