import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { MAX_REQUEST_BYTES } from '../../../src-shared/api';
import type { Dispatcher } from '../api/dispatcher';
import { serveStatic } from './static-files';
import type { StoredBlob } from '../attachments/blob-store';
import { ATTACHMENT_ROUTE, serveAttachment } from './attachment-route';

export interface WebConsoleOptions {
  dispatcher: Dispatcher;
  staticDir: string;
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** When the port is taken, try the next ones instead of failing (for the default port only). */
  fallbackPorts?: number;
  /** Attachment bodies for GET /attachments/<hash>; without it the route answers 404. */
  findAttachment?: (contentHash: string) => Promise<StoredBlob | undefined>;
}

export interface WebConsole {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(port: number) {
    super(`Port ${port} is already in use. Stop what is using it, or start Outpost on another port: PORT=5180 npm run start:web`);
    this.name = 'PortInUseError';
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function listen(server: http.Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(e.code === 'EADDRINUSE' ? new PortInUseError(port) : e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * The browser console: the built renderer over HTTP and the core's API over a WebSocket.
 * Loopback only, and the socket needs the secret made at this launch: any web page the agent
 * visits could otherwise open ws://127.0.0.1 and read every customer's data. A browser's
 * Origin must be this console's own; tools without an Origin (the bench) still need the secret.
 */
export async function startWebConsole(opts: WebConsoleOptions): Promise<WebConsole> {
  const host = opts.host ?? '127.0.0.1';
  const token = crypto.randomBytes(24).toString('base64url');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    const attachment = req.method === 'GET' ? ATTACHMENT_ROUTE.exec(url.pathname) : null;
    if (!attachment?.[1]) return serveStatic(opts.staticDir, req, res);
    void serveAttachment(res, url, attachment[1], { authorised: (given) => sameSecret(given, token), find: opts.findAttachment ?? (async () => undefined) });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  let port = opts.port;

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    const origin = req.headers.origin;
    const allowed = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
    const reject = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== '/api') return reject('404 Not Found');
    if (origin !== undefined && !allowed.includes(origin)) return reject('403 Forbidden');
    if (!sameSecret(url.searchParams.get('token') ?? '', token)) return reject('401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = opts.dispatcher.connect((frame) => {
        if (ws.readyState === ws.OPEN) ws.send(frame);
      });
      ws.on('message', (data, isBinary) => {
        if (isBinary) return ws.close(1003, 'text frames only');
        conn.receive(data.toString());
      });
      ws.on('close', () => conn.close());
      ws.on('error', () => conn.close());
    });
  });

  const tries = Math.max(1, (opts.fallbackPorts ?? 0) + 1);
  for (let i = 0; ; i++) {
    try {
      port = await listen(server, host, opts.port === 0 ? 0 : opts.port + i);
      break;
    } catch (e) {
      if (!(e instanceof PortInUseError) || i + 1 >= tries) throw e instanceof PortInUseError ? new PortInUseError(opts.port) : e;
    }
  }

  return {
    url: `http://${host}:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
