import { ApiError, type ApiErrorKind } from './errors';
import type { ApiEventName, ApiEvents, OutpostApi } from './handlers';
import { ServerMessage } from './protocol';

/** Listeners of pushed events. A transport that replaces its pipe (a reconnecting socket) keeps one hub for every pipe. */
export function createEventHub(): { on: OutpostApi['on']; emit(name: string, payload: unknown): void } {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  return {
    on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    emit(name, payload) {
      listeners.get(name)?.forEach((l) => l(payload));
    },
  };
}

/**
 * The caller's half of the API over any message pipe (MessagePort or WebSocket): request ids,
 * pending promises and event fan-out live here once, so both transports behave the same.
 */
export function createApiClient(send: (data: string) => void, events = createEventHub()): {
  api: OutpostApi;
  receive(data: string): void;
  fail(message: string): void;
} {
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
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
    on: events.on,
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
        events.emit(msg.name, msg.payload);
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
