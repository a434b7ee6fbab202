import { backoffDelay, pause } from '@credence/runtime';
import type { FeedLogger } from './batch-pipeline';
import { FeedPublisher } from './publisher';
import { DEFAULT_BACKOFF } from './relay';
import type { TopicSpec } from '../topics';

export type PollingFeed = Readonly<{ topic: string; stop: () => Promise<void>; done: Promise<void> }>;

export type PollingFeedOptions = Readonly<{
  brokers: readonly string[];
  clientId: string;
  spec: TopicSpec;
  /** Named in the warning a failed round logs. */
  label: string;
  pollIntervalMs: number;
  logger: FeedLogger;
  /** One round: publish what is new; true when there is more to send right away. */
  round: (publisher: FeedPublisher) => Promise<boolean>;
}>;

/**
 * A feed that polls its source and publishes to one topic: rounds until stopped, a pause between
 * rounds, and after a failure a fresh producer and a backoff (the checkpoint and status-list feeds).
 */
export const startPollingFeed = (options: PollingFeedOptions): PollingFeed => {
  const publisher = new FeedPublisher({
    brokers: options.brokers,
    clientId: options.clientId,
    topics: [options.spec],
  });
  const stopping = new AbortController();
  const run = async () => {
    for (let failures = 0; !stopping.signal.aborted;) {
      try {
        const more = await options.round(publisher);
        failures = 0;
        if (!more) await pause(options.pollIntervalMs, stopping.signal);
      } catch (error) {
        options.logger.warn(`${options.label}: ${(error as Error).message}; retrying`);
        await publisher.reset();
        await pause(backoffDelay(failures++, DEFAULT_BACKOFF), stopping.signal);
      }
    }
  };
  const done = run().finally(() => publisher.close());
  return {
    topic: options.spec.topic,
    stop: async () => {
      stopping.abort();
      await done.catch(() => undefined);
    },
    done,
  };
};
