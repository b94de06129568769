import net from 'node:net';

/**
 * A loopback TCP relay to a real server, which a test can cut to take the server away (every open
 * connection broken, every new one closed at once, as a restarting server or a failed network does),
 * then restore on the same port, as the server coming back.
 */
export async function startTcpProxy(target: { host: string; port: number }, options: { reset?: boolean } = {}) {
  const sockets = new Set<net.Socket>();
  let cut = false;
  // A reset (RST) is what a peer sees when the network fails or a fail-over moves the address; a plain
  // close is a server going away politely.
  const drop = (socket: net.Socket) => (options.reset ? socket.resetAndDestroy() : socket.destroy());
  const server = net.createServer((client) => {
    if (cut) {
      drop(client);
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
    for (const s of sockets) drop(s);
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
