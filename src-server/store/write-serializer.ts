import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Runs this process's store writes one at a time (an async mutex: a write's function may await).
 * SQLite has one write connection that must never carry two transactions; on PostgreSQL it keeps
 * one pool connection per process waiting on the workspace lock instead of the whole pool.
 *
 * A write started from inside another write's function would wait for itself forever; it is
 * refused with a message instead.
 */
export class WriteSerializer {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly inside = new AsyncLocalStorage<string>();

  run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    const outer = this.inside.getStore();
    if (outer !== undefined) {
      return Promise.reject(new Error(`${what} cannot run inside ${outer}: it would wait for itself. Use the transaction's own methods, or run it after the write.`));
    }
    const result = this.tail.then(() => this.inside.run(what, fn));
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once every write queued so far has finished. */
  async drain(): Promise<void> {
    await this.run('closing the store', async () => undefined);
  }
}
