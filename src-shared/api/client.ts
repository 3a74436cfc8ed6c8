import { ApiError, type ApiErrorKind } from './errors';
import type { ApiEventName, ApiEvents, OutpostApi } from './handlers';
import { ServerMessage } from './protocol';

/**
 * The caller's half of the API over any message pipe (MessagePort or WebSocket): request ids,
 * pending promises and event fan-out live here once, so both transports behave the same.
 */
export function createApiClient(send: (data: string) => void): {
  api: OutpostApi;
  receive(data: string): void;
  fail(message: string): void;
} {
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();

  const api: OutpostApi = {
    call(name, args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        try {
          send(JSON.stringify({ type: 'request', id, name, args }));
        } catch (e) {
          pending.delete(id);
          reject(new ApiError('unavailable', e instanceof Error ? e.message : String(e)));
        }
      });
    },
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
  };

  return {
    api,
    receive(data) {
      let msg: ServerMessage;
      try {
        msg = ServerMessage.parse(JSON.parse(data));
      } catch {
        return; // Not ours: a transport may carry other traffic.
      }
      if (msg.type === 'event') {
        listeners.get(msg.name)?.forEach((l) => l(msg.payload));
        return;
      }
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new ApiError(msg.error.kind as ApiErrorKind, msg.error.message));
    },
    fail(message) {
      for (const p of pending.values()) p.reject(new ApiError('unavailable', message));
      pending.clear();
    },
  };
}
