import type Database from 'better-sqlite3';

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

  constructor(db: Database.Database) {
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.seenDataVersion = this.dataVersion.get()!;
  }

  /** The count now, after looking for commits made by other connections. */
  current(): number {
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
