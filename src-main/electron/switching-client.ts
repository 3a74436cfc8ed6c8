import { ApiError } from '../../src-shared/api/errors';
import { createApiClient } from '../../src-shared/api/client';
import type { OutpostApi } from '../../src-shared/api/handlers';
import type { CoreStatus } from './channels';

/** The slice of a DOM MessagePort the client uses (Node's MessageChannel provides it in tests). */
export type PortLike = Pick<MessagePort, 'postMessage' | 'onmessage' | 'close'>;

/** Calls made while no core is connected wait here; past this the caller is told at once. */
export const MAX_QUEUED_CALLS = 500;

export interface SwitchingApiClient {
  api: OutpostApi;
  /** Use `port` from now on. A previous port's unanswered calls fail as `unavailable`. */
  attach(port: PortLike): void;
  /** Main reports the core's health: while it restarts, answered-never calls fail and new ones wait. */
  setStatus(status: CoreStatus): void;
}

/**
 * The preload's API client: one `createApiClient` whose pipe can be swapped when the core
 * restarts or the page first connects, so listeners registered by the UI survive every switch.
 */
export function createSwitchingApiClient(): SwitchingApiClient {
  let port: PortLike | null = null;
  const queue: string[] = [];
  const client = createApiClient((frame) => {
    if (port) port.postMessage(frame);
    else if (queue.length < MAX_QUEUED_CALLS) queue.push(frame);
    else throw new Error(`the core is not connected and ${MAX_QUEUED_CALLS} calls are already waiting`);
  });

  // Only calls already sent on a live port can be lost; queued ones are still waiting for a port.
  function dropPort(reason: string): void {
    if (!port) return;
    port.onmessage = null;
    port.close();
    port = null;
    client.fail(reason);
  }

  return {
    api: client.api,
    attach(next) {
      dropPort('Outpost reconnected to its core; please retry.');
      port = next;
      // Assigning onmessage also starts a DOM MessagePort.
      next.onmessage = (event: MessageEvent<unknown>) => {
        if (typeof event.data === 'string') client.receive(event.data);
      };
      for (const frame of queue.splice(0)) next.postMessage(frame);
    },
    setStatus(status) {
      if (status.state === 'restarting') dropPort(status.message);
      client.receive(JSON.stringify({ type: 'event', name: 'core-status', payload: status }));
    },
  };
}

/**
 * contextBridge copies only an Error's message, so the UI would lose `kind`: rejections cross
 * the bridge as plain `{ name: 'ApiError', kind, message }` objects instead.
 */
export function toBridgeError(error: unknown): { name: 'ApiError'; kind: string; message: string } {
  if (error instanceof ApiError) return { name: 'ApiError', kind: error.kind, message: error.message };
  return { name: 'ApiError', kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}
