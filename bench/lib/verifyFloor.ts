import { verify } from '@node-rs/argon2';
import type { LoadSummary } from './load.js';

/**
 * The floor of a login: argon2id verifications of one stored hash, `concurrency` of them always in
 * flight, in this process (the one the app runs in), for `seconds`. The library runs each check on
 * libuv's thread pool, as in the app; keeping as many in flight as the load generator keeps requests
 * gives the pool the same queue to work through. Counted like autocannon counts: what completes
 * within the time, per second; latency from the start of a check to its end, in whole milliseconds.
 */
export async function measureVerifications(options: {
  hash: string;
  password: string;
  concurrency: number;
  seconds: number;
}): Promise<LoadSummary> {
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const latencies: number[] = [];
  let failures = 0;

  const lane = async () => {
    while (performance.now() < deadline) {
      const begun = performance.now();
      const ok = await verify(options.hash, options.password).catch(() => false);
      const ended = performance.now();
      if (ended > deadline) break;
      latencies.push(ended - begun);
      if (!ok) failures++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));

  latencies.sort((a, b) => a - b);
  const percentile = (p: number) =>
    latencies.length === 0
      ? 0
      : Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!);
  const total = latencies.length;
  return {
    rps: total / options.seconds,
    total,
    p50: percentile(0.5),
    p99: percentile(0.99),
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    unexpected: failures,
    bytesPerSecond: 0,
  };
}
