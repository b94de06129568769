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

/** One side of a comparison: run for the given seconds, it says how much it did. */
export type Measure = (seconds: number) => Promise<LoadSummary>;

/**
 * Warms both servers up, then measures them in alternation (app, floor, app, floor…) so that any
 * drift of a noisy machine falls on both alike, and keeps the median of each.
 */
export function compareWithFloor(
  load: LoadGenerator,
  context: BenchmarkContext,
  options: CompareOptions,
): Promise<SideBySide> {
  const common = { connections: options.connections ?? 10, pipelining: options.pipelining ?? 1 };
  return compareSideBySide(context, {
    app: (seconds) => load.run({ url: options.appUrl, seconds, ...common }),
    floor: (seconds) => load.run({ url: options.floorUrl, seconds, ...common }),
  });
}

/** The same alternation for any two measures, e.g. the app under HTTP load against a library call. */
export async function compareSideBySide(
  context: BenchmarkContext,
  sides: { app: Measure; floor: Measure },
): Promise<SideBySide> {
  for (const [name, measure] of Object.entries(sides)) {
    const warm = await measure(context.warmupSeconds);
    context.log(`    warm-up ${name.padEnd(5)} ${formatRps(warm.rps)} rps${problems(warm)}`);
  }

  const runs: { app: LoadSummary[]; floor: LoadSummary[] } = { app: [], floor: [] };
  for (let round = 1; round <= context.rounds; round++) {
    for (const [name, measure] of Object.entries(sides) as ['app' | 'floor', Measure][]) {
      const summary = await measure(context.seconds);
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
  type Figure = Exclude<keyof LoadSummary, 'unexpectedKinds'>;
  const pick = (key: Figure) => median(runs.map((run) => run[key]));
  const sum = (key: Figure) => runs.reduce((total, run) => total + run[key], 0);
  const kinds: Record<string, number> = {};
  for (const run of runs)
    for (const [kind, count] of Object.entries(run.unexpectedKinds ?? {})) kinds[kind] = (kinds[kind] ?? 0) + count;
  return {
    rps: pick('rps'),
    total: sum('total'),
    p50: pick('p50'),
    p99: pick('p99'),
    errors: sum('errors'),
    timeouts: sum('timeouts'),
    non2xx: sum('non2xx'),
    unexpected: sum('unexpected'),
    ...(Object.keys(kinds).length > 0 ? { unexpectedKinds: kinds } : {}),
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
  const failed = summary.errors + summary.unexpected;
  if (failed === 0) return '';
  const kinds = Object.entries(summary.unexpectedKinds ?? {}).map(([kind, count]) => `${count} × ${kind}`);
  return `  errors ${summary.errors} unexpected ${summary.unexpected}${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''} timeouts ${summary.timeouts}`;
}
