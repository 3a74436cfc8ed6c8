import { contextBridge, ipcRenderer } from 'electron';
import type { OutpostApi } from '../../src-shared/api/handlers';
import { CORE_STATUS_CHANNEL, PORT_CHANNEL, type CoreStatus } from './channels';
import { createSwitchingApiClient, toBridgeError } from './switching-client';

// Sandboxed preload: only `electron` may be required, everything else is bundled in.
// ipcRenderer messages can only come from the main process, which checks the page URL before sending.
const client = createSwitchingApiClient();

ipcRenderer.on(PORT_CHANNEL, (event) => {
  const port = event.ports[0];
  if (port) client.attach(port);
});

ipcRenderer.on(CORE_STATUS_CHANNEL, (_event, status: CoreStatus) => client.setStatus(status));

// The whole surface the page gets: two functions, no ipcRenderer, no Node.
const outpost: OutpostApi = {
  call: (name, args) => client.api.call(name, args).catch((error: unknown) => Promise.reject(toBridgeError(error))),
  on: (event, listener) => client.api.on(event, listener),
};
contextBridge.exposeInMainWorld('outpost', outpost);
