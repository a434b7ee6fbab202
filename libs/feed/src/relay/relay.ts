import type { EventStore } from '@credence/event-store';
import type { CheckpointStore } from '../checkpoint/checkpoint-store';
import { feedTopics, topicSpecs, type FeedTopics, type TopicLayout } from '../topics';
import type { Backoff } from '@credence/runtime';

/** Exponential with ±20 % jitter, so several relays do not retry in lockstep. */
export const DEFAULT_BACKOFF: Backoff = { initialMs: 250, maxMs: 10_000, jitter: 0.2 };
import { BatchPipeline, type FeedLogger } from './batch-pipeline';
import { HealthTracker, type RelayHealth } from './health';
import { startIdleProbe } from './idle-probe';
import { FeedPublisher } from './publisher';
import { RelayRejectedError, RelayStopping } from './relay-errors';
import { CredentialStatusTracker } from './status-tracker';

export { RelayRejectedError } from './relay-errors';
export type { FeedLogger } from './batch-pipeline';

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
  /** While idle, check Kafka this often so /health shows an outage without traffic; 0 = never. */
  probeIntervalMs?: number;
  clientId?: string;
  logger?: FeedLogger;
  onHealth?: (health: RelayHealth) => void;
}>;

export type Relay = Readonly<{
  health: () => RelayHealth;
  topics: FeedTopics;
  /** Lets a send in flight finish (and checkpoint), abandons retries, closes the producer. */
  stop: () => Promise<void>;
  /** Settles when the relay ends; rejects with a RelayRejectedError when Kafka refused an event. */
  done: Promise<void>;
}>;

export const checkpointName = (topics: FeedTopics): string => `feed-relay:${topics.ledger}`;

/**
 * Follows the event store's global log from the checkpoint and publishes every event to the ledger
 * topic (and credential changes to the status topic). The checkpoint moves only after Kafka
 * acknowledged the whole batch, so a crash re-sends at most that batch.
 */
export const startRelay = (options: RelayOptions): Relay => {
  const topics = feedTopics(options.topicPrefix);
  const publisher = new FeedPublisher({
    brokers: options.brokers,
    clientId: options.clientId ?? 'credence-feed-relay',
    topics: topicSpecs(topics, options.layout ?? { partitions: 6, replicationFactor: 1 }),
  });
  const logger = options.logger ?? console;
  const stopping = new AbortController();
  const health = new HealthTracker(options.onHealth);
  const name = checkpointName(topics);
  const pipeline = new BatchPipeline({
    publisher,
    statuses: new CredentialStatusTracker(options.store),
    checkpoints: options.checkpoints,
    checkpointName: name,
    topics,
    health,
    logger,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    stopping: stopping.signal,
  });
  let subscription: { stop: () => Promise<void> } | undefined;
  let publishing = false;
  let stopProbe = () => {};

  const publish = async (events: Parameters<BatchPipeline['publish']>[0]) => {
    publishing = true;
    try {
      await pipeline.publish(events);
    } finally {
      publishing = false;
    }
  };

  const run = async (): Promise<void> => {
    const after = await options.checkpoints.load(name);
    health.resumed(after);
    await pipeline.untilDone(async () => {
      await publisher.connect();
      pipeline.kafkaUp();
    });
    stopProbe = startIdleProbe({
      intervalMs: options.probeIntervalMs ?? 10_000,
      busy: () => publishing || stopping.signal.aborted,
      probe: () => publisher.probe(),
      onDown: (message) => pipeline.kafkaDown(message),
      onUp: () => pipeline.kafkaUp(),
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
        health.failed({
          message: error.message,
          eventId: error.event.eventId,
          globalPosition: error.event.globalPosition,
        });
      }
      logger.error(`feed relay stopped: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    })
    .finally(async () => {
      stopProbe();
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
