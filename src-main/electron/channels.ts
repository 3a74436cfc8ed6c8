/** IPC channel names shared by the main process and the preload; nothing else crosses IPC. */
export const PORT_CHANNEL = 'outpost:port';
export const CORE_STATUS_CHANNEL = 'outpost:core-status';

/**
 * What the renderer hears about the core's health, also delivered as a `core-status` API event.
 * `restarting`: the core crashed and is being restarted, calls wait; `ready`: back again.
 */
export interface CoreStatus {
  state: 'restarting' | 'ready';
  message: string;
}
