import type Database from 'better-sqlite3';
import { ChangeCounter } from '@credence/sqlite';
import type { ChangeMark } from '../event-store';
import type { CommittedAppend } from './group-commit';

/**
 * What the store can tell a cache without reading the log: marks are the connection's change count
 * (see ChangeCounter). A commit by another connection moves past every mark; this store's own
 * commits move past the marks of the streams they wrote to only, so one request's appends do not
 * send every other cached stream back to the file.
 */
export class StreamChanges {
  private readonly counter: ChangeCounter;
  /** This store's last append per stream, least recent first; bounded, see `forgottenUpTo`. */
  private readonly lastAppend = new Map<string, { mark: ChangeMark; version: number }>();
  /** The newest mark among forgotten appends: a stream not in `lastAppend` may have been written up to it. */
  private forgottenUpTo: ChangeMark = 0;

  constructor(
    db: Database.Database,
    private readonly capacity = 10_000,
  ) {
    this.counter = new ChangeCounter(db, { oncePerTurn: true });
  }

  mark(): ChangeMark {
    return this.counter.current();
  }

  unchangedSince(streamId: string, mark: ChangeMark): boolean {
    this.counter.current();
    if (this.counter.lastOutsideChange > mark) return false;
    return (this.lastAppend.get(streamId)?.mark ?? this.forgottenUpTo) <= mark;
  }

  markOfAppend(streamId: string, version: number): ChangeMark | undefined {
    const last = this.lastAppend.get(streamId);
    return last?.version === version ? last.mark : undefined;
  }

  /** Called synchronously right after COMMIT, before any appender is answered. */
  committed(appended: readonly CommittedAppend[]): void {
    const mark = this.counter.ownCommit();
    for (const { streamId, version } of appended) {
      this.lastAppend.delete(streamId);
      this.lastAppend.set(streamId, { mark, version });
    }
    // One iterator for the commit's evictions: a fresh `entries().next()` per eviction stepped over
    // every deleted slot at the map's front that V8 had not compacted yet, about 15 µs each
    // (bench/README.md, "wip/prof").
    let excess = this.lastAppend.size - this.capacity;
    if (excess <= 0) return;
    for (const [oldest, { mark: forgotten }] of this.lastAppend) {
      this.lastAppend.delete(oldest);
      this.forgottenUpTo = forgotten;
      if (--excess === 0) break;
    }
  }
}
