import net from 'node:net';

/**
 * A loopback TCP relay to a real server, which a test can cut to take the server away (every open
 * connection broken, every new one closed at once, as a restarting server or a failed network does),
 * then restore on the same port, as the server coming back.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>();
  let cut = false;
  const server = net.createServer((client) => {
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  const breakAll = () => {
    for (const s of sockets) s.destroy();
  };
  return {
    port: address.port,
    /** Breaks every connection and refuses new ones until `restore`. */
    cut(): void {
      cut = true;
      breakAll();
    },
    restore(): void {
      cut = false;
    },
    async close(): Promise<void> {
      cut = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        breakAll();
      });
    },
  };
}
