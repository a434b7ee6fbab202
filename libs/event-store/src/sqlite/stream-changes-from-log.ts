import type Database from 'better-sqlite3';
import { ChangeCounter } from '@credence/sqlite';
import type { ChangeMark } from '../event-store';
import type { OwnCommits } from './own-commits';
import { RecentAppends } from './recent-appends';
import type { ChangeMarks } from './stream-changes';
import type { Statements } from './statements';

/**
 * Marks for a store whose appends commit on another connection (its writer thread): every one of
 * them moves this connection's PRAGMA data_version, as another process's commit would. Rather than
 * count each as an outside change (every cached stream read again), the new events' streams are
 * read from the log, when the writer's shared OwnCommits says every new event is its own: those
 * streams move past the marks, the others stay vouched for. Anything it cannot explain (another
 * process's events, a log that got shorter) moves past every mark, as in StreamChanges.
 */
export class StreamChangesFromLog implements ChangeMarks {
  private readonly counter: ChangeCounter;
  private readonly recent: RecentAppends;
  /** Every event up to this position has moved the marks it should. */
  private accounted: number;
  private examinedUpTo = 0;
  private outside: ChangeMark = 0;

  constructor(
    db: Database.Database,
    private readonly s: Statements,
    private readonly own: OwnCommits,
    headAtOpen: number,
    capacity = 10_000,
  ) {
    this.counter = new ChangeCounter(db, { oncePerTurn: true });
    this.recent = new RecentAppends(capacity);
    this.accounted = headAtOpen;
  }

  mark(): ChangeMark {
    return this.look();
  }

  unchangedSince(streamId: string, mark: ChangeMark): boolean {
    this.look();
    return this.outside <= mark && this.recent.markOf(streamId) <= mark;
  }

  markOfAppend(streamId: string, version: number): ChangeMark | undefined {
    return this.recent.markOfAppend(streamId, version);
  }

  /** The writer reported a commit up to `head`: before its appenders are answered. */
  committed(head: number): void {
    if (head > this.accounted) this.advance(head, this.counter.ownCommit());
  }

  /** The count now; when data_version moved since the last look, the new events move their marks. */
  private look(): ChangeMark {
    const count = this.counter.current();
    if (this.counter.lastOutsideChange > this.examinedUpTo) {
      this.examinedUpTo = this.counter.lastOutsideChange;
      this.advance(this.s.head.get()?.head ?? 0, count);
    }
    return count;
  }

  private advance(head: number, mark: ChangeMark): void {
    if (head === this.accounted) return;
    if (head > this.accounted && this.own.explains(this.accounted, head)) {
      const written = this.s.streamsWritten.all(this.accounted, head);
      this.recent.record(
        written.map((row) => ({ streamId: row.stream_id, version: row.version })),
        mark,
      );
    } else {
      this.outside = mark;
    }
    this.accounted = head;
  }
}
