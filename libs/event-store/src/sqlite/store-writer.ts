import type Database from 'better-sqlite3';
import type { AppendResult } from '../envelope';
import { EventStoreError } from '../errors';
import type { AppendObserver } from '../observer';
import type { AppendRequest } from './apply-append';
import { BackgroundCheckpoints, WAL_DEFAULTS, type WalSettings } from './background-checkpoints';
import { type CommitHookModule, loadCommitHook } from './commit-hook';
import type { ConnectionOptions } from './connection';
import { type CommitHook, GroupCommit, type GroupCommitStats } from './group-commit';
import { OwnCommits } from './own-commits';
import type { Statements } from './statements';
import { type ChangeMarks, StreamChanges } from './stream-changes';
import { StreamChangesFromLog } from './stream-changes-from-log';
import { WriterThread } from './writer-thread';

export type WriterOptions = ConnectionOptions &
  Readonly<{
    /** Told about every commit and append, for metrics. */
    observer?: AppendObserver;
    /**
     * Runs inside every append transaction, before COMMIT (see CommitHook). A writer thread needs
     * it as a module it can load (CommitHookModule): a function cannot cross threads.
     */
    commitHook?: CommitHook | CommitHookModule;
    /** When and how the WAL is checkpointed off the writer's commits (see BackgroundCheckpoints). */
    wal?: Partial<WalSettings>;
    /**
     * Appends are written by a worker thread with its own connection, so COMMIT's fsync never
     * blocks this event loop; reads stay on this thread's connection (see WriterThread).
     */
    writerThread?: boolean;
  }>;

/** Where a store's appends are committed, and the change marks that go with it. */
export type StoreWriter = Readonly<{
  append: (request: AppendRequest) => Promise<AppendResult>;
  stats: () => Readonly<GroupCommitStats>;
  /** Answers every append already made, then stops what runs beside the writer (checkpoints, thread). */
  close: () => Promise<void>;
  changes: ChangeMarks;
  /** Why appends fail for good (a stopped writer thread); undefined while they can succeed. */
  failure: () => Error | undefined;
}>;

/** `committed(head)` runs after each commit with events, before its appenders are answered. */
type OnCommitted = (head: number) => void;

/** The writer on the store's own connection, on the caller's event loop. */
const inlineWriter = (
  db: Database.Database,
  s: Statements,
  options: WriterOptions,
  committed: OnCommitted,
): StoreWriter => {
  const changes = new StreamChanges(db);
  // eslint-disable-next-line prefer-const -- the writer and the checkpoints each need the other
  let checkpoints: BackgroundCheckpoints;
  const onCommitted = (appended: Parameters<StreamChanges['committed']>[0], head: number) => {
    changes.committed(appended);
    committed(head);
    checkpoints.committed();
  };
  const hook = loadCommitHook(options.commitHook);
  const writer = new GroupCommit(db, s, onCommitted, undefined, options.observer, hook);
  checkpoints = new BackgroundCheckpoints(db, options.path, writer, { ...WAL_DEFAULTS, ...options.wal });
  return {
    append: (request) => writer.append(request),
    stats: () => ({ ...writer.stats }),
    close: async () => {
      await writer.whenIdle();
      await checkpoints.stop();
    },
    changes,
    failure: () => undefined,
  };
};

/** The writer in a worker thread; this connection only reads. */
const threadWriter = (
  db: Database.Database,
  s: Statements,
  options: WriterOptions,
  committed: OnCommitted,
): StoreWriter => {
  const { path, busyTimeoutMs, cacheKib, commitHook, observer } = options;
  if (path === ':memory:') throw new EventStoreError('A writer thread needs a file, not :memory:');
  if (typeof commitHook === 'function')
    throw new EventStoreError('A writer thread needs its commit hook as a module (CommitHookModule)');
  const headAtOpen = s.head.get()?.head ?? 0;
  const own = new OwnCommits(undefined, headAtOpen);
  const changes = new StreamChangesFromLog(db, s, own, headAtOpen);
  const data = {
    connection: { path, busyTimeoutMs, cacheKib },
    wal: { ...WAL_DEFAULTS, ...options.wal },
    commitHook,
    observe: observer !== undefined,
    ownCommits: own.buffer,
    headAtOpen,
  };
  const onCommitted = (head: number) => {
    changes.committed(head);
    committed(head);
  };
  const thread = new WriterThread(data, onCommitted, observer);
  return {
    append: (request) => thread.append(request),
    stats: () => thread.stats,
    close: () => thread.close(),
    changes,
    failure: () => thread.failure,
  };
};

export const openWriter = (
  db: Database.Database,
  s: Statements,
  options: WriterOptions,
  committed: OnCommitted,
): StoreWriter =>
  options.writerThread ? threadWriter(db, s, options, committed) : inlineWriter(db, s, options, committed);
