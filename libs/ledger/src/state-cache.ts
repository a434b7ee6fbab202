import type { ChangeMark, Position } from '@credence/event-store';
import { LruMap } from '@credence/runtime';

export type CachedState<State = unknown> = Readonly<{
  state: State;
  version: number;
  /** Global position of the stream's last event as of `version`; null when it did not exist. */
  position: Position | null;
  /** Taken before the state was read (see EventStore.changeMark); undefined when the store gave none. */
  mark?: ChangeMark;
  /**
   * Every command id among the stream's events up to `version`; it may also hold ids of later
   * events (it is shared with the stream's later entries), never one the stream lacks. A command
   * not in it is no replay, so it can be decided on this state without a read. Undefined when
   * not known.
   */
  commandIds?: Set<string>;
}>;

/**
 * Folded stream states by stream id, least recently used evicted first. Streams only grow, so a
 * cached state stays correct as long as the reader folds the events after its version on top:
 * this is a read-through cache of work, not of truth, and is safe across processes. With a mark,
 * the store can vouch that nothing was appended since, and the reader skips the read.
 */
export class StateCache {
  private readonly entries: LruMap<string, CachedState>;

  /** 10,000 folded states took 6.6 MB of heap under the bench's issuance load (issue 20). */
  constructor(capacity = 10_000) {
    this.entries = new LruMap(capacity);
  }

  get(streamId: string): CachedState | undefined {
    return this.entries.get(streamId);
  }

  set(streamId: string, entry: CachedState): void {
    this.entries.set(streamId, entry);
  }
}
