import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type PublishedList, startStatusListFeed, type StatusListFeed } from '@credence/feed';
import { queryPublishedStatusLists, ReadModelDatabase } from '@credence/projections';
import { LedgerConfig } from '../config';
import { feedLogger } from '../infrastructure/feed-logger';
import { StatusListPublisher } from './status-lists';

/**
 * Publishes the issuers' signed status lists to `credence.status-lists.v1` when the feed runs
 * inside ledger-api (KAFKA_BROKERS set): the same documents `GET /status-lists/...` serves.
 */
@Injectable()
export class StatusListFeedService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('StatusListFeed');
  private feed?: StatusListFeed;
  /** Lists once published stay in every poll, so a list whose last bit cleared is published empty. */
  private readonly known = new Map<string, Parameters<StatusListPublisher['current']>>();

  constructor(
    private readonly config: LedgerConfig,
    private readonly readModels: ReadModelDatabase,
    private readonly publisher: StatusListPublisher,
  ) {}

  onApplicationBootstrap(): void {
    const feed = this.config.feed;
    if (!feed) return;
    this.feed = startStatusListFeed({
      brokers: feed.brokers,
      source: { lists: () => this.lists() },
      topicPrefix: feed.topicPrefix,
      replicationFactor: feed.layout.replicationFactor,
      logger: feedLogger(this.logger),
    });
    this.logger.log(`Publishing status lists to ${this.feed.topic}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.feed?.stop();
  }

  private async lists(): Promise<PublishedList[]> {
    for (const { issuerId, purpose, list } of await queryPublishedStatusLists(this.readModels.db))
      this.known.set(`${issuerId}/${purpose}/${list}`, [issuerId, purpose, list]);
    const published: PublishedList[] = [];
    for (const args of this.known.values()) {
      const { url, etag, credential } = await this.publisher.current(...args);
      published.push({ url, version: etag, document: credential });
    }
    return published;
  }
}
