// `npm run bench [-- name…]`: runs the benchmarks (all, or those named) and prints one summary.
// Exits non-zero only when a benchmark crashes; a figure below its target is reported, not fatal.
import os from 'node:os';
import { benchmarks } from './benchmarks/index.js';
import type { Benchmark, BenchmarkContext, BenchmarkLine } from './lib/benchmark.js';

function positiveNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

interface Row {
  benchmark: Benchmark;
  line?: BenchmarkLine;
  crash?: unknown;
}

async function main(): Promise<number> {
  const seconds = positiveNumber('BENCH_SECONDS', 5);
  const context: BenchmarkContext = {
    seconds,
    warmupSeconds: positiveNumber('BENCH_WARMUP_SECONDS', Math.min(2, seconds)),
    rounds: Math.round(positiveNumber('BENCH_ROUNDS', 3)),
    log: (message) => console.log(message),
  };

  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !benchmarks.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${benchmarks.map((b) => b.name).join(', ')}.`);
    return 2;
  }
  const selected = wanted.length > 0 ? benchmarks.filter((benchmark) => wanted.includes(benchmark.name)) : benchmarks;

  const cpus = os.cpus();
  const [load] = os.loadavg();
  console.log(
    `Benchmarks on ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), Node ${process.version}: ` +
      `${context.rounds} rounds of ${context.seconds} s per server after ${context.warmupSeconds} s of warm-up.`,
  );
  // Other work on the machine takes cores from both sides, and not always alike: say so next to the figures.
  console.log(
    `Load average at start: ${load?.toFixed(2)}${load !== undefined && load >= 1 ? ' (the machine is busy: expect noisy figures)' : ''}.\n`,
  );

  const rows: Row[] = [];
  for (const benchmark of selected) {
    console.log(`${benchmark.name} (target ≥ ${benchmark.target})`);
    try {
      for (const line of await benchmark.run(context)) rows.push({ benchmark, line });
    } catch (crash) {
      console.error(`  crashed:`, crash);
      rows.push({ benchmark, crash });
    }
    console.log('');
  }

  printSummary(rows);
  return rows.some((row) => row.crash) ? 1 : 0;
}

function printSummary(rows: Row[]): void {
  const detailKeys = [...new Set(rows.flatMap((row) => Object.keys(row.line?.details ?? {})))];
  const header = ['benchmark', 'ratio', 'target', 'result', ...detailKeys];
  const table = rows.map((row) => {
    const { benchmark, line } = row;
    if (row.crash)
      return [
        benchmark.name,
        '-',
        `≥ ${benchmark.target}`,
        `CRASHED: ${String((row.crash as Error)?.message ?? row.crash)}`,
      ];
    if (!line) return [benchmark.name];
    if (line.skipped !== undefined) return [line.label, '-', `≥ ${benchmark.target}`, `SKIPPED (${line.skipped})`];
    const ratio = line.ratio ?? Number.NaN;
    return [
      line.label,
      ratio.toFixed(3),
      `≥ ${benchmark.target}`,
      ratio >= benchmark.target ? 'PASS' : 'BELOW TARGET',
      ...detailKeys.map((key) => line.details?.[key] ?? ''),
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(
      title.length,
      ...table
        .filter((cells) => cells.length > 4 || column < cells.length - 1)
        .map((cells) => (cells[column] ?? '').length),
    ),
  );
  const format = (cells: string[]) =>
    cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  ');
  console.log('Summary');
  console.log(format(header));
  console.log(format(widths.map((width) => '-'.repeat(width))));
  for (const cells of table) console.log(format(cells));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('bench crashed:', error);
    process.exit(1);
  },
);
