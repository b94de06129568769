/** One line of the summary: a measured ratio against its target, or the reason it was not measured. */
export interface BenchmarkLine {
  /** What was measured, e.g. "public home · PGlite". */
  label: string;
  /** The figure compared with the benchmark's target; higher is better. */
  ratio?: number;
  /** Set when the line could not be measured (e.g. no PostgreSQL server): printed instead of a ratio. */
  skipped?: string;
  /** Extra columns for the summary, already formatted. */
  details?: Record<string, string>;
}

export interface BenchmarkContext {
  /** Length of one measured round, in seconds. */
  seconds: number;
  /** Length of each warm-up, in seconds. */
  warmupSeconds: number;
  /** Measured rounds per server; the median is kept. */
  rounds: number;
  /** Progress output, one line at a time. */
  log(message: string): void;
}

/** A benchmark of `npm run bench`: add one to `bench/benchmarks/index.ts` to have it run and summarized. */
export interface Benchmark {
  name: string;
  /** What a line must reach (its `ratio` at least this) to pass. */
  target: number;
  run(context: BenchmarkContext): Promise<BenchmarkLine[]>;
}
