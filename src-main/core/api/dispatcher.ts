import { ApiArgs, ApiError, ApiRequest, MAX_REQUEST_BYTES, type ApiName, type ApiParsedArgsOf, type ApiResultOf } from '../../../src-shared/api';
import type { ApiEventName, ApiEvents } from '../../../src-shared/api';

/** The console that made a call, as far as a handler needs it: to let go of what it holds when that console disconnects. */
export interface Caller {
  onClose(release: () => void): () => void;
}

export type Handlers = { [N in ApiName]: (args: ApiParsedArgsOf<N>, caller: Caller) => ApiResultOf<N> | Promise<ApiResultOf<N>> };

/** One connected console (a MessagePort or a WebSocket): feed it raw frames, it answers through `send`. */
export interface Connection {
  receive(frame: string): void;
  close(): void;
}

type Listener = (json: string) => void;

/**
 * Validates every frame and every handler's arguments before any handler runs, so a malformed
 * payload is answered with a clear `invalid` error and touches nothing.
 */
export class Dispatcher {
  private readonly connections = new Set<Listener>();

  constructor(private readonly handlers: Handlers) {}

  connect(send: Listener): Connection {
    this.connections.add(send);
    const releases = new Set<() => void>();
    const caller: Caller = {
      onClose(release) {
        releases.add(release);
        return () => releases.delete(release);
      },
    };
    return {
      receive: (frame) => void this.handle(frame, send, caller),
      close: () => {
        this.connections.delete(send);
        for (const release of releases) release();
        releases.clear();
      },
    };
  }

  broadcast<E extends ApiEventName>(name: E, payload: ApiEvents[E]): void {
    const frame = JSON.stringify({ type: 'event', name, payload });
    for (const send of this.connections) send(frame);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  private async handle(frame: string, send: Listener, caller: Caller): Promise<void> {
    let id = 0;
    try {
      if (frame.length > MAX_REQUEST_BYTES) throw new ApiError('invalid', `request of ${frame.length} bytes exceeds the ${MAX_REQUEST_BYTES}-byte limit`);
      let json: unknown;
      try {
        json = JSON.parse(frame);
      } catch {
        throw new ApiError('invalid', 'request is not valid JSON');
      }
      const req = ApiRequest.safeParse(json);
      if (!req.success) throw new ApiError('invalid', 'request is not an Outpost API request');
      id = req.data.id;
      const name = req.data.name as ApiName;
      if (!Object.hasOwn(ApiArgs, name)) throw new ApiError('invalid', `unknown API call "${req.data.name}"`);
      const args = ApiArgs[name].safeParse(req.data.args ?? {});
      if (!args.success) {
        const why = args.error.issues.map((i) => `${i.path.join('.') || 'args'}: ${i.message}`).join('; ');
        throw new ApiError('invalid', `${name}: ${why}`);
      }
      const handler = this.handlers[name] as (a: unknown, c: Caller) => unknown;
      const result = await handler(args.data, caller);
      send(JSON.stringify({ type: 'response', id, ok: true, result }));
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('internal', e instanceof Error ? e.message : String(e));
      if (err.kind === 'internal') console.error('[core] handler failed:', e);
      send(JSON.stringify({ type: 'response', id, ok: false, error: { kind: err.kind, message: err.message } }));
    }
  }
}
