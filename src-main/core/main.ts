/**
 * The browser console: the core in a plain Node process, serving the built renderer and the
 * typed API over a WebSocket. `npm run start:web` runs this; tests and benchmarks do too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startCore } from './core';
import { defaultDataDir } from './data-dir';
import { DataFolderError } from './db/open';
import { PortInUseError, startWebConsole } from './web/server';

const DEFAULT_PORT = 5173;

function fail(message: string, code = 1): never {
  process.stderr.write(`Outpost: ${message}\n`);
  process.exit(code);
}

function staticDirNextToMe(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Bundled: dist/core/web.mjs → dist/renderer. From source: src-main/core → dist/renderer.
  const candidates = [path.resolve(here, '../renderer'), path.resolve(here, '../../dist/renderer')];
  return candidates.find((c) => fs.existsSync(path.join(c, 'index.html'))) ?? candidates[0]!;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        static: { type: 'string' },
        'demo-conversations': { type: 'string' },
      },
    }));
  } catch (e) {
    fail(`${(e as Error).message}. Usage: web [--data DIR] [--port N] [--demo-conversations N]`, 2);
  }
  const portText = values.port ?? process.env.PORT;
  const port = portText === undefined ? DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`"${portText}" is not a port number (0-65535).`, 2);
  const demo = values['demo-conversations'] === undefined ? undefined : Number(values['demo-conversations']);
  if (demo !== undefined && (!Number.isInteger(demo) || demo < 1 || demo > 1_000_000)) fail('--demo-conversations takes a whole number from 1 to 1,000,000.', 2);

  const dataDir = path.resolve(values.data ?? defaultDataDir());
  let core;
  try {
    core = await startCore({ dataDir, demoConversations: demo, log: (line) => process.stderr.write(`${line}\n`) });
  } catch (e) {
    if (e instanceof DataFolderError) fail(e.message);
    throw e;
  }

  let web;
  try {
    web = await startWebConsole({
      dispatcher: core.dispatcher,
      staticDir: path.resolve(values.static ?? staticDirNextToMe()),
      port,
      // Only the default port moves aside when taken; a port the user asked for is a promise.
      fallbackPorts: portText === undefined ? 20 : 0,
      findAttachment: (hash) => core.attachment(hash),
    });
  } catch (e) {
    await core.close();
    if (e instanceof PortInUseError) fail(e.message);
    throw e;
  }

  process.stdout.write(`Outpost console ready at ${web.url}\n`);
  process.stderr.write(`Data folder: ${dataDir}\n`);

  const stop = async () => {
    await web.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
