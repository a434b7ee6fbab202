import type { AppendResult, ExpectedVersion, NewEvent, Position, RecordedEvent } from './envelope';

/**
 * The caller's event types, each with the schema version new events of that type are written in.
 * The domain hands this in when it opens a store, so the store itself stays generic.
 */
export type EventSchemaVersions = Readonly<Record<string, number>>;

export type ReadStreamOptions = Readonly<{ fromVersion?: number; maxCount?: number }>;
export type ReadAllOptions = Readonly<{ after?: Position | null; maxCount?: number }>;

export type SubscribeOptions = Readonly<{
  /** Deliver events strictly after this position; null = from the start of the log. */
  after: Position | null;
  batchSize?: number;
  /**
   * Only events of these types reach the handler; the others are read past, undecoded where the
   * adapter can, and the subscription moves on beyond them. Unset: every event. With types, a
   * read that held none of them may reach the handler as an empty batch, so that a checkpoint
   * can move past what was skipped (the handler's `through`).
   */
  types?: ReadonlySet<string>;
}>;

/**
 * Events are delivered in global order; the next batch waits until the handler's promise settles.
 * `through` is the position the subscription has read through: the batch's last event, or past it
 * when events of other types were skipped after it (a checkpoint may be written there).
 */
export type BatchHandler = (events: readonly RecordedEvent[], through: Position) => Promise<void>;

export type Subscription = Readonly<{
  stop: () => Promise<void>;
  /** Settles when the subscription stops; rejects with the handler's error if it threw. */
  done: Promise<void>;
}>;

/**
 * A point in what a store has seen of its log, for caches: a number that only grows. Only the store
 * that gave it can read it (see EventStore.changeMark).
 */
export type ChangeMark = number;

/**
 * The one port. An abstract class so Nest can use it as a DI token; it carries no Nest import.
 * Every adapter passes the same contract suite (`contract.ts`).
 */
export abstract class EventStore {
  constructor(
    /** The event types the caller writes and reads; see EventSchemaVersions. */
    protected readonly schemaVersions: EventSchemaVersions = {},
  ) {}

  /** The schema version a new event of this type is written in: the caller's, or 1 for a type it did not list. */
  schemaVersionOf(type: string): number {
    return Object.hasOwn(this.schemaVersions, type) ? this.schemaVersions[type] : 1;
  }

  /**
   * Appends atomically. Hashes are chained per stream by the store. Retrying with the same event ids
   * returns the first result and stores nothing new, also after a restart.
   */
  abstract append(
    streamId: string,
    events: readonly NewEvent[],
    options?: { expectedVersion?: ExpectedVersion },
  ): Promise<AppendResult>;

  /**
   * A mark to take before a read, so a cache can later ask `unchangedSince` instead of reading
   * again. Undefined when the adapter cannot tell cheaply: callers then always read.
   */
  changeMark(): ChangeMark | undefined {
    return undefined;
  }

  /**
   * True only when no append to `streamId` can have committed since `mark` was taken, by this
   * process or any other: what was read after taking the mark is still the stream's end. False
   * whenever the adapter cannot tell.
   */
  unchangedSince(_streamId: string, _mark: ChangeMark): boolean {
    return false;
  }

  /**
   * The mark as of this store's own append that left `streamId` at `version`, while the store still
   * knows it: the caller may keep the state it derived from that append without reading it back.
   */
  markOfAppend(_streamId: string, _version: number): ChangeMark | undefined {
    return undefined;
  }

  /** [] when the stream does not exist. */
  abstract readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Credence events in global order, strictly after `after`. */
  abstract readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Catch-up subscription: reads history from `after`, then follows new appends. */
  abstract subscribe(options: SubscribeOptions, handler: BatchHandler): Subscription;

  /** The position of the last event in the log, or null when empty. */
  abstract headPosition(): Promise<Position | null>;

  /**
   * Why this store can no longer append, once it knows that for good (its writer thread stopped:
   * every append now fails as unavailable while reads go on); undefined while it can. Readiness
   * and liveness report it, so that an orchestrator restarts the process. Adapters whose writes
   * go to a server, where a reconnect may recover, never report one.
   */
  unavailable(): Error | undefined {
    return undefined;
  }

  /**
   * Calls `listener` after each transaction of this store's own appends commits, with the log's
   * head then, so a follower on another connection (a worker thread's) can be woken without
   * polling. Returns the unsubscribe. Adapters whose followers are pushed every append by a server
   * never call it.
   */
  onCommit(_listener: (head: Position) => void): () => void {
    return () => undefined;
  }

  /**
   * Another connection to the same log committed: this store's subscriptions read now instead of
   * at their next poll. A no-op where a server pushes appends to subscriptions.
   */
  committedElsewhere(): void {}

  abstract close(): Promise<void>;
}
