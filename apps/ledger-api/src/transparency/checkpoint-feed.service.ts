import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  type CheckpointFeed,
  feedCheckpointsPath,
  SqliteCheckpointStore,
  startCheckpointFeed,
} from '@credence/feed';
import { CheckpointStore } from '@credence/transparency';
import { LedgerConfig } from '../config';
import { feedLogger } from '../infrastructure/feed-logger';

/**
 * Publishes signed checkpoints to `credence.checkpoints.v1` when the feed runs inside ledger-api
 * (KAFKA_BROKERS set). It reads the checkpoint store on its own connection, like a separate relay would.
 */
@Injectable()
export class CheckpointFeedService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CheckpointFeed');
  private feed?: CheckpointFeed;
  private source?: CheckpointStore;
  private progress?: SqliteCheckpointStore;

  constructor(private readonly config: LedgerConfig) {}

  onApplicationBootstrap(): void {
    const feed = this.config.feed;
    if (!feed) return;
    this.source = CheckpointStore.open(this.config.dataDir);
    this.progress = new SqliteCheckpointStore(feedCheckpointsPath(this.config.dataDir));
    this.feed = startCheckpointFeed({
      brokers: feed.brokers,
      source: this.source,
      progress: this.progress,
      topicPrefix: feed.topicPrefix,
      replicationFactor: feed.layout.replicationFactor,
      logger: feedLogger(this.logger),
    });
    this.logger.log(`Publishing signed checkpoints to ${this.feed.topic}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.feed?.stop();
    this.source?.close();
    await this.progress?.close();
  }
}
