import net from 'node:net';

/**
 * A TCP relay in front of a hub: the "network cable" of one desktop. `cut()` drops every
 * connection and refuses new ones (the desktop is offline while the hub and others go on);
 * `restore()` listens again on the same port.
 */
export interface TcpProxy {
  url: string;
  cut(): Promise<void>;
  /** Stops relaying on the connections open now, without closing them (a silently dead link); new connections work. */
  freeze(): void;
  /** Cuts (as `cut`) once `bytes` more bytes have come back from the target: a connection dropped mid-transfer. */
  cutAfterBytes(bytes: number): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let onDownstream: ((bytes: number) => void) | null = null;
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    upstream.on('data', (chunk: Buffer) => onDownstream?.(chunk.length));
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  const port = await listen(0);
  const cut = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  return {
    url: `http://127.0.0.1:${port}`,
    cut,
    freeze: () => {
      for (const s of sockets) {
        s.unpipe();
        s.pause();
      }
    },
    cutAfterBytes: (bytes) =>
      new Promise<void>((resolve) => {
        let seen = 0;
        onDownstream = (n) => {
          seen += n;
          if (seen < bytes) return;
          onDownstream = null;
          void cut().then(resolve);
        };
      }),
    restore: async () => {
      if (!server.listening) await listen(port);
    },
    close: cut,
  };
}
