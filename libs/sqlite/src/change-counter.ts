import type Database from 'better-sqlite3';

export type ChangeCounterOptions = Readonly<{
  /**
   * Ask SQLite at most once per event-loop turn: the first `current` of a macrotask runs the
   * pragma, and it and every microtask continuation of that macrotask (every `await` that resumes
   * before the loop moves on) share its answer; the next macrotask asks again. A request that
   * starts after another process's commit starts in a later macrotask than the one whose answer
   * missed that commit: its bytes arrived after the commit, and the macrotask that reads them
   * asks anew. So "a change by another process is seen by the next request" still holds; only
   * work already under way in the same turn goes on with the answer it had, as it would have had
   * it asked a moment before the commit.
   */
  oncePerTurn?: boolean;
}>;

/**
 * A number that grows whenever the file may have changed: on every commit this process reports
 * through `ownCommit`, and whenever SQLite's `PRAGMA data_version` moved, which it does when
 * another connection (in this process or another) committed. A cache that notes the count before
 * it reads may trust what it read for as long as the count stays the same, at the cost of one
 * pragma instead of one query.
 */
export class ChangeCounter {
  private readonly dataVersion: Database.Statement<[], number>;
  private seenDataVersion: number;
  private count = 0;
  private outside = 0;
  private askedThisTurn = false;
  /** Runs once the turn's microtasks are done: a tick queued from a microtask waits for all of them. */
  private readonly turnEnded = () => {
    this.askedThisTurn = false;
  };

  constructor(
    db: Database.Database,
    private readonly options: ChangeCounterOptions = {},
  ) {
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.seenDataVersion = this.dataVersion.get()!;
  }

  /** The count now, after looking for commits made by other connections. */
  current(): number {
    if (this.askedThisTurn) return this.count;
    if (this.options.oncePerTurn) {
      this.askedThisTurn = true;
      process.nextTick(this.turnEnded);
    }
    const dataVersion = this.dataVersion.get()!;
    if (dataVersion !== this.seenDataVersion) {
      this.seenDataVersion = dataVersion;
      this.outside = this.count += 1;
    }
    return this.count;
  }

  /** The count at which the last commit by another connection was seen (as of the last `current`). */
  get lastOutsideChange(): number {
    return this.outside;
  }

  /** Called right after this connection committed (data_version does not see its own commits). */
  ownCommit(): number {
    return (this.count += 1);
  }
}
