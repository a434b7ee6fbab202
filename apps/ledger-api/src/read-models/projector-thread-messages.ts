import type { EventStoreSettings, Position } from '@credence/event-store';
import type { ProjectorState, ReadModelSettings } from '@credence/projections';

/** What the projector thread is started with: plain data, as a worker's `workerData` must be. */
export type ProjectorWorkerData = Readonly<{
  /** Without the SQLite commit hook: the thread only reads the log. */
  eventStore: Omit<EventStoreSettings, 'sqliteCommitHook'>;
  readModels: ReadModelSettings;
  /** Events per transaction (the Projector's default when unset). */
  batchSize?: number;
  /** How often the thread looks for a state change no batch reported. */
  statusEveryMs: number;
}>;

/** To the thread: the head after a commit of the main thread's (wake up), or stop. */
export type ToProjectorThread = Position | 'stop';

/** From the thread. */
export type FromProjectorThread =
  | Readonly<{ type: 'started' }>
  | Readonly<{ type: 'status'; state: ProjectorState; lastError: string | null }>
  | Readonly<{ type: 'batch-failed'; message: string }>;
