import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@credence/event-store';
import {
  feedCheckpointsPath,
  type Relay,
  type RelayHealth,
  SqliteCheckpointStore,
  startRelay,
} from '@credence/feed';
import { LedgerConfig } from '../config';
import { Metrics } from '../observability/metrics';
import { feedLogger } from './feed-logger';

/**
 * The Kafka feed relay, run inside ledger-api when KAFKA_BROKERS is set. It follows the log from
 * its own durable checkpoint, never from the append path. Run it here or as apps/feed-relay, not both.
 */
@Injectable()
export class EmbeddedRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('FeedRelay');
  private relay?: Relay;
  private checkpoints?: SqliteCheckpointStore;

  constructor(
    private readonly config: LedgerConfig,
    private readonly store: EventStore,
    private readonly metrics: Metrics,
  ) {}

  onApplicationBootstrap(): void {
    const feed = this.config.feed;
    if (!feed) return;
    this.checkpoints = new SqliteCheckpointStore(feedCheckpointsPath(this.config.dataDir));
    let lastError: RelayHealth['lastError'];
    this.relay = startRelay({
      store: this.store,
      checkpoints: this.checkpoints,
      brokers: feed.brokers,
      layout: feed.layout,
      topicPrefix: feed.topicPrefix,
      logger: feedLogger(this.logger),
      onHealth: (health) => {
        // Every transient Kafka error is recorded as a new lastError: count those.
        if (health.lastError && health.lastError !== lastError) this.metrics.kafkaError();
        lastError = health.lastError;
      },
    });
    // A permanent refusal stops the relay at that event; /health shows it. It must not crash the API.
    this.relay.done.catch((error: unknown) =>
      this.logger.error(`Feed relay stopped: ${(error as Error).message}`),
    );
    this.logger.log(`Relaying the log to ${this.relay.topics.ledger} on ${feed.brokers.join(',')}`);
  }

  health(): RelayHealth | undefined {
    return this.relay?.health();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay?.stop();
    await this.checkpoints?.close();
  }
}
