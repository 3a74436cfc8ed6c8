import { ApiError, createApiClient, createEventHub, type OutpostApi } from '../../src-shared/api';
import { useConnectionStore } from './connectionStore';

const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];
/** A call made while reconnecting waits this long for the socket before failing. */
const CALL_WAIT_MS = 20_000;

type Client = ReturnType<typeof createApiClient>;

/**
 * The browser console's transport: one WebSocket to `/api`, replaced with backoff whenever it
 * drops. The returned api object is stable across reconnects, so stores never hold a dead client.
 */
export function createSocketApi(token: string): OutpostApi {
  const status = useConnectionStore.getState().set;
  // One hub for every socket: listeners survive reconnects and hear every event the core pushes.
  const events = createEventHub();
  let client: Client | null = null;
  let waiters: Array<(c: Client | null) => void> = [];
  let attempt = 0;

  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api?token=${encodeURIComponent(token)}`;

  function connect(): void {
    status({ status: attempt === 0 ? 'connecting' : 'offline', retryInSeconds: null });
    const socket = new WebSocket(url);
    const next = createApiClient((data) => {
      if (socket.readyState !== WebSocket.OPEN) throw new Error('the core connection is closed');
      socket.send(data);
    }, events);

    socket.onopen = () => {
      attempt = 0;
      client = next;
      waiters.forEach((w) => w(next));
      waiters = [];
      status({ status: 'online', detail: null, epoch: useConnectionStore.getState().epoch + 1 });
    };
    socket.onmessage = (ev) => {
      if (typeof ev.data === 'string') next.receive(ev.data);
    };
    let opened = false;
    socket.addEventListener('open', () => (opened = true));
    socket.onclose = (ev) => {
      if (client === next) client = null;
      next.fail('the connection to the core was lost');
      if (ev.reason) return scheduleReconnect(ev.reason);
      if (opened) return scheduleReconnect(`closed (${ev.code})`);
      // A refused handshake looks like an unreachable core; asking for the page tells them apart.
      void fetch('./', { method: 'HEAD', cache: 'no-store' }).then(
        (r) =>
          scheduleReconnect(
            r.ok ? 'the core refused this session, probably after a restart; open the link it printed again' : 'the core is not reachable',
          ),
        () => scheduleReconnect('the core is not reachable'),
      );
    };
  }

  function scheduleReconnect(detail: string): void {
    const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 15000;
    attempt++;
    status({ status: 'offline', detail, retryInSeconds: Math.round(delay / 1000) });
    setTimeout(connect, delay);
  }

  function ready(): Promise<Client> {
    if (client) return Promise.resolve(client);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters = waiters.filter((w) => w !== done);
        reject(new ApiError('unavailable', 'the core is not reachable'));
      }, CALL_WAIT_MS);
      const done = (c: Client | null) => {
        clearTimeout(timer);
        if (c) resolve(c);
      };
      waiters.push(done);
    });
  }

  connect();

  return {
    async call(name, args) {
      const c = await ready();
      return c.api.call(name, args);
    },
    on: events.on,
  };
}
