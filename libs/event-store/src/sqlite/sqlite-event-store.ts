import type Database from 'better-sqlite3';
import type { AppendResult, ExpectedVersion, NewEvent, Position, RecordedEvent } from '../envelope';
import { EventStoreError, InvalidPositionError } from '../errors';
import {
  EventStore,
  type BatchHandler,
  type ChangeMark,
  type EventSchemaVersions,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from '../event-store';
import { sequencePosition } from '../position';
import { openConnection } from './connection';
import type { GroupCommitStats } from './group-commit';
import { toStoreError } from './sqlite-errors';
import { prepareStatements, toRecordedEvent, type Statements } from './statements';
import { openWriter, type StoreWriter, type WriterOptions } from './store-writer';
import { CommitSignal, followLog, type LogScan } from './subscription';

export type SqliteEventStoreOptions = WriterOptions &
  Readonly<{
    /** How often idle subscriptions look for appends made by other processes. */
    pollIntervalMs?: number;
    /** The caller's event types and their schema versions (the log itself holds only the caller's events). */
    schemaVersions?: EventSchemaVersions;
  }>;

export type SqliteSettings = Readonly<{
  journalMode: string;
  /** 2 = FULL: every commit is fsynced. */
  synchronous: number;
  busyTimeoutMs: number;
  schemaVersion: number;
}>;

/** SQLite positions are the gapless rowid, written as a decimal string. */
const rowidAfter = (after: Position | null | undefined): number => {
  if (after === null || after === undefined) return 0;
  if (!/^\d{1,15}$/.test(after)) throw new InvalidPositionError(after);
  return Number(after);
};

const limit = (maxCount: number | undefined): number => (maxCount === undefined ? -1 : Math.max(0, maxCount));

/** The embedded adapter: one SQLite file in WAL mode, shared safely by several processes. */
export class SqliteEventStore extends EventStore {
  private readonly signal = new CommitSignal();
  private readonly writer: StoreWriter;
  private readonly subscriptions = new Set<Subscription>();
  private readonly commitListeners = new Set<(head: Position) => void>();
  private closed = false;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly db: Database.Database,
    private readonly s: Statements,
    private readonly pollIntervalMs: number,
    options: SqliteEventStoreOptions,
  ) {
    super(options.schemaVersions);
    const committed = (head: number) => {
      this.signal.notify();
      if (this.commitListeners.size > 0) {
        const position = sequencePosition(head);
        for (const listener of [...this.commitListeners]) listener(position);
      }
    };
    this.writer = openWriter(db, s, options, committed);
  }

  /** Opens (creating or migrating) the file; throws StoreUnavailableError when it cannot. */
  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const db = openConnection(options);
    try {
      return new SqliteEventStore(db, prepareStatements(db), options.pollIntervalMs ?? 200, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  /** Transactions committed and appends they carried, for benchmarks and the group-commit test. */
  get stats(): Readonly<GroupCommitStats> {
    return this.writer.stats();
  }

  /** This connection's durability settings (synchronous is per connection, so it must be asked here). */
  settings(): SqliteSettings {
    return this.read(() => ({
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
      schemaVersion: Number(this.db.pragma('user_version', { simple: true })),
    }));
  }

  override append(
    streamId: string,
    events: readonly NewEvent[],
    options: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreError('The event store is closed'));
    if (events.length === 0) return Promise.reject(new EventStoreError('An append needs at least one event'));
    return this.writer.append({ streamId, events, expectedVersion: options.expectedVersion ?? 'any' });
  }

  override changeMark(): ChangeMark | undefined {
    return this.read(() => this.writer.changes.mark());
  }

  override unchangedSince(streamId: string, mark: ChangeMark): boolean {
    return this.read(() => this.writer.changes.unchangedSince(streamId, mark));
  }

  override markOfAppend(streamId: string, version: number): ChangeMark | undefined {
    return this.writer.changes.markOfAppend(streamId, version);
  }

  override async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromVersion ?? 0;
    return this.read(() =>
      (options.maxCount === undefined
        ? this.s.readStream.all(streamId, from)
        : this.s.readStreamPage.all(streamId, from, limit(options.maxCount))
      ).map(toRecordedEvent),
    );
  }

  override async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.scanAfter(options.after ?? null, limit(options.maxCount)).events;
  }

  override async headPosition(): Promise<Position | null> {
    return this.read(() => {
      const head = this.s.head.get()?.head ?? null;
      return head === null ? null : sequencePosition(head);
    });
  }

  override unavailable(): Error | undefined {
    return this.writer.failure();
  }

  override onCommit(listener: (head: Position) => void): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  override committedElsewhere(): void {
    this.signal.notify();
  }

  override subscribe(options: SubscribeOptions, handler: BatchHandler): Subscription {
    const source = {
      scanAfter: (after: Position | null, maxCount: number, types?: ReadonlySet<string>) =>
        this.scanAfter(after, maxCount, types),
      signal: this.signal,
      pollIntervalMs: this.pollIntervalMs,
    };
    // Removed through onEnd rather than a handler on `done`: an unobserved handler error must
    // still surface as an unhandled rejection, not be swallowed here.
    const subscription = followLog(source, options, handler, () => this.subscriptions.delete(subscription));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Stops subscriptions (after their in-flight batch), answers queued appends, then closes the file. */
  override close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
      this.closed = true;
      await this.writer.close();
      this.db.close();
    })();
    return this.closing;
  }

  /** Reads synchronously and reports failures in the store's error family. */
  private read<T>(query: () => T): T {
    if (this.closed) throw new EventStoreError('The event store is closed');
    try {
      return query();
    } catch (error) {
      throw toStoreError(error);
    }
  }

  /** A read of the log; with `types` (a subscription's), other rows are passed over before their JSON is parsed. */
  private scanAfter(after: Position | null, maxCount: number, types?: ReadonlySet<string>): LogScan {
    return this.read(() => {
      const rows = this.s.readAll.all(rowidAfter(after), maxCount);
      if (rows.length === 0) return { events: [], through: null };
      const wanted = types ? rows.filter((row) => types.has(row.type)) : rows;
      return {
        events: wanted.map(toRecordedEvent),
        through: sequencePosition(rows[rows.length - 1].global_position),
      };
    });
  }
}
