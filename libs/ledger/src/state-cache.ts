import type { ChangeMark } from '@credence/event-store';

export type CachedState<State = unknown> = Readonly<{
  state: State;
  version: number;
  /** Taken before the state was read (see EventStore.changeMark); undefined when the store gave none. */
  mark?: ChangeMark;
}>;

/**
 * Folded stream states by stream id, least recently used evicted first. Streams only grow, so a
 * cached state stays correct as long as the reader folds the events after its version on top:
 * this is a read-through cache of work, not of truth, and is safe across processes. With a mark,
 * the store can vouch that nothing was appended since, and the reader skips the read.
 */
export class StateCache {
  private readonly entries = new Map<string, CachedState>();

  constructor(private readonly capacity = 10_000) {}

  get(streamId: string): CachedState | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  set(streamId: string, state: unknown, version: number, mark?: ChangeMark): void {
    this.entries.delete(streamId);
    this.entries.set(streamId, mark === undefined ? { state, version } : { state, version, mark });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }
}
