import type { Benchmark, BenchmarkContext, BenchmarkLine } from '../lib/benchmark.js';
import { compareWithFloor, formatRps } from '../lib/compare.js';
import { startApp } from '../lib/app.js';
import { onEachDatabase } from '../lib/databases.js';
import { type RunningServer, startFloor } from '../lib/floor.js';
import { LoadGenerator } from '../lib/load.js';
import type { Database } from '../../src/platform/db/database.js';

const HOME_PATH = '/chanteloup-les-vignes';

/**
 * The public home of a demo commune, served by the real app, against a bare Fastify answering the
 * same bytes from memory. One line per database: PGlite always, PostgreSQL when a server answers.
 */
export const publicHome: Benchmark = {
  name: 'public-home',
  target: 0.6,
  async run(context) {
    const load = new LoadGenerator();
    await load.start();
    try {
      return await onEachDatabase('public home', context, (label, database) =>
        measureOn(label, database, load, context),
      );
    } finally {
      await load.close();
    }
  },
};

async function measureOn(
  label: string,
  database: Database,
  load: LoadGenerator,
  context: BenchmarkContext,
): Promise<BenchmarkLine> {
  let app: RunningServer | undefined;
  let floor: RunningServer | undefined;
  try {
    app = await startApp(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  try {
    const appUrl = `${app.url}${HOME_PATH}`;
    const response = await fetch(appUrl);
    if (response.status !== 200) throw new Error(`${HOME_PATH} answered ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    const contentType = response.headers.get('content-type') ?? 'application/octet-stream';
    floor = await startFloor({ body, contentType }, HOME_PATH);
    context.log(`    ${body.length} bytes of ${contentType}`);

    const result = await compareWithFloor(load, context, { appUrl, floorUrl: floor.url });
    const failures = result.app.errors + result.app.unexpected + result.floor.errors + result.floor.unexpected;
    return {
      label,
      ratio: result.ratio,
      details: {
        'app rps': formatRps(result.app.rps),
        'floor rps': formatRps(result.floor.rps),
        'app p50/p99 ms': `${result.app.p50}/${result.app.p99}`,
        'floor p50/p99 ms': `${result.floor.p50}/${result.floor.p99}`,
        'errors/unexpected': `${result.app.errors + result.floor.errors}/${result.app.unexpected + result.floor.unexpected}`,
        'round ratios': result.roundRatios.map((ratio) => ratio.toFixed(3)).join(' '),
        ...(failures > 0 ? { warning: 'failed requests: figures not comparable' } : {}),
      },
    };
  } finally {
    await floor?.close();
    await app.close();
  }
}
