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

async function run(request: LoadRequest) {
  const check = request.expect ? expectation(request.expect) : undefined;
  const perRequest = request.distinctForwardedFor || check;
  const result = await autocannon({
    url: request.url,
    duration: request.seconds,
    connections: request.connections,
    pipelining: request.pipelining,
    ...(request.request ? { method: request.request.method, headers: request.request.headers ?? {}, body: request.request.body } : {}),
    ...(perRequest
      ? {
          requests: [
            {
              ...(request.distinctForwardedFor
                ? {
                    setupRequest: (req: autocannon.Request) => ({ ...req, headers: { ...req.headers, 'x-forwarded-for': nextAddress() } }),
                  }
                : {}),
              ...(check ? { onResponse: check.onResponse } : {}),
            },
          ],
        }
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
    unexpected: check ? check.unexpected() : result.non2xx,
    bytesPerSecond: result.throughput.average,
  };
}

/** Checks each response against what the run expects; counts the others. */
function expectation(expect: LoadExpectation) {
  let unexpected = 0;
  const seen = new Set<string>();
  const cookiePrefix = expect.newCookie ? `${expect.newCookie}=` : undefined;
  return {
    unexpected: () => unexpected,
    onResponse(status: number, _body: string, _context: object, headers: autocannon.Request['headers']) {
      const lower = Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
      let ok = status === expect.status && (expect.location === undefined || lower.location === expect.location);
      if (ok && cookiePrefix) {
        const cookies = ([] as string[]).concat(lower['set-cookie'] ?? []);
        const value = cookies.find((cookie) => cookie.startsWith(cookiePrefix))?.slice(cookiePrefix.length).split(';', 1)[0];
        ok = Boolean(value) && !seen.has(value!);
        if (value) seen.add(value);
      }
      if (!ok) unexpected++;
    },
  };
}
