import { comparePositions, type EventStore, type Position, type RecordedEvent, type Subscription } from '@credence/event-store';
import { CheckpointMovedError } from '../errors';
import { type AnyProjection, handles } from '../projection';
import { PROJECTIONS } from '../projections';
import { ensureCheckpoints, moveCheckpoint, readCheckpoints } from '../store/checkpoints';
import type { ReadModelDatabase } from '../store/database';
import { documentTable } from '../store/document-table';
import { applyToTable } from '../store/documents';

export type ProjectorState = 'starting' | 'running' | 'retrying' | 'stopped' | 'failed';

export type BatchReport = Readonly<{ events: number; last: Position }>;

export type ProjectorOptions = Readonly<{
  /** '' (default) writes the live tables; a staging prefix during a rebuild. */
  tablePrefix?: string;
  batchSize?: number;
  /** true (default): failures are retried with backoff; false: the projector fails and `done` rejects. */
  retry?: boolean;
  onBatch?: (report: BatchReport) => void;
  onError?: (error: unknown) => void;
}>;

const lowest = (positions: Iterable<Position | null>): Position | null =>
  [...positions].reduce<Position | null | undefined>((low, p) => (low === undefined || comparePositions(p, low) < 0 ? p : low), undefined) ?? null;

const backoffMs = (failures: number) => Math.min(100 * 2 ** Math.min(failures, 6), 5_000);

/**
 * Follows the global log through the store's catch-up subscription and applies each batch to every
 * projection in one transaction, together with the projections' checkpoints: a crash leaves either
 * the whole batch and its checkpoint, or neither. Each projection keeps its own checkpoint (a new one
 * catches up while the others skip what they have), and moves it by compare-and-set.
 */
export class Projector {
  private readonly checkpoints = new Map<string, Position | null>();
  private readonly listeners = new Set<() => void>();
  private subscription?: Subscription;
  private stopping = false;
  private wake?: () => void;
  private failure: unknown;
  state: ProjectorState = 'starting';
  lastError: string | null = null;
  done: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly rm: ReadModelDatabase,
    private readonly projections: readonly AnyProjection[] = PROJECTIONS,
    private readonly options: ProjectorOptions = {},
  ) {}

  private get prefix(): string {
    return this.options.tablePrefix ?? '';
  }

  private get names(): string[] {
    return this.projections.map((p) => p.name);
  }

  async start(): Promise<void> {
    await ensureCheckpoints(this.rm.any, this.prefix, this.names);
    await this.reload();
    this.done = this.loop();
    // Observed here so a failure is never an unhandled rejection; callers await `done` or caughtUp().
    this.done.catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.subscription?.stop();
    await this.done.catch(() => undefined);
    this.state = 'stopped';
    this.notify();
  }

  /** This projector's view of its checkpoints (the database is the truth: see readCheckpoints). */
  positions(): ReadonlyMap<string, Position | null> {
    return new Map(this.checkpoints);
  }

  /** Resolves once every projection reached `target` (at once for null); rejects if the projector fails. */
  caughtUp(target: Position | null): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.state === 'failed') reject(this.failure);
        else if ([...this.checkpoints.values()].every((p) => comparePositions(p, target) >= 0)) resolve();
        else if (this.state === 'stopped') reject(new Error('The projector stopped before catching up'));
        else return;
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private async reload(): Promise<void> {
    for (const [name, position] of await readCheckpoints(this.rm.any, this.prefix, this.names)) this.checkpoints.set(name, position);
    this.notify();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const after = lowest(this.checkpoints.values());
        this.subscription = this.store.subscribe({ after, batchSize: this.options.batchSize }, async (batch) => {
          await this.apply(batch);
          failures = 0;
        });
        this.state = 'running';
        await this.subscription.done;
        // Ended without stop(): the store was closed under us.
        if (!this.stopping) break;
      } catch (error) {
        if (this.stopping) break;
        if (!(error instanceof CheckpointMovedError)) {
          this.lastError = error instanceof Error ? error.message : String(error);
          this.options.onError?.(error);
          if (this.options.retry === false) {
            this.failure = error;
            this.state = 'failed';
            this.notify();
            throw error;
          }
          this.state = 'retrying';
          await this.pause(backoffMs(++failures));
        }
        // If the database is still down, the next batch fails again and backs off.
        await this.reload().catch(() => undefined);
      }
    }
    this.state = 'stopped';
    this.notify();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async apply(batch: readonly RecordedEvent[]): Promise<void> {
    if (batch.length === 0) return;
    const last = batch[batch.length - 1].globalPosition;
    const moved: string[] = [];
    await this.rm.any.transaction().execute(async (trx) => {
      for (const projection of this.projections) {
        const from = this.checkpoints.get(projection.name) ?? null;
        if (comparePositions(last, from) <= 0) continue;
        // First statement of the transaction is a write: on SQLite it takes the write lock at once.
        await moveCheckpoint(trx, this.prefix, projection.name, from, last);
        const fresh = batch.filter((e) => comparePositions(e.globalPosition, from) > 0).filter((e) => handles(projection, e));
        await applyToTable(documentTable(this.rm, trx, this.prefix + projection.name), projection, fresh);
        moved.push(projection.name);
      }
    });
    for (const name of moved) this.checkpoints.set(name, last);
    this.lastError = null;
    this.options.onBatch?.({ events: batch.length, last });
    this.notify();
  }
}
