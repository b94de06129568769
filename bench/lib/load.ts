import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface LoadOptions {
  url: string;
  seconds: number;
  connections: number;
  pipelining: number;
  /** Sent instead of a plain GET, the same on every request (e.g. a posted form with its cookie). */
  request?: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string };
  /** Bodies sent in turn, one per request, instead of `request.body` (e.g. the logins of several accounts). */
  bodies?: string[];
  /**
   * Send `bodies` from the first one in this run, instead of going on from where the generator's last
   * run stopped: for bodies that are a sequence over some state (book a week, later cancel it).
   */
  bodiesFromStart?: boolean;
  /**
   * Headers sent with each body, by the same index (e.g. the session cookie whose token the body
   * carries): several accounts in turn, each within its own per-account budget.
   */
  bodyHeaders?: Record<string, string>[];
  /**
   * A new `X-Forwarded-For` address on each request (10.x.y.z, never twice in the generator's life):
   * an app that trusts its proxy then sees each request come from another visitor.
   */
  distinctForwardedFor?: boolean;
  /** What every response must be; any other is counted in `unexpected`. Without it, any 2xx is expected. */
  expect?: LoadExpectation;
}

export interface LoadExpectation {
  status: number;
  /** The exact `Location` header. */
  location?: string;
  /** A cookie of this name must be set, each time with a value never seen before in the run. */
  newCookie?: string;
}

export interface LoadSummary {
  /** Mean requests per second over the run. */
  rps: number;
  total: number;
  /** Latency percentiles, in milliseconds. */
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Responses other than `expect` (without it, the non-2xx ones): a run with any is not comparable. */
  unexpected: number;
  /** With `expect`: the unexpected responses by what came instead, e.g. `{ "429": 3 }`. */
  unexpectedKinds?: Record<string, number>;
  bytesPerSecond: number;
}

export interface LoadRequest extends LoadOptions {
  id: number;
}

export type LoadResponse = { id: number; summary: LoadSummary } | { id: number; error: string };

/**
 * autocannon in a child process of its own. Run in the servers' process, it would share their event
 * loop and steal the time it measures; a worker thread would give it its own loop, but a separate
 * process keeps even the garbage collector and the allocator apart. On 2 cores the generator and the
 * server each get about one, and the floor and the app are measured under exactly the same split,
 * which is what makes their ratio honest.
 */
export class LoadGenerator {
  #child: ChildProcess | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve(summary: LoadSummary): void; reject(error: Error): void }>();

  async start(): Promise<void> {
    const child = fork(fileURLToPath(new URL('./loadProcess.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.#child = child;
    child.on('message', (message: LoadResponse) => {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if ('error' in message) pending.reject(new Error(`load generator: ${message.error}`));
      else pending.resolve(message.summary);
    });
    child.on('exit', (code, signal) => {
      const error = new Error(`load generator exited (code ${code}, signal ${signal})`);
      for (const pending of this.#pending.values()) pending.reject(error);
      this.#pending.clear();
      this.#child = undefined;
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  }

  run(options: LoadOptions): Promise<LoadSummary> {
    const child = this.#child;
    if (!child) return Promise.reject(new Error('load generator not started'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      child.send({ id, ...options } satisfies LoadRequest);
    });
  }

  async close(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.disconnect();
    child.kill();
    await exited;
  }
}
