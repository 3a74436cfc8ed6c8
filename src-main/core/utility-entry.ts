/**
 * The core inside Electron: a utility process forked by the main process. Each renderer
 * connection arrives as a MessagePort; frames are the same JSON strings the WebSocket carries.
 */
import type { MessagePortMain } from 'electron';
import path from 'node:path';
import { startCore, type Core } from './core';
import { defaultDataDir } from './data-dir';
import { DataFolderError } from './db/open';

/** Messages from the main process. */
export type MainToCore = { type: 'connect' } | { type: 'shutdown' };
/** Messages to the main process. `fatal` means restarting cannot help; `dataFolder` ones are the user's to fix. */
export type CoreToMain = { type: 'ready' } | { type: 'fatal'; message: string; dataFolder: boolean };

const parentPort = process.parentPort;

function dataDirFromArgs(): string {
  const i = process.argv.indexOf('--data');
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  return value ? path.resolve(value) : defaultDataDir();
}

function tellMain(message: CoreToMain): void {
  parentPort.postMessage(message);
}

function serve(core: Core, port: MessagePortMain): void {
  const conn = core.dispatcher.connect((json) => port.postMessage(json));
  port.on('message', (event) => {
    if (typeof event.data === 'string') conn.receive(event.data);
  });
  port.on('close', () => conn.close());
  port.start();
}

async function start(): Promise<Core | null> {
  try {
    return await startCore({ dataDir: dataDirFromArgs(), log: (line) => process.stderr.write(`[core] ${line}\n`) });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (!(e instanceof DataFolderError)) process.stderr.write(`[core] failed to start: ${e instanceof Error ? e.stack : message}\n`);
    tellMain({ type: 'fatal', message, dataFolder: e instanceof DataFolderError });
    // Give the message time to reach the parent, which normally kills us first.
    setTimeout(() => process.exit(1), 2000);
    return null;
  }
}

const core = await start();
if (core) {
  parentPort.on('message', (event) => {
    const message = event.data as MainToCore;
    if (message.type === 'connect') {
      const port = event.ports[0];
      if (port) serve(core, port);
    } else if (message.type === 'shutdown') {
      void core.close().finally(() => process.exit(0));
    }
  });
  tellMain({ type: 'ready' });
}
