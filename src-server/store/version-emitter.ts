/**
 * The store's "new version" listeners. A version may be announced twice (by the committing code
 * and by the database's notification) or out of order after a reconnect; listeners hear each
 * version at most once and never one lower than they already heard.
 */
export class VersionEmitter {
  private readonly listeners = new Set<(version: number) => void>();

  constructor(private last: number) {}

  on(listener: (version: number) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  emit(version: number): void {
    if (version <= this.last) return;
    this.last = version;
    for (const listener of [...this.listeners]) {
      try {
        listener(version);
      } catch (e) {
        // The write is committed whatever a listener does; one failing listener must not starve the others.
        console.error('A hub store version listener failed:', e);
      }
    }
  }
}
