import { parseArgs } from 'node:util';
import { eventStoreSettingsFromEnv, openLedgerEventStore, readEnv } from '@credence/config';
import {
  feedCheckpointsPath,
  isHealthy,
  type RelayHealth,
  relaySettingsFromEnv,
  SqliteCheckpointStore,
  startCheckpointFeed,
  startRelay,
} from '@credence/feed';
import { sequenceDistance } from '@credence/event-store';
import {
  consoleOf,
  createProcessLogger,
  kafkaErrorsCounter,
  logSettingsFromEnv,
  processRegistry,
  registerLagGauges,
  serveHealth,
} from '@credence/runtime';
import { CheckpointStore } from '@credence/transparency';

/**
 * feed-relay: publishes the ledger's global log to Kafka (see libs/feed). Configured by the
 * environment (KAFKA_BROKERS, KAFKA_TOPIC_PARTITIONS, KAFKA_REPLICATION_FACTOR, CREDENCE_DATA_DIR,
 * CREDENCE_EVENT_STORE, LOG_LEVEL, LOG_FORMAT, HEALTH_PORT, which serves /health and /metrics);
 * `--topic-prefix`, `--batch-size` and `--probe-interval-ms` are for tests and shared clusters.
 */
const logger = createProcessLogger('feed-relay', logSettingsFromEnv());

const main = async () => {
  const { values } = parseArgs({
    options: {
      'topic-prefix': { type: 'string', default: '' },
      'batch-size': { type: 'string', default: '500' },
      'probe-interval-ms': { type: 'string', default: '10000' },
    },
  });
  const settings = relaySettingsFromEnv();
  if (!settings) throw new Error('KAFKA_BROKERS is not set: the relay has nowhere to publish');
  const storeSettings = eventStoreSettingsFromEnv();
  const store = await openLedgerEventStore(storeSettings);
  const checkpoints = new SqliteCheckpointStore(feedCheckpointsPath(storeSettings.dataDir));
  const metrics = processRegistry();
  const kafkaErrors = kafkaErrorsCounter(metrics);
  let lastError: RelayHealth['lastError'];
  const relay = startRelay({
    store,
    checkpoints,
    brokers: settings.brokers,
    layout: settings.layout,
    topicPrefix: values['topic-prefix'],
    batchSize: Number(values['batch-size']),
    probeIntervalMs: Number(values['probe-interval-ms']),
    logger: consoleOf(logger),
    onHealth: (health) => {
      // Every transient Kafka error is recorded as a new lastError: count those.
      if (health.lastError && health.lastError !== lastError) kafkaErrors.inc();
      lastError = health.lastError;
    },
  });
  registerLagGauges(
    metrics,
    async () => {
      const health = relay.health();
      const head = await store.headPosition();
      return {
        projections: [],
        relay: { events: sequenceDistance(health.checkpoint, head), up: health.state === 'up' },
      };
    },
    { projections: false, relay: true },
  );
  // The transparency log's signed checkpoints, which ledger-api writes to <dataDir>/transparency.sqlite.
  const signed = CheckpointStore.open(storeSettings.dataDir);
  const checkpointFeed = startCheckpointFeed({
    brokers: settings.brokers,
    source: signed,
    progress: checkpoints,
    topicPrefix: values['topic-prefix'],
    replicationFactor: settings.layout.replicationFactor,
  });
  const server = await serveHealth(
    Number(readEnv('HEALTH_PORT')),
    () => {
      const health = relay.health();
      return { healthy: isHealthy(health), body: health };
    },
    metrics,
  );
  logger.info(
    { topic: relay.topics.ledger, brokers: settings.brokers, healthPort: Number(readEnv('HEALTH_PORT')) },
    `publishing to ${relay.topics.ledger} via ${settings.brokers.join(',')}; /health and /metrics on :${readEnv('HEALTH_PORT')}`,
  );

  let closing: Promise<void> | undefined;
  const shutdown = () =>
    (closing ??= (async () => {
      await relay.stop();
      await checkpointFeed.stop();
      signed.close();
      server.close();
      await store.close();
      await checkpoints.close();
      logger.info('stopped');
    })());
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
  try {
    await relay.done;
  } finally {
    await shutdown();
  }
};

main().catch((error: unknown) => {
  logger.fatal({ err: error }, error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
