import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The floor: a bare instance of the same Fastify package, one route answering the given bytes from
 * memory. What the app does on top of it (hooks, headers, database, rendering) is what the ratio shows.
 */
export async function startFloor(response: { body: Buffer; contentType: string }, path = '/'): Promise<RunningServer> {
  const floor = Fastify({ logger: false });
  floor.get(path, (_request, reply) => {
    reply.type(response.contentType).send(response.body);
  });
  await floor.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${serverOrigin(floor.server.address())}${path}`, close: () => floor.close() };
}

export function serverOrigin(address: AddressInfo | string | null): string {
  if (!address || typeof address === 'string') throw new Error(`unexpected server address: ${String(address)}`);
  return `http://127.0.0.1:${address.port}`;
}
