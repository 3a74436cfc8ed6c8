import pg from 'pg';

export const VERSION_CHANNEL = 'outpost_hub_version';
const RETRY_MIN_MS = 100;
const RETRY_MAX_MS = 5_000;

export interface VersionListener {
  close(): Promise<void>;
}

/**
 * LISTENs for versions committed by any hub process on the database, on a connection of its own
 * that comes back by itself when it drops (database restart, network cut, idle kill). After each
 * (re)connect it reads the current version, so a commit made while it was away is still heard.
 */
export async function listenForVersions(
  config: pg.ClientConfig,
  heard: (version: number) => void,
  readVersion: () => Promise<number>,
): Promise<VersionListener> {
  let closed = false;
  let client: pg.Client | undefined;
  let retryMs = RETRY_MIN_MS;
  let timer: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    const c = new pg.Client({ ...config, application_name: 'outpost-hub-listener' });
    c.on('error', () => undefined); // a dropped connection also ends: 'end' reconnects
    c.on('notification', (n) => {
      if (n.channel !== VERSION_CHANNEL || !n.payload) return;
      const version = Number(n.payload);
      if (Number.isSafeInteger(version)) heard(version);
    });
    c.on('end', () => {
      if (client === c) client = undefined;
      if (!closed) reconnectSoon();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${VERSION_CHANNEL}`);
    } catch (e) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
      throw e;
    }
    if (closed) {
      await c.end();
      return;
    }
    client = c;
    retryMs = RETRY_MIN_MS;
    // Catching up is best effort: if this read fails, the next commit's notification still arrives.
    readVersion().then(heard, () => undefined);
  }

  function reconnectSoon(): void {
    if (timer || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().catch(() => {
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
        reconnectSoon();
      });
    }, retryMs);
    timer.unref();
  }

  await connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await client?.end();
    },
  };
}
