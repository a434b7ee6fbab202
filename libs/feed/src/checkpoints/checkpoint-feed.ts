import type { CheckpointStore } from '../checkpoint/checkpoint-store';
import { HEADERS, RECORD_TYPES } from '../headers';
import type { FeedMessage } from '../messages';
import type { FeedLogger } from '../relay/batch-pipeline';
import { type PollingFeed, startPollingFeed } from '../relay/polling-feed';
import { checkpointsTopicSpec } from '../topics';

/** Where signed checkpoints come from (the transparency log's checkpoint store), in size order. */
export type SignedCheckpointSource = Readonly<{
  after: (treeSize: number, limit: number) => readonly { treeSize: number; note: string }[];
}>;

export type CheckpointFeedOptions = Readonly<{
  brokers: readonly string[];
  source: SignedCheckpointSource;
  /** Remembers the last tree size Kafka acknowledged (the relay's checkpoint file). */
  progress: CheckpointStore;
  topicPrefix?: string;
  replicationFactor?: number;
  pollIntervalMs?: number;
  logger?: FeedLogger;
}>;

/** A polling feed: its topic, `stop`, and `done` once it has stopped. */
export type CheckpointFeed = PollingFeed;

/** The note is the value, byte for byte as signed; the origin (first line) is the key. */
export const checkpointMessage = ({ treeSize, note }: { treeSize: number; note: string }): FeedMessage => ({
  key: note.slice(0, note.indexOf('\n')),
  value: note,
  headers: {
    [HEADERS.recordType]: RECORD_TYPES.checkpoint,
    [HEADERS.contentType]: 'text/plain; charset=utf-8',
    [HEADERS.treeSize]: String(treeSize),
  },
});

/**
 * Publishes every signed checkpoint to `credence.checkpoints.v1`, oldest first, and moves its
 * progress only after Kafka acknowledged: after a crash a checkpoint may be sent twice (same
 * bytes), never skipped. Polls the store, since checkpoints are signed at most once a second.
 */
export const startCheckpointFeed = (options: CheckpointFeedOptions): CheckpointFeed => {
  const spec = checkpointsTopicSpec(options.topicPrefix ?? '', options.replicationFactor ?? 1);
  const name = `checkpoint-feed:${spec.topic}`;
  let sent: number | undefined;
  return startPollingFeed({
    brokers: options.brokers,
    clientId: 'credence-checkpoint-feed',
    spec,
    label: 'checkpoint feed',
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    logger: options.logger ?? console,
    round: async (publisher) => {
      sent ??= Number((await options.progress.load(name)) ?? 0);
      const batch = options.source.after(sent, 100);
      if (batch.length > 0) {
        await publisher.send([{ topic: spec.topic, messages: batch.map(checkpointMessage) }]);
        sent = batch[batch.length - 1].treeSize;
        await options.progress.save(name, String(sent));
      }
      return batch.length === 100;
    },
  });
};
