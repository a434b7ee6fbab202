import type * as KafkaModule from 'kafkajs';
import type { Admin, Kafka, logLevel, Producer, TopicMessages } from 'kafkajs';
import type { FeedMessage } from '../messages';
import type { TopicSpec } from '../topics';

export type PublisherOptions = Readonly<{
  brokers: readonly string[];
  clientId: string;
  topics: readonly TopicSpec[];
  /** kafkajs' own logging; the relay reports outages itself, so the default is silence. */
  kafkaLogLevel?: logLevel;
}>;

const PRODUCER_RETRY = { retries: 4, initialRetryTime: 200, maxRetryTime: 2_000 };

export type TopicBatch = Readonly<{ topic: string; messages: readonly FeedMessage[] }>;

/**
 * One idempotent producer with acks=-1. After a failed send the producer is replaced: a fresh
 * producer id is the simple way back to a consistent sequence after an outage; the price is that
 * the failed batch may be written twice, which consumers dedupe by event id.
 */
export class FeedPublisher {
  private readonly kafka: Kafka;
  private producer?: Producer;

  constructor(private readonly options: PublisherOptions) {
    // Loaded on demand: the feed's barrel is in every ledger-api, and one without KAFKA_BROKERS
    // never builds a publisher, so it never pays for kafkajs (143 modules, ~1.5 MB of heap).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Kafka, logLevel } = require('kafkajs') as typeof KafkaModule;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: [...options.brokers],
      connectionTimeout: 3_000,
      requestTimeout: 30_000,
      // Bounded: the relay's own loop retries with backoff and reports the outage in /health.
      retry: PRODUCER_RETRY,
      logLevel: options.kafkaLogLevel ?? logLevel.NOTHING,
    });
  }

  /** Creates missing topics (existing ones are left as they are) and connects the producer. */
  async connect(): Promise<void> {
    const admin: Admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = this.options.topics.filter((t) => !existing.has(t.topic));
      if (missing.length > 0) {
        await admin.createTopics({
          topics: missing.map((t) => ({ ...t, configEntries: [...t.configEntries] })),
          waitForLeaders: true,
        });
      }
    } finally {
      await admin.disconnect();
    }
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        // kafkajs defaults an idempotent producer to endless retries, which would hide an outage.
        retry: PRODUCER_RETRY,
      });
      await producer.connect();
      this.producer = producer;
    }
  }

  /** Resolves once every partition leader and its in-sync replicas acknowledged (acks=-1). */
  async send(batches: readonly TopicBatch[]): Promise<void> {
    if (!this.producer) await this.connect();
    const topicMessages: TopicMessages[] = batches
      .filter((b) => b.messages.length > 0)
      .map((b) => ({ topic: b.topic, messages: b.messages.map((m) => ({ ...m })) }));
    await this.producer!.sendBatch({ topicMessages, acks: -1, timeout: 30_000 });
  }

  /** Asks the cluster for its brokers: succeeds only when Kafka answers. */
  async probe(): Promise<void> {
    const admin = this.kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** Drops the producer after a failure; the next send connects a new one. */
  async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.reset();
  }
}
