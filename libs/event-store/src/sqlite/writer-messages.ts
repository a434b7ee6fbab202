import type { AppendResult } from '../envelope';
import { ConcurrencyError, DuplicateEventError, EventStoreError, StoreUnavailableError } from '../errors';
import type { AppendRequest } from './apply-append';
import type { WalSettings } from './background-checkpoints';
import type { CommitHookModule } from './commit-hook';
import type { ConnectionOptions } from './connection';
import type { GroupCommitStats } from './group-commit';

/** What the writer thread starts with. */
export type WriterThreadData = Readonly<{
  connection: ConnectionOptions;
  wal: WalSettings;
  commitHook?: CommitHookModule;
  /** Whether to send what an AppendObserver needs (the types of the events each append added). */
  observe: boolean;
  /** OwnCommits' memory, and the head every event up to which the main thread has accounted for. */
  ownCommits: SharedArrayBuffer;
  headAtOpen: number;
}>;

export type ToWriter =
  Readonly<{ kind: 'append'; id: number; request: AppendRequest }> | Readonly<{ kind: 'close' }>;

/**
 * An error crosses as its fields: structured clone keeps only built-in error classes, and callers
 * tell a conflict from an outage by class.
 */
export type WireError =
  | Readonly<{
      kind: 'concurrency';
      streamId: string;
      expected: ConcurrencyError['expected'];
      actual: ConcurrencyError['actual'];
    }>
  | Readonly<{ kind: 'duplicate'; eventId: string }>
  | Readonly<{ kind: 'unavailable'; message: string }>
  | Readonly<{ kind: 'store'; message: string; retryable: boolean }>
  | Readonly<{ kind: 'other'; name: string; message: string; code?: unknown }>;

export type Answer =
  | Readonly<{ id: number; ok: true; result: AppendResult; added?: readonly string[] }>
  | Readonly<{ id: number; ok: false; error: WireError }>;

/**
 * One group commit's answers, after its COMMIT. `head` when it committed events; `commits`: the
 * appends of each transaction committed since the last message (for AppendObserver.committed).
 */
export type FromWriter = Readonly<{
  answers: readonly Answer[];
  head?: number;
  commits: readonly number[];
  stats: GroupCommitStats;
}>;

export const toWire = (error: unknown): WireError => {
  if (error instanceof ConcurrencyError)
    return { kind: 'concurrency', streamId: error.streamId, expected: error.expected, actual: error.actual };
  if (error instanceof DuplicateEventError) return { kind: 'duplicate', eventId: error.eventId };
  if (error instanceof StoreUnavailableError) return { kind: 'unavailable', message: error.message };
  if (error instanceof EventStoreError)
    return { kind: 'store', message: error.message, retryable: error.retryable };
  const {
    name = 'Error',
    message = String(error),
    code,
  } = (error ?? {}) as Partial<Error> & { code?: unknown };
  return { kind: 'other', name, message, code };
};

export const fromWire = (wire: WireError): Error => {
  switch (wire.kind) {
    case 'concurrency':
      return new ConcurrencyError(wire.streamId, wire.expected, wire.actual);
    case 'duplicate':
      return new DuplicateEventError(wire.eventId);
    case 'unavailable':
      return new StoreUnavailableError(wire.message);
    case 'store':
      return new EventStoreError(wire.message, wire.retryable);
    case 'other':
      return Object.assign(new Error(wire.message), { name: wire.name, code: wire.code });
  }
};
