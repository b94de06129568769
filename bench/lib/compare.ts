import type { BenchmarkContext } from './benchmark.js';
import type { LoadGenerator, LoadSummary } from './load.js';

export interface SideBySide {
  app: LoadSummary;
  floor: LoadSummary;
  /** Median app rps over median floor rps. */
  ratio: number;
  /** app/floor per round, to see how much the machine's noise moved the figure. */
  roundRatios: number[];
}

export interface CompareOptions {
  appUrl: string;
  floorUrl: string;
  connections?: number;
  pipelining?: number;
}

/**
 * Warms both servers up, then measures them in alternation (app, floor, app, floor…) so that any
 * drift of a noisy machine falls on both alike, and keeps the median of each.
 */
export async function compareWithFloor(
  load: LoadGenerator,
  context: BenchmarkContext,
  options: CompareOptions,
): Promise<SideBySide> {
  const common = { connections: options.connections ?? 10, pipelining: options.pipelining ?? 1 };
  const targets = { app: options.appUrl, floor: options.floorUrl };

  for (const [name, url] of Object.entries(targets)) {
    const warm = await load.run({ url, seconds: context.warmupSeconds, ...common });
    context.log(`    warm-up ${name.padEnd(5)} ${formatRps(warm.rps)} rps`);
  }

  const runs: { app: LoadSummary[]; floor: LoadSummary[] } = { app: [], floor: [] };
  for (let round = 1; round <= context.rounds; round++) {
    for (const [name, url] of Object.entries(targets) as ['app' | 'floor', string][]) {
      const summary = await load.run({ url, seconds: context.seconds, ...common });
      runs[name].push(summary);
      context.log(
        `    round ${round}/${context.rounds} ${name.padEnd(5)} ${formatRps(summary.rps)} rps  p50 ${summary.p50} ms  p99 ${summary.p99} ms${problems(summary)}`,
      );
    }
  }

  const app = medianSummary(runs.app);
  const floor = medianSummary(runs.floor);
  return {
    app,
    floor,
    ratio: app.rps / floor.rps,
    roundRatios: runs.app.map((summary, index) => summary.rps / (runs.floor[index]?.rps ?? Number.NaN)),
  };
}

/** Median of each measure; failures are added up, since a single one matters. */
function medianSummary(runs: LoadSummary[]): LoadSummary {
  const pick = (key: keyof LoadSummary) => median(runs.map((run) => run[key]));
  const sum = (key: keyof LoadSummary) => runs.reduce((total, run) => total + run[key], 0);
  return {
    rps: pick('rps'),
    total: sum('total'),
    p50: pick('p50'),
    p99: pick('p99'),
    errors: sum('errors'),
    timeouts: sum('timeouts'),
    non2xx: sum('non2xx'),
    bytesPerSecond: pick('bytesPerSecond'),
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function formatRps(rps: number): string {
  return Math.round(rps).toString();
}

export function problems(summary: LoadSummary): string {
  const failed = summary.errors + summary.non2xx;
  return failed > 0 ? `  errors ${summary.errors} non-2xx ${summary.non2xx} timeouts ${summary.timeouts}` : '';
}
