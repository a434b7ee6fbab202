import type { ChangeMark } from '../event-store';

/**
 * The mark of the last append to each stream, least recent first, bounded: a stream forgotten to
 * make room counts as written at `forgottenUpTo`, the newest mark among the forgotten.
 */
export class RecentAppends {
  private readonly last = new Map<string, { mark: ChangeMark; version: number }>();
  private forgottenUpTo: ChangeMark = 0;

  constructor(private readonly capacity: number) {}

  /** The mark at which the stream was last written, as far as this store can tell. */
  markOf(streamId: string): ChangeMark {
    return this.last.get(streamId)?.mark ?? this.forgottenUpTo;
  }

  markOfAppend(streamId: string, version: number): ChangeMark | undefined {
    const last = this.last.get(streamId);
    return last?.version === version ? last.mark : undefined;
  }

  /** Records one commit's streams; evicts past the capacity once the commit's streams are in. */
  record(appended: Iterable<Readonly<{ streamId: string; version: number }>>, mark: ChangeMark): void {
    for (const { streamId, version } of appended) {
      this.last.delete(streamId);
      this.last.set(streamId, { mark, version });
    }
    // One iterator for the commit's evictions: a fresh `entries().next()` per eviction stepped over
    // every deleted slot at the map's front that V8 had not compacted yet, about 15 µs each
    // (bench/README.md, "wip/prof").
    let excess = this.last.size - this.capacity;
    if (excess <= 0) return;
    for (const [oldest, { mark: forgotten }] of this.last) {
      this.last.delete(oldest);
      this.forgottenUpTo = forgotten;
      if (--excess === 0) break;
    }
  }
}
