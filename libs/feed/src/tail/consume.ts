import { randomUUID } from 'node:crypto';
import type * as KafkaModule from 'kafkajs';
import type { Admin, EachBatchPayload } from 'kafkajs';
import { decodeHeaders } from '../headers';
import type { ConsumedMessage } from './tail-message';

export type ConsumeOptions = Readonly<{
  brokers: readonly string[];
  topic: string;
  /** Resume from this consumer group's committed offsets. Default: a throwaway group, from the start. */
  groupId?: string;
  /** Stop once the end offsets seen at start are reached; default: follow until aborted. */
  untilEnd?: boolean;
  signal?: AbortSignal;
  /** `stop` ends consumption before this message: its offset is not committed. */
  onMessage: (message: ConsumedMessage) => Promise<'next' | 'stop'> | 'next' | 'stop';
}>;

/** End offset per partition that has messages: consumption is caught up when it passed them all. */
const endOffsets = async (admin: Admin, topic: string): Promise<Map<number, bigint>> => {
  const offsets = await admin.fetchTopicOffsets(topic);
  return new Map(
    offsets.filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]),
  );
};

/** Reads a topic message by message, partitions one after another, committing only what was handled. */
export const consumeTopic = async (options: ConsumeOptions): Promise<void> => {
  // Loaded on demand, as in the relay's publisher: the feed's barrel must not load kafkajs.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Kafka, logLevel } = require('kafkajs') as typeof KafkaModule;
  const kafka = new Kafka({
    clientId: 'credence-feed-consumer',
    brokers: [...options.brokers],
    logLevel: logLevel.NOTHING,
  });
  const groupId = options.groupId ?? `credence-feed-${randomUUID()}`;
  const admin = kafka.admin();
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  let stopped = false;
  let resolveFinished!: () => void;
  const finished = new Promise<void>((resolve) => (resolveFinished = resolve));
  /** Nothing is handled after this, also not the rest of a batch already fetched. */
  const finish = () => {
    stopped = true;
    resolveFinished();
  };
  options.signal?.addEventListener('abort', finish, { once: true });
  await admin.connect();
  try {
    const remaining = options.untilEnd ? await endOffsets(admin, options.topic) : undefined;
    if (remaining?.size === 0) finish();
    const eachBatch = async ({ batch, resolveOffset, heartbeat }: EachBatchPayload) => {
      for (const message of batch.messages) {
        if (stopped) return;
        const next = await options.onMessage({
          topic: batch.topic,
          partition: batch.partition,
          offset: message.offset,
          key: message.key?.toString('utf8'),
          value: message.value?.toString('utf8'),
          headers: decodeHeaders(message.headers),
        });
        if (next === 'stop') return finish();
        resolveOffset(message.offset);
        const end = remaining?.get(batch.partition);
        if (end !== undefined && BigInt(message.offset) + 1n >= end) {
          remaining!.delete(batch.partition);
          if (remaining!.size === 0) finish();
        }
      }
      await heartbeat();
    };
    if (!stopped) {
      await consumer.connect();
      await consumer.subscribe({ topics: [options.topic], fromBeginning: true });
      await consumer.run({ eachBatchAutoResolve: false, eachBatch });
    }
    await finished;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    if (!options.groupId) await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
};
