import { EventStoreDBClient } from '@eventstore/db-client';
import type { AppendResult, ExpectedVersion, NewEvent, Position, RecordedEvent } from '../envelope';
import { EventStoreError } from '../errors';
import {
  EventStore,
  type BatchHandler,
  type EventSchemaVersions,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from '../event-store';
import { lastCredencePosition, scanForward } from './all-log';
import { appendChained } from './append';
import { fromRecordedEvent } from './envelope-codec';
import { mapErrors, type ErrorContext } from './error-mapping';
import { credenceEventPredicate } from './event-filter';
import { readStreamEvents } from './reads';
import { subscribeToCredenceEvents } from './subscription';

export type EventStoreDbOptions = Readonly<{
  /**
   * The caller's event types and their schema versions. A server may hold other applications'
   * events too: `readAll`, `subscribe` and `headPosition` see only these types.
   */
  schemaVersions: EventSchemaVersions;
}>;

/**
 * The event store port on EventStoreDB. Streams map one to one; the envelope fields EventStoreDB
 * has no place for (schema version, Credence metadata, the hash chain) travel in event metadata;
 * `$all` positions cross the port as "<commit>:<prepare>".
 */
export class EventStoreDbEventStore extends EventStore {
  private readonly eventTypes: readonly string[];
  private readonly isCredence: ReturnType<typeof credenceEventPredicate>;
  private readonly subscriptions = new Set<Subscription>();
  private closing: Promise<void> | undefined;

  constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbOptions,
  ) {
    super(options.schemaVersions);
    this.eventTypes = Object.keys(options.schemaVersions);
    this.isCredence = credenceEventPredicate(this.eventTypes);
  }

  /** E.g. `esdb://eventstoredb:2113?tls=false`. Connects lazily, on the first call. */
  static connect(connectionString: string, options: EventStoreDbOptions): EventStoreDbEventStore {
    try {
      return new EventStoreDbEventStore(EventStoreDBClient.connectionString(connectionString), options);
    } catch (error) {
      throw new EventStoreError(`Invalid ESDB_CONNECTION_STRING: ${(error as Error).message}`);
    }
  }

  override append(
    streamId: string,
    events: readonly NewEvent[],
    { expectedVersion = 'any' }: { expectedVersion?: ExpectedVersion } = {},
  ): Promise<AppendResult> {
    return this.run({ operation: 'append', streamId, expected: expectedVersion }, () =>
      appendChained(this.client, streamId, events, expectedVersion),
    );
  }

  override readStream(
    streamId: string,
    { fromVersion = 0, maxCount }: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    return this.run({ operation: 'readStream', streamId }, async () => {
      if (maxCount === 0) return [];
      const events = await readStreamEvents(this.client, streamId, { from: BigInt(fromVersion), maxCount });
      return events.map(fromRecordedEvent);
    });
  }

  override readAll({ after = null, maxCount }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.run({ operation: 'readAll' }, async () => {
      if (maxCount === 0) return [];
      const events = await scanForward(this.client, this.isCredence, after, maxCount);
      return events.map(fromRecordedEvent);
    });
  }

  override subscribe(options: SubscribeOptions, handler: BatchHandler): Subscription {
    if (this.closing) throw new EventStoreError('The event store is closed');
    const subscription = subscribeToCredenceEvents(this.client, this.eventTypes, options, handler, () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  override headPosition(): Promise<Position | null> {
    return this.run({ operation: 'headPosition' }, () => lastCredencePosition(this.client, this.isCredence));
  }

  /** Runs a client call unless closed, reporting failures in the port's error family. */
  private run<T>(context: ErrorContext, call: () => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new EventStoreError('The event store is closed'));
    return mapErrors(context, call);
  }

  /** Stops subscriptions (after their in-flight batch), then closes the gRPC channel. */
  override close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
      await this.client.dispose();
    })();
    return this.closing;
  }
}
