import { Worker } from 'node:worker_threads';
import type { Position } from '@credence/event-store';
import type { ProjectorState } from '@credence/projections';
import { backoffDelay, type Backoff } from '@credence/runtime';
import { WORKER_BOOTSTRAP, workerEntry } from '../infrastructure/worker-entry';
import type {
  FromProjectorThread,
  ProjectorWorkerData,
  ToProjectorThread,
} from './projector-thread-messages';

export type ProjectorThreadOptions = Readonly<{
  settings: Omit<ProjectorWorkerData, 'statusEveryMs'> & Partial<Pick<ProjectorWorkerData, 'statusEveryMs'>>;
  /** A batch failed in the thread (it retries with backoff). */
  onBatchFailed: (message: string) => void;
  /** The thread ended without being stopped; it is started again after `restartInMs`. */
  onCrash: (error: unknown, restartInMs: number) => void;
  /** Restarts back off from `initialMs`; a thread that ran for `resetAfterMs` starts the count again. */
  restart?: Backoff & Readonly<{ resetAfterMs: number }>;
  /** How long `stop` waits for the last batch before it terminates the thread. */
  stopTimeoutMs?: number;
}>;

const RESTART = { initialMs: 100, maxMs: 5_000, resetAfterMs: 60_000 };

/**
 * The embedded projector in a worker thread, so its reads of the log, folds and read-model commits
 * run beside the API's event loop instead of on it. The main thread only wakes it after its own
 * commits (`committed`); the thread's store still polls for other processes' appends. It mirrors
 * the thread's state and last error, and starts a new thread (with backoff) when one dies.
 */
export class ProjectorThread {
  state: ProjectorState = 'starting';
  lastError: string | null = null;
  private worker?: Worker;
  private stopping?: Promise<void>;
  private restartTimer?: NodeJS.Timeout;
  private crashes = 0;

  constructor(private readonly options: ProjectorThreadOptions) {}

  /** The running thread, if any (a test ends it to play a crash). */
  get thread(): Worker | undefined {
    return this.worker;
  }

  /** Resolves once the first thread projects; rejects if it cannot start. */
  start(): Promise<void> {
    return this.spawn();
  }

  /**
   * Starts the thread without holding anyone up: until its first batch the state reads `starting`;
   * a thread that cannot start is reported (`retrying`, with the reason) and tried again, later.
   */
  startInBackground(): void {
    this.spawn().catch((error: unknown) => this.restartLater(error, 0));
  }

  /** The main thread committed up to `head`: the thread reads the log now. */
  committed(head: Position): void {
    const message: ToProjectorThread = head;
    this.worker?.postMessage(message);
  }

  /** Lets the thread finish its batch and close its connections; terminates it past the timeout. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      clearTimeout(this.restartTimer);
      const worker = this.worker;
      if (worker) {
        const exited = new Promise<void>((done) => worker.once('exit', () => done()));
        // Referenced again: a caller awaiting the stop must not be cut short by the process exiting.
        worker.ref();
        worker.postMessage('stop' satisfies ToProjectorThread);
        const timeout = setTimeout(() => void worker.terminate(), this.options.stopTimeoutMs ?? 10_000);
        await exited;
        clearTimeout(timeout);
      }
      this.state = 'stopped';
    })();
    return this.stopping;
  }

  private spawn(): Promise<void> {
    const { entry, loader } = workerEntry(__dirname, 'projector.worker');
    const workerData: ProjectorWorkerData & { entry: string; loader?: string } = {
      statusEveryMs: 500,
      ...this.options.settings,
      entry,
      loader,
    };
    const worker = new Worker(WORKER_BOOTSTRAP, { eval: true, workerData, execArgv: [] });
    this.worker = worker;
    const startedAt = Date.now();
    let failure: unknown;
    return new Promise<void>((started, failedToStart) => {
      let running = false;
      worker.on('message', (message: FromProjectorThread) => {
        if (message.type === 'status') {
          this.state = message.state;
          this.lastError = message.lastError;
        } else if (message.type === 'batch-failed') {
          this.options.onBatchFailed(message.message);
        } else {
          running = true;
          // Never what keeps the process alive once it projects: a process that exits without
          // stopping it leaves at most a batch uncommitted, which the next start projects again
          // from its checkpoint. Referenced until then, so that a start-up awaiting it (nothing
          // else may hold the event loop yet) is not cut short by the process exiting.
          if (!this.stopping) worker.unref();
          started();
        }
      });
      worker.on('error', (error) => (failure = error));
      worker.once('exit', (code) => {
        if (this.worker === worker) this.worker = undefined;
        if (this.stopping) return;
        const error = failure ?? new Error(`The projector thread exited with code ${code}`);
        if (!running) return failedToStart(error);
        this.restartLater(error, Date.now() - startedAt);
      });
    });
  }

  private restartLater(error: unknown, ranMs: number): void {
    const restart = this.options.restart ?? RESTART;
    if (ranMs >= restart.resetAfterMs) this.crashes = 0;
    const delay = backoffDelay(this.crashes++, restart);
    this.state = 'retrying';
    this.lastError = `The projector thread stopped: ${error instanceof Error ? error.message : String(error)}`;
    this.options.onCrash(error, delay);
    this.restartTimer = setTimeout(() => {
      // A thread that cannot start now is one more crash: it is tried again, later.
      this.spawn().catch((next: unknown) => this.restartLater(next, 0));
    }, delay);
    this.restartTimer.unref();
  }
}
