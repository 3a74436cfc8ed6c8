import { afterAll, beforeAll } from 'vitest';
import { connectApi, startConsoleProcess, tempDir, type ApiConnection, type ConsoleProcess } from './console-process';

/**
 * For a test file: a console on a fresh demo workspace of `conversations`, started before its
 * tests, connected as the browser console would be, and stopped after them.
 */
export function useConsoleApi(prefix: string, conversations: number): ApiConnection & { readonly process: ConsoleProcess; readonly dataDir: string } {
  const dataDir = tempDir(prefix);
  let started: ConsoleProcess | undefined;
  let connection: ApiConnection | undefined;
  beforeAll(async () => {
    started = await startConsoleProcess({ dataDir, args: ['--demo-conversations', String(conversations)] });
    connection = await connectApi(started);
  });
  afterAll(async () => {
    connection?.close();
    await started?.stop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the console is not started yet: use it inside tests or hooks');
    return value;
  };
  return {
    dataDir,
    get process() {
      return ready(started);
    },
    get api() {
      return ready(connection).api;
    },
    get ws() {
      return ready(connection).ws;
    },
    close: () => connection?.close(),
  };
}
