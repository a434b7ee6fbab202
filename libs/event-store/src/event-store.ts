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
}>;

/** Events are delivered in global order; the next batch waits until the handler's promise settles. */
export type BatchHandler = (events: readonly RecordedEvent[]) => Promise<void>;

export type Subscription = Readonly<{
  stop: () => Promise<void>;
  /** Settles when the subscription stops; rejects with the handler's error if it threw. */
  done: Promise<void>;
}>;

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

  /** [] when the stream does not exist. */
  abstract readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Credence events in global order, strictly after `after`. */
  abstract readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Catch-up subscription: reads history from `after`, then follows new appends. */
  abstract subscribe(options: SubscribeOptions, handler: BatchHandler): Subscription;

  /** The position of the last event in the log, or null when empty. */
  abstract headPosition(): Promise<Position | null>;

  abstract close(): Promise<void>;
}
