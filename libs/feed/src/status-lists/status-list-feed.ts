import { HEADERS, RECORD_TYPES } from '../headers';
import type { FeedMessage } from '../messages';
import type { FeedLogger } from '../relay/batch-pipeline';
import { type PollingFeed, startPollingFeed } from '../relay/polling-feed';
import { statusListsTopicSpec } from '../topics';

/** One signed status list as served at its URL; `version` changes whenever its bits (or key) do. */
export type PublishedList = Readonly<{ url: string; version: string; document: object }>;

/** The lists to publish, as they stand now (the API's own lists, read from its projection). */
export type StatusListSource = Readonly<{ lists: () => Promise<readonly PublishedList[]> }>;

export type StatusListFeedOptions = Readonly<{
  brokers: readonly string[];
  source: StatusListSource;
  topicPrefix?: string;
  replicationFactor?: number;
  pollIntervalMs?: number;
  logger?: FeedLogger;
}>;

/** A polling feed: its topic, `stop`, and `done` once it has stopped. */
export type StatusListFeed = PollingFeed;

/** The signed list credential is the value, byte for byte as served; its URL is the key. */
export const statusListMessage = (list: PublishedList): FeedMessage => ({
  key: list.url,
  value: JSON.stringify(list.document),
  headers: {
    [HEADERS.recordType]: RECORD_TYPES.statusList,
    [HEADERS.contentType]: 'application/ld+json',
    [HEADERS.listVersion]: list.version,
  },
});

/**
 * Publishes each status list to the compacted `credence.status-lists.v1` whenever its version
 * changes. The versions sent live in memory: after a restart every list is sent once more, which
 * compaction folds away, so nothing needs a durable checkpoint.
 */
export const startStatusListFeed = (options: StatusListFeedOptions): StatusListFeed => {
  const spec = statusListsTopicSpec(options.topicPrefix ?? '', options.replicationFactor ?? 1);
  const sent = new Map<string, string>();
  return startPollingFeed({
    brokers: options.brokers,
    clientId: 'credence-status-list-feed',
    spec,
    label: 'status list feed',
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    logger: options.logger ?? console,
    round: async (publisher) => {
      const changed = (await options.source.lists()).filter((list) => sent.get(list.url) !== list.version);
      if (changed.length > 0) {
        await publisher.send([{ topic: spec.topic, messages: changed.map(statusListMessage) }]);
        for (const list of changed) sent.set(list.url, list.version);
      }
      return false;
    },
  });
};
