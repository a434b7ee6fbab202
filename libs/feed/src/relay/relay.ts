import { comparePositions, type EventStore, type Position, type RecordedEvent } from '@credence/event-store';
import type { CheckpointStore } from '../checkpoint/checkpoint-store';
import { ledgerMessage, statusMessage, type FeedMessage } from '../messages';
import { feedTopics, topicSpecs, type FeedTopics, type TopicLayout } from '../topics';
import { backoffDelay, DEFAULT_BACKOFF, pause, type Backoff } from './backoff';
import { HealthTracker, type RelayHealth } from './health';
import { permanentRejection, rootMessage } from './kafka-errors';
import { FeedPublisher, type TopicBatch } from './publisher';
import { CredentialStatusTracker } from './status-tracker';

export type FeedLogger = Pick<Console, 'info' | 'warn' | 'error'>;

export type RelayOptions = Readonly<{
  store: EventStore;
  checkpoints: CheckpointStore;
  brokers: readonly string[];
  /** Prepended to the topic names (test runs, shared clusters). Also names the checkpoint. */
  topicPrefix?: string;
  layout?: TopicLayout;
  /** Events per Kafka send; the checkpoint advances once per acknowledged batch. */
  batchSize?: number;
  backoff?: Backoff;
  clientId?: string;
  logger?: FeedLogger;
  onHealth?: (health: RelayHealth) => void;
}>;

export type Relay = Readonly<{
  health: () => RelayHealth;
  topics: FeedTopics;
  /** Finishes the batch in flight (or abandons its retries) and closes the producer. */
  stop: () => Promise<void>;
  /** Settles when the relay ends; rejects with a RelayRejectedError when Kafka refused an event. */
  done: Promise<void>;
}>;

/** Kafka refused an event for good. The relay stops before it: nothing after it is published. */
export class RelayRejectedError extends Error {
  constructor(
    readonly event: Pick<RecordedEvent, 'eventId' | 'globalPosition' | 'type' | 'streamId'>,
    readonly reason: string,
    override readonly cause?: unknown,
  ) {
    super(
      `Kafka rejected event ${event.eventId} (${event.type} on ${event.streamId}, position ${event.globalPosition}): ` +
        `${reason}. The relay stopped before it; fix the cause and restart.`,
    );
    this.name = 'RelayRejectedError';
  }
}

class RelayStopping extends Error {}

export const checkpointName = (topics: FeedTopics): string => `feed-relay:${topics.ledger}`;

/**
 * Follows the event store's global log from the checkpoint and publishes every event to the ledger
 * topic (and credential changes to the status topic). The checkpoint moves only after Kafka
 * acknowledged the whole batch, so a crash re-sends at most that batch.
 */
export const startRelay = (options: RelayOptions): Relay => {
  const topics = feedTopics(options.topicPrefix);
  const layout = options.layout ?? { partitions: 6, replicationFactor: 1 };
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const logger = options.logger ?? console;
  const name = checkpointName(topics);
  const publisher = new FeedPublisher({
    brokers: options.brokers,
    clientId: options.clientId ?? 'credence-feed-relay',
    topics: topicSpecs(topics, layout),
  });
  const statuses = new CredentialStatusTracker(options.store);
  const stopping = new AbortController();
  const health = new HealthTracker(options.onHealth);
  let subscription: { stop: () => Promise<void> } | undefined;

  /** Runs `attempt` until it succeeds, backing off on transient errors; permanent ones are thrown. */
  const untilDone = async (attempt: () => Promise<void>): Promise<void> => {
    for (let failures = 0; ; failures++) {
      if (stopping.signal.aborted) throw new RelayStopping();
      try {
        await attempt();
        return;
      } catch (error) {
        if (permanentRejection(error) || stopping.signal.aborted) throw error;
        const message = rootMessage(error);
        if (health.health.state !== 'retrying') logger.warn(`feed relay: Kafka unavailable (${message}); retrying`);
        health.unreachable(message);
        await publisher.reset();
        await pause(backoffDelay(failures, backoff), stopping.signal);
      }
    }
  };

  const batchesFor = async (events: readonly RecordedEvent[]): Promise<TopicBatch[]> => {
    const status: FeedMessage[] = [];
    for (const event of events) {
      const record = await statuses.next(event);
      if (record) status.push(statusMessage(record));
    }
    return [
      { topic: topics.ledger, messages: events.map(ledgerMessage) },
      { topic: topics.credentialStatus, messages: status },
    ];
  };

  const acknowledged = async (events: readonly RecordedEvent[]) => {
    const last = events[events.length - 1].globalPosition;
    await options.checkpoints.save(name, last);
    if (health.health.state === 'retrying') logger.info('feed relay: Kafka reachable again');
    health.published(last, events.length);
  };

  /** After a permanent refusal of a batch: publish event by event up to the one Kafka refuses. */
  const isolateRejected = async (events: readonly RecordedEvent[], cause: unknown): Promise<never> => {
    for (const event of events) {
      const batches = await batchesFor([event]);
      try {
        await untilDone(() => publisher.send(batches));
      } catch (error) {
        const reason = permanentRejection(error);
        if (reason) throw new RelayRejectedError(event, reason, error);
        throw error;
      }
      await acknowledged([event]);
    }
    throw new RelayRejectedError(events[0], permanentRejection(cause) ?? rootMessage(cause), cause);
  };

  /** The port promises events strictly after `after`; a store that re-delivers must not duplicate the feed. */
  const unpublished = (delivered: readonly RecordedEvent[]): readonly RecordedEvent[] => {
    const acked = health.health.checkpoint;
    const fresh = delivered.filter((e) => comparePositions(e.globalPosition, acked) > 0);
    if (fresh.length < delivered.length) {
      logger.warn(`feed relay: the event store re-delivered ${delivered.length - fresh.length} event(s) at or before ${acked}; skipped`);
    }
    return fresh;
  };

  const publish = async (delivered: readonly RecordedEvent[]): Promise<void> => {
    const events = unpublished(delivered);
    if (events.length === 0) return;
    const batches = await batchesFor(events);
    try {
      await untilDone(() => publisher.send(batches));
    } catch (error) {
      if (!permanentRejection(error)) throw error;
      return isolateRejected(events, error);
    }
    await acknowledged(events);
  };

  const run = async (): Promise<void> => {
    const after: Position | null = await options.checkpoints.load(name);
    health.resumed(after);
    await untilDone(async () => {
      await publisher.connect();
      health.connected();
    });
    const sub = options.store.subscribe({ after, batchSize: options.batchSize ?? 500 }, publish);
    subscription = sub;
    if (stopping.signal.aborted) await sub.stop();
    await sub.done;
  };

  const done = run()
    .catch((error: unknown) => {
      if (error instanceof RelayStopping || stopping.signal.aborted) return;
      if (error instanceof RelayRejectedError) {
        health.failed({ message: error.message, eventId: error.event.eventId, globalPosition: error.event.globalPosition });
      }
      logger.error(`feed relay stopped: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    })
    .finally(async () => {
      await publisher.close();
      health.stopped();
    });

  return {
    health: () => health.health,
    topics,
    stop: async () => {
      stopping.abort();
      await subscription?.stop().catch(() => undefined);
      await done.catch(() => undefined);
    },
    done,
  };
};
