/**
 * Folded stream states by stream id, least recently used evicted first. Streams only grow, so a
 * cached state stays correct as long as the reader folds the events after its version on top:
 * this is a read-through cache of work, not of truth, and is safe across processes.
 */
export class StateCache {
  private readonly entries = new Map<string, { state: unknown; version: number }>();

  constructor(private readonly capacity = 10_000) {}

  get(streamId: string): { state: unknown; version: number } | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  set(streamId: string, state: unknown, version: number): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, { state, version });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
