// The load generator's own process: it receives a run over IPC, fires autocannon and answers with a summary.
import autocannon from 'autocannon';
import type { LoadRequest, LoadResponse } from './load.js';

process.on('message', (message: LoadRequest) => {
  void run(message).then(
    (summary) => process.send?.({ id: message.id, summary } satisfies LoadResponse),
    (error: unknown) => process.send?.({ id: message.id, error: String(error) } satisfies LoadResponse),
  );
});

async function run(request: LoadRequest) {
  const result = await autocannon({
    url: request.url,
    duration: request.seconds,
    connections: request.connections,
    pipelining: request.pipelining,
  });
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    bytesPerSecond: result.throughput.average,
  };
}
