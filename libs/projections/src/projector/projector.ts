import { backoffDelay, type Backoff } from '@credence/runtime';
import { comparePositions, type EventStore, type Position, type Subscription } from '@credence/event-store';
import { CheckpointMovedError } from '../errors';
import type { AnyProjection } from '../projection';
import { PROJECTIONS } from '../projections';
import { ensureCheckpoints, moveCheckpoint, readCheckpoints } from '../store/checkpoints';
import type { ReadModelDatabase } from '../store/database';
import { documentTable } from '../store/document-table';
import { type LoadDocuments, UnitOfWork } from './unit-of-work';

export type ProjectorState = 'starting' | 'running' | 'retrying' | 'stopped' | 'failed';

export type BatchReport = Readonly<{ events: number; last: Position }>;

export type ProjectorOptions = Readonly<{
  /** '' (default) writes the live tables; a staging prefix during a rebuild. */
  tablePrefix?: string;
  /** Events per transaction, at most (default 500); fewer once the projector reaches the head of the log. */
  batchSize?: number;
  /** Events read from the log at a time (default: batchSize, at most 500): what bounds the memory of a batch. */
  pageSize?: number;
  /** true (default): failures are retried with backoff; false: the projector fails and `done` rejects. */
  retry?: boolean;
  onBatch?: (report: BatchReport) => void;
  onError?: (error: unknown) => void;
}>;

const lowest = (positions: Iterable<Position | null>): Position | null =>
  [...positions].reduce<Position | null | undefined>(
    (low, p) => (low === undefined || comparePositions(p, low) < 0 ? p : low),
    undefined,
  ) ?? null;

const DEFAULT_BATCH_SIZE = 500;
const PAGE_SIZE = 500;

const RETRY: Backoff = { initialMs: 100, maxMs: 5_000 };

/**
 * Follows the global log through the store's catch-up subscription and applies each batch (up to
 * `batchSize` events, read in pages) to every projection in one transaction, together with the
 * projections' checkpoints: a crash leaves either the whole batch and its checkpoint, or neither. Each projection keeps its own checkpoint (a new one
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

  private get batchSize(): number {
    return this.options.batchSize ?? DEFAULT_BATCH_SIZE;
  }

  /** Events read at a time: a large transaction is folded from several pages, never held as one array. */
  private get pageSize(): number {
    return this.options.pageSize ?? Math.min(this.batchSize, PAGE_SIZE);
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
    for (const [name, position] of await readCheckpoints(this.rm.any, this.prefix, this.names))
      this.checkpoints.set(name, position);
    this.notify();
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      try {
        const after = lowest(this.checkpoints.values());
        // Whatever a failed or conflicting unit had folded is dropped: it is read again from `after`.
        let unit = new UnitOfWork(this.projections, this.checkpoints);
        this.subscription = this.store.subscribe({ after, batchSize: this.pageSize }, async (page) => {
          await unit.add(page, this.load);
          if (
            unit.events >= this.batchSize ||
            page.length < this.pageSize ||
            (await this.atHead(unit.last))
          ) {
            await this.commit(unit);
            unit = new UnitOfWork(this.projections, this.checkpoints);
          }
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
          await this.pause(backoffDelay(++failures, RETRY));
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

  /**
   * Loads a page's documents in one read transaction, which Kysely holds the connection for (SQLite
   * has one: see documentTable). One snapshot instead of one per lookup: a third of the time of a
   * rebuild's lookups on SQLite, where each statement outside a transaction starts its own.
   */
  private readonly load: LoadDocuments = (requests) =>
    this.rm.any.transaction().execute(async (db) => {
      const found: ReadonlyMap<string, unknown>[] = [];
      for (const { projection, ids } of requests)
        found.push(await documentTable(this.rm, db, this.prefix + projection.name).load(ids));
      return found;
    });

  private async atHead(last: Position | null): Promise<boolean> {
    return comparePositions(last, await this.store.headPosition()) >= 0;
  }

  /**
   * Writes a unit in one transaction with the checkpoints it moves. Documents were loaded outside
   * it: the compare-and-set proves no other writer touched these tables since (every writer moves
   * the checkpoints of the tables it writes), or rolls the whole unit back.
   */
  private async commit(unit: UnitOfWork): Promise<void> {
    const moving = unit.moving();
    const last = unit.last;
    if (last === null || moving.length === 0) return;
    await this.rm.any.transaction().execute(async (trx) => {
      for (const docs of moving) {
        const name = docs.projection.name;
        // First statement of the transaction is a write: on SQLite it takes the write lock at once.
        await moveCheckpoint(trx, this.prefix, name, docs.from, last);
        const { rows, removed } = docs.changes();
        await documentTable(this.rm, trx, this.prefix + name).save(rows, removed);
      }
    });
    for (const docs of moving) this.checkpoints.set(docs.projection.name, last);
    this.lastError = null;
    this.options.onBatch?.({ events: unit.events, last });
    this.notify();
  }
}
