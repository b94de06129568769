// The load generator's own process: it receives a run over IPC, fires autocannon and answers with a summary.
import autocannon from 'autocannon';
import type { LoadExpectation, LoadRequest, LoadResponse } from './load.js';

process.on('message', (message: LoadRequest) => {
  void run(message).then(
    (summary) => process.send?.({ id: message.id, summary } satisfies LoadResponse),
    (error: unknown) => process.send?.({ id: message.id, error: String(error) } satisfies LoadResponse),
  );
});

// Counts over the generator's whole life, so that no address comes back from one run to the next.
let addressesGiven = 0;
function nextAddress(): string {
  const n = ++addressesGiven;
  return `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}
let bodiesGiven = 0;

async function run(request: LoadRequest) {
  const check = request.expect ? expectation(request.expect) : undefined;
  const bodies = request.bodies ?? [];
  const perRequest = request.distinctForwardedFor || bodies.length > 0;
  let bodiesOfRun = 0;
  const nextIndex = () => (request.bodiesFromStart ? bodiesOfRun++ : bodiesGiven++) % bodies.length;
  // Each request in turn: its own address, the next body and its headers. autocannon builds it just before sending.
  const setupRequest = (req: autocannon.Request): autocannon.Request => {
    const index = bodies.length > 0 ? nextIndex() : -1;
    return {
      ...req,
      ...(index >= 0 ? { body: bodies[index] } : {}),
      headers: {
        ...req.headers,
        ...(index >= 0 ? request.bodyHeaders?.[index] : {}),
        ...(request.distinctForwardedFor ? { 'x-forwarded-for': nextAddress() } : {}),
      },
    };
  };
  const result = await autocannon({
    url: request.url,
    duration: request.seconds,
    connections: request.connections,
    pipelining: request.pipelining,
    ...(request.request
      ? { method: request.request.method, headers: request.request.headers ?? {}, body: request.request.body }
      : {}),
    ...(perRequest || check
      ? { requests: [{ ...(perRequest ? { setupRequest } : {}), ...(check ? { onResponse: check.onResponse } : {}) }] }
      : {}),
  });
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    unexpected: check ? Object.values(check.unexpected()).reduce((sum, n) => sum + n, 0) : result.non2xx,
    ...(check ? { unexpectedKinds: check.unexpected() } : {}),
    bytesPerSecond: result.throughput.average,
  };
}

/** Checks each response against what the run expects; counts the others, by what came instead. */
function expectation(expect: LoadExpectation) {
  const unexpected: Record<string, number> = {};
  const seen = new Set<string>();
  const cookiePrefix = expect.newCookie ? `${expect.newCookie}=` : undefined;
  const count = (kind: string) => void (unexpected[kind] = (unexpected[kind] ?? 0) + 1);
  return {
    unexpected: () => unexpected,
    onResponse(status: number, _body: string, _context: object, headers: autocannon.Request['headers']) {
      const lower = Object.fromEntries(
        Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
      );
      if (status !== expect.status) return count(String(status));
      if (expect.location !== undefined && lower.location !== expect.location)
        return count(`${status} to ${String(lower.location)}`);
      if (cookiePrefix) {
        const cookies = ([] as string[]).concat(lower['set-cookie'] ?? []);
        const value = cookies
          .find((cookie) => cookie.startsWith(cookiePrefix))
          ?.slice(cookiePrefix.length)
          .split(';', 1)[0];
        if (!value) return count(`${status} without ${expect.newCookie}`);
        if (seen.has(value)) return count(`${status} with a ${expect.newCookie} seen before`);
        seen.add(value);
      }
    },
  };
}
