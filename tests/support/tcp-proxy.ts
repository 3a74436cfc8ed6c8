import net from 'node:net';

/**
 * A loopback TCP proxy in front of a hub, standing in for a desktop's network: `setOnline(false)`
 * cuts every open connection and refuses new ones, the way a dropped Wi-Fi does, without any test
 * hook in the code under test.
 */
export interface TcpProxy {
  port: number;
  url: string;
  setOnline(online: boolean): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  let online = true;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (!online) return void client.destroy();
    const upstream = net.connect(targetPort, targetHost);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('close', () => open.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    setOnline(next) {
      online = next;
      if (!next) for (const s of open) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
