import type Database from 'better-sqlite3';
import { ChangeCounter } from '@credence/sqlite';
import type { ChangeMark } from '../event-store';
import type { CommittedAppend } from './group-commit';
import { RecentAppends } from './recent-appends';

/** What the store can tell a cache without reading the log (see EventStore.changeMark). */
export type ChangeMarks = Readonly<{
  mark: () => ChangeMark;
  unchangedSince: (streamId: string, mark: ChangeMark) => boolean;
  markOfAppend: (streamId: string, version: number) => ChangeMark | undefined;
}>;

/**
 * Marks for a store that commits on its own connection: marks are the connection's change count
 * (see ChangeCounter). A commit by another connection moves past every mark; this store's own
 * commits move past the marks of the streams they wrote to only, so one request's appends do not
 * send every other cached stream back to the file.
 */
export class StreamChanges implements ChangeMarks {
  private readonly counter: ChangeCounter;
  private readonly recent: RecentAppends;

  constructor(db: Database.Database, capacity = 10_000) {
    this.counter = new ChangeCounter(db, { oncePerTurn: true });
    this.recent = new RecentAppends(capacity);
  }

  mark(): ChangeMark {
    return this.counter.current();
  }

  unchangedSince(streamId: string, mark: ChangeMark): boolean {
    this.counter.current();
    if (this.counter.lastOutsideChange > mark) return false;
    return this.recent.markOf(streamId) <= mark;
  }

  markOfAppend(streamId: string, version: number): ChangeMark | undefined {
    return this.recent.markOfAppend(streamId, version);
  }

  /** Called synchronously right after COMMIT, before any appender is answered. */
  committed(appended: readonly CommittedAppend[]): void {
    this.recent.record(appended, this.counter.ownCommit());
  }
}
