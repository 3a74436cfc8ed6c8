import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Runs this process's store writes one at a time (an async mutex: a write's function may await).
 * SQLite has one write connection that must never carry two transactions; on PostgreSQL it keeps
 * one pool connection per process waiting on the workspace lock instead of the whole pool.
 *
 * A write started from inside another write's function would wait for itself forever; it is
 * refused with a message instead. (Work the function merely scheduled, a timer say, may write once
 * the outer write is over.)
 */
export class WriteSerializer {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly inside = new AsyncLocalStorage<{ what: string; running: boolean }>();

  run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    const outer = this.inside.getStore();
    if (outer?.running) {
      return Promise.reject(new Error(`${what} cannot run inside ${outer.what}: it would wait for itself. Use the transaction's own methods, or run it after the write.`));
    }
    const result = this.tail.then(async () => {
      const context = { what, running: true };
      try {
        return await this.inside.run(context, fn);
      } finally {
        context.running = false;
      }
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every write queued so far has finished. */
  async drain(): Promise<void> {
    await this.run('closing the store', async () => undefined);
  }
}
