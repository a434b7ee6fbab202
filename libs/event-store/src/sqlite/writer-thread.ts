import { Worker } from 'node:worker_threads';
import { WORKER_BOOTSTRAP, workerEntry } from '@credence/runtime/worker-entry';
import type { AppendResult } from '../envelope';
import { StoreUnavailableError } from '../errors';
import type { AppendObserver } from '../observer';
import type { AppendRequest } from './apply-append';
import type { GroupCommitStats } from './group-commit';
import { type FromWriter, fromWire, type WriterThreadData } from './writer-messages';

type InFlight = Readonly<{
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
  startedAt: number;
}>;

/**
 * The main thread's side of the writer thread (writer.worker.ts): posts each append, and answers it
 * when the thread reports the COMMIT that carried it. Should the thread die, every append in
 * flight and every later one fails with StoreUnavailableError: whether a lost append committed is
 * for the caller to find out, as after a crash (appends are idempotent by event id).
 */
export class WriterThread {
  private readonly worker: Worker;
  private readonly inFlight = new Map<number, InFlight>();
  private nextId = 0;
  private lastStats: GroupCommitStats = { transactions: 0, appends: 0 };
  private stopped: Error | undefined;
  private closing = false;
  private readonly exited: Promise<void>;

  constructor(
    data: WriterThreadData,
    /** `head`: the log's last position after the thread's commit; called before its appenders are answered. */
    private readonly onCommitted: (head: number) => void,
    private readonly observer?: AppendObserver,
  ) {
    const { entry, loader } = workerEntry(__dirname, 'writer.worker');
    this.worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: { ...data, entry, loader },
      execArgv: [],
    });
    this.worker.on('message', (message: FromWriter) => this.answer(message));
    let failure: unknown;
    this.worker.on('error', (error) => (failure = error));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        this.stop(
          new StoreUnavailableError(`The event store's writer thread stopped (exit code ${code})`, failure),
        );
        resolve();
      }),
    );
    // Only appends in flight keep the process alive, as a connection's would not.
    this.worker.unref();
  }

  get stats(): Readonly<GroupCommitStats> {
    return this.lastStats;
  }

  /** Why the thread stopped, unless the store closed it: then no append was lost to it. */
  get failure(): Error | undefined {
    return this.closing ? undefined : this.stopped;
  }

  append(request: AppendRequest): Promise<AppendResult> {
    if (this.stopped) return Promise.reject(this.stopped);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      if (this.inFlight.size === 0) this.worker.ref();
      this.inFlight.set(id, { resolve, reject, startedAt: performance.now() });
      this.worker.postMessage({ kind: 'append', id, request });
    });
  }

  /** The thread answers what it was sent, stops its checkpoints and closes its connection, then exits. */
  async close(): Promise<void> {
    if (!this.stopped && !this.closing) {
      this.closing = true;
      this.worker.ref();
      this.worker.postMessage({ kind: 'close' });
    }
    await this.exited;
  }

  private answer({ answers, head, commits, stats }: FromWriter): void {
    this.lastStats = stats;
    if (head !== undefined) this.onCommitted(head);
    for (const appends of commits) this.observer?.committed(appends);
    const now = performance.now();
    for (const answer of answers) {
      const waiting = this.inFlight.get(answer.id);
      if (!waiting) continue;
      this.inFlight.delete(answer.id);
      if (answer.ok) {
        waiting.resolve(answer.result);
        this.observer?.appended((now - waiting.startedAt) / 1000, answer.added ?? []);
      } else {
        waiting.reject(fromWire(answer.error));
      }
    }
    this.settled();
  }

  private stop(error: Error): void {
    this.stopped ??= error;
    for (const { reject } of this.inFlight.values()) reject(this.stopped);
    this.inFlight.clear();
    this.settled();
  }

  private settled(): void {
    if (this.inFlight.size > 0) return;
    // Referenced while closing, so that a caller awaiting close is not cut short by the process exiting.
    if (!this.stopped && !this.closing) this.worker.unref();
  }
}
