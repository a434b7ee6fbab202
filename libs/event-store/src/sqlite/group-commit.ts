import type Database from 'better-sqlite3';
import type { AppendResult } from '../envelope';
import type { AppendObserver } from '../observer';
import { applyAppend, type AppendRequest } from './apply-append';
import { toStoreError } from './sqlite-errors';
import type { Statements } from './statements';

type Pending = AppendRequest & {
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
  queuedAt: number;
};
type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

export type GroupCommitStats = { transactions: number; appends: number };

/** A stream an append of the committed transaction wrote to (a retry that wrote nothing is not one). */
export type CommittedAppend = Readonly<{ streamId: string; version: number }>;

/**
 * Work that must commit atomically with the appends (e.g. the transparency log's Merkle tree).
 * Runs once per transaction, after its appends and before COMMIT; if it throws, the whole
 * transaction rolls back and every append in it fails.
 */
export type CommitHook = (db: Database.Database) => void;

/** Positions above the head at BEGIN are this transaction's; a retry's stored events lie below it. */
const written = (
  batch: readonly AppendRequest[],
  outcomes: readonly Outcome[],
  headBefore: number,
): CommittedAppend[] =>
  outcomes.flatMap((outcome, i) =>
    outcome.ok && Number(outcome.result.lastPosition) > headBefore
      ? [{ streamId: batch[i].streamId, version: outcome.result.nextExpectedVersion }]
      : [],
  );

/** The log's head after a commit: its own last event, or the head at BEGIN when it only answered retries. */
const headAfter = (outcomes: readonly Outcome[], headBefore: number): number =>
  outcomes.reduce((head, o) => (o.ok ? Math.max(head, Number(o.result.lastPosition)) : head), headBefore);

/**
 * Group commit: appends queued while the event loop is busy share one transaction, so one fsync
 * pays for all of them. Each append runs in its own SAVEPOINT, so a conflicting append fails alone
 * while the rest commit. Callers are only answered after COMMIT returns, i.e. after the fsync.
 * better-sqlite3 is synchronous, so a flush never overlaps another: appends arriving during one
 * simply wait for the next setImmediate.
 */
export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private paused = false;
  private idleWaiters: (() => void)[] = [];
  readonly stats: GroupCommitStats = { transactions: 0, appends: 0 };

  constructor(
    private readonly db: Database.Database,
    private readonly s: Statements,
    /**
     * `head`: the log's last position once the transaction committed; `headBefore`: at its BEGIN
     * (a writer thread tells its own commits from other writers' by them, see OwnCommits).
     */
    private readonly onCommitted: (
      appended: readonly CommittedAppend[],
      head: number,
      headBefore: number,
    ) => void,
    private readonly maxAppendsPerTransaction = 1000,
    private readonly observer?: AppendObserver,
    private readonly beforeCommit?: CommitHook,
  ) {}

  append(request: AppendRequest): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...request, resolve, reject, queuedAt: performance.now() });
      this.schedule();
    });
  }

  /** Resolves once every queued append has been answered. */
  whenIdle(): Promise<void> {
    if (!this.scheduled && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Begins no transaction until `resume` (for a WAL restart, see BackgroundCheckpoints); appends
   * queue meanwhile. Never called mid-transaction: a flush runs synchronously from start to COMMIT.
   */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    if (this.queue.length > 0) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled || this.paused) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    if (this.paused) return; // resume() schedules the queue again
    const batch = this.queue.splice(0, this.maxAppendsPerTransaction);
    if (this.queue.length > 0) this.schedule();
    const { outcomes, headBefore } = this.commit(batch);
    outcomes.forEach((outcome, i) =>
      outcome.ok ? batch[i].resolve(outcome.result) : batch[i].reject(outcome.error),
    );
    if (this.observer) this.report(batch, outcomes, headBefore, this.observer);
    if (outcomes.some((o) => o.ok))
      this.onCommitted(written(batch, outcomes, headBefore), headAfter(outcomes, headBefore), headBefore);
    if (!this.scheduled) this.idleWaiters.splice(0).forEach((wake) => wake());
  }

  /** Positions above the head at BEGIN are this transaction's; a retry's stored events lie below it. */
  private report(
    batch: readonly Pending[],
    outcomes: readonly Outcome[],
    headBefore: number,
    observer: AppendObserver,
  ): void {
    const now = performance.now();
    if (outcomes.some((o) => o.ok)) observer.committed(batch.length);
    outcomes.forEach((outcome, i) => {
      if (!outcome.ok) return;
      const added = outcome.result.events
        .filter((e) => Number(e.globalPosition) > headBefore)
        .map((e) => e.type);
      observer.appended((now - batch[i].queuedAt) / 1000, added);
    });
  }

  /** `headBefore`: the log's head once the write lock is held. */
  private commit(batch: readonly Pending[]): { outcomes: Outcome[]; headBefore: number } {
    const failed = (error: unknown) => {
      const failure = { ok: false, error: toStoreError(error) } as const;
      return { outcomes: batch.map(() => failure), headBefore: 0 };
    };
    try {
      this.s.begin.run();
    } catch (error) {
      return failed(error);
    }
    try {
      const headBefore = this.s.head.get()?.head ?? 0;
      const outcomes = batch.map((request) => this.applyInSavepoint(request));
      if (outcomes.some((o) => o.ok)) this.beforeCommit?.(this.db);
      this.s.commit.run();
      this.stats.transactions += 1;
      this.stats.appends += batch.length;
      return { outcomes, headBefore };
    } catch (error) {
      this.rollbackQuietly();
      return failed(error);
    }
  }

  /** The original error is the one worth reporting; a failing ROLLBACK adds nothing to it. */
  private rollbackQuietly(): void {
    try {
      if (this.db.inTransaction) this.s.rollback.run();
    } catch {
      // SQLite has already abandoned the transaction.
    }
  }

  private applyInSavepoint(request: AppendRequest): Outcome {
    this.s.savepoint.run();
    try {
      const result = applyAppend(this.s, request);
      this.s.release.run();
      return { ok: true, result };
    } catch (error) {
      // Some errors (disk full, I/O) make SQLite roll back the whole transaction: the batch fails.
      if (!this.db.inTransaction) throw error;
      this.s.rollbackTo.run();
      this.s.release.run();
      return { ok: false, error: toStoreError(error) };
    }
  }
}
